import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), isTTY: false, cwd: process.cwd() } };
}

test('an unknown command is a usage error (exit 2) with a clear message', async () => {
  const { err, io } = capture();
  assert.equal(await runCli(['frobnicate'], io), 2);
  assert.match(err.join(''), /unknown command 'frobnicate'/);
});

test('no command prints help on stderr and exits 2', async () => {
  const { err, io } = capture();
  assert.equal(await runCli([], io), 2);
  assert.match(err.join(''), /Usage: integration-orchestrator/);
});
