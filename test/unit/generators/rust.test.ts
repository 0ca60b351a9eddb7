/**
 * Every Rust variant passes `cargo check --offline` against Debian's packaged crates
 * (/usr/share/cargo/registry through a source replacement in the temp project's
 * .cargo/config.toml), with `#![deny(warnings)]`. The Cargo.toml is built from the dependency
 * lines the generators hand to users, so those lines are checked too. Not packaged, hence not
 * generated: redis (database-cache), lapin and rdkafka (queues).
 * The target dir is kept in the cache folder: a cold check compiles tokio/hyper/reqwest (minutes
 * on two cores), later runs take seconds.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findBinary } from '../probes/servers';
import { cacheDir, generateInto, makeTempDir, run, type Generated } from './helpers';

const CARGO = findBinary('cargo') ?? (existsSync(path.join(process.env.HOME ?? '/root', '.cargo/bin/cargo')) ? path.join(process.env.HOME ?? '/root', '.cargo/bin/cargo') : undefined);
const REGISTRY = '/usr/share/cargo/registry';
const temp = makeTempDir('rust');
const root = temp.dir;
after(() => temp.cleanup());

let generated: Generated[] = [];
let refused: string[] = [];

before(() => {
  const result = generateInto(root, 'rust');
  generated = result.generated;
  refused = result.refused.map(({ variant }) => variant.pattern);
  const crates = [...new Set(generated.flatMap((g) => g.output.dependencies).filter((line) => /^[\w-]+ = /.test(line)))].sort();
  writeFileSync(path.join(root, 'Cargo.toml'), ['[package]', 'name = "generated"', 'version = "0.1.0"', 'edition = "2021"', '', '[dependencies]', ...crates, ''].join('\n'));
  mkdirSync(path.join(root, '.cargo'), { recursive: true });
  writeFileSync(path.join(root, '.cargo/config.toml'), [
    '[source.crates-io]', 'replace-with = "debian"', '', '[source.debian]', `directory = "${REGISTRY}"`, '', '[net]', 'offline = true', '',
  ].join('\n'));
  const modules = [...new Set(generated.map((g) => g.output.files[0]!.path.split('/')[1]!))];
  writeFileSync(path.join(root, 'src/lib.rs'), `#![deny(warnings)]\n${modules.map((m) => `pub mod ${m};`).join('\n')}\n`);
});

const skip = !CARGO ? 'cargo is not installed' : !existsSync(path.join(REGISTRY, 'reqwest-0.11.13')) && !existsSync(REGISTRY) ? 'Debian librust-*-dev crates are not installed' : false;

test('every Rust variant passes cargo check --offline against Debian\'s crates', { skip, timeout: 600_000 }, async () => {
  assert.deepEqual(refused.sort(), ['database-cache', 'queue-consumer', 'queue-consumer', 'queue-producer', 'queue-producer', 'workflow'], 'workflow: the Temporal variant');
  const result = await run(CARGO!, ['check', '--offline', '--quiet'], {
    cwd: root,
    env: { ...process.env, CARGO_TARGET_DIR: cacheDir('cargo-generated-target'), CARGO_TERM_COLOR: 'never' },
    timeoutMs: 600_000,
  });
  assert.equal(result.code, 0, result.stderr);
});
