/**
 * Every Go variant passes `go vet` (which type-checks) in GOPATH mode against Debian's packages:
 * golang-go 1.19, amqp091-go, segmentio/kafka-go, gomodule/redigo and pgx v4 (the generated code
 * imports github.com/jackc/pgx/v5/stdlib only for its "pgx" database/sql driver, whose use is
 * identical in v4, so v5 is a symlink to v4 here). OpenTelemetry: Debian ships otel 1.1.0, whose
 * metric API predates the stable one, so the monitoring file is checked against the stubs in
 * stubs/go (the current API's signatures). No module proxy is reachable here: GOPROXY=off.
 * The webhook receiver is built, started, and sent good, bad and replayed requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findBinary } from '../probes/servers';
import { generateInto, makeTempDir, onLines, run, type Variant } from './helpers';

const GO = findBinary('go');
const temp = makeTempDir('go');
const gopath = temp.dir;
const app = path.join(gopath, 'src/example.com/app');
after(() => temp.cleanup());

const goEnv = (): NodeJS.ProcessEnv => ({
  ...process.env, GO111MODULE: 'off', GOPATH: `${gopath}:/usr/share/gocode`, GOPROXY: 'off', GOFLAGS: '', CGO_ENABLED: '0',
});

const RUNTIME: Variant[] = [{ pattern: 'webhook-receiver', name: 'hooks-rt', options: {} }];

before(() => {
  mkdirSync(app, { recursive: true });
  generateInto(app, 'go');
  generateInto(app, 'go', RUNTIME);
  cpSync(path.join(__dirname, 'stubs/go/otel'), path.join(gopath, 'src/go.opentelemetry.io/otel'), { recursive: true });
  mkdirSync(path.join(gopath, 'src/github.com/jackc/pgx'), { recursive: true });
  symlinkSync('/usr/share/gocode/src/github.com/jackc/pgx/v4', path.join(gopath, 'src/github.com/jackc/pgx/v5'));
  mkdirSync(path.join(app, 'cmd/hooks'), { recursive: true });
  writeFileSync(path.join(app, 'cmd/hooks/main.go'), `package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"

	"example.com/app/internal/hooksrt"
)

func main() {
	handler, err := hooksrt.Handler(func(event json.RawMessage) error {
		fmt.Println("EVENT " + string(event))
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		os.Exit(1)
	}
	fmt.Printf("PORT %d\\n", listener.Addr().(*net.TCPAddr).Port)
	_ = http.Serve(listener, handler)
}
`);
});

test('every Go variant passes go vet (GOPATH mode, Debian packages, GOPROXY=off)', { skip: !GO && 'golang-go is not installed', timeout: 150_000 }, async () => {
  const result = await run(GO!, ['vet', './...'], { cwd: app, env: goEnv(), timeoutMs: 150_000 });
  assert.equal(result.code, 0, result.stderr);
});

test('every generated Go file is gofmt-clean', { skip: !GO && 'golang-go is not installed' }, async () => {
  const result = await run(path.join(path.dirname(GO!), 'gofmt'), ['-l', path.join(app, 'internal')], { env: goEnv() });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), '', `not gofmt-formatted:\n${result.stdout}`);
});

describe('the generated Go webhook receiver', { skip: !GO && 'golang-go is not installed' }, () => {
  const secret = 'whsec_go_test';
  let child: ChildProcess;
  let port = 0;
  const events: string[] = [];

  before(async () => {
    const binary = path.join(gopath, 'hooks');
    const built = await run(GO!, ['build', '-o', binary, './cmd/hooks'], { cwd: app, env: goEnv(), timeoutMs: 120_000 });
    assert.equal(built.code, 0, built.stderr);
    child = spawn(binary, [], { env: { ...process.env, HOOKS_RT_WEBHOOK_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] });
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('go webhook server did not start')), 10_000);
      onLines(child.stdout!, (line) => {
        if (line.startsWith('PORT ')) { clearTimeout(timer); resolve(Number(line.slice(5))); }
        if (line.startsWith('EVENT ')) events.push(line.slice(6));
      });
      child.once('exit', (code) => reject(new Error(`go server exited with ${code}`)));
    });
  });
  after(() => { child?.kill('SIGKILL'); });

  test('accepts a correctly signed request, rejects a wrong signature, a stale timestamp and a replay', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (raw: string, ts: number, key = secret) => ({
      'X-Webhook-Timestamp': String(ts),
      'X-Webhook-Signature': 'sha256=' + createHmac('sha256', key).update(`${ts}.${raw}`).digest('hex'),
    });
    const post = (raw: string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/webhooks/hooks-rt`, { method: 'POST', body: raw, headers });
    const raw = '{"id":"evt_go"}';
    const headers = sign(raw, now);
    assert.equal((await post(raw, headers)).status, 204);
    assert.equal((await post(raw, headers)).status, 401, 'replay');
    assert.equal((await post(raw, sign(raw, now, 'nope'))).status, 401, 'wrong secret');
    assert.equal((await post(raw, sign(raw, now - 600))).status, 401, 'stale');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(events, ['{"id":"evt_go"}']);
  });
});
