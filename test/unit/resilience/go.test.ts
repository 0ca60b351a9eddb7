/**
 * Go: the rewrite (resilientHTTPClient / doWithDeadline, unused net/http import removed) and the
 * generated resilience_http.go, checked with `go vet` and `gofmt -l` and run against a real
 * local server. Skipped when Go is not installed (scripts/setup-test-env.sh installs golang-go).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_POLICY } from '../../../src/core/resilience/policy';
import { renderGoHelper } from '../../../src/core/resilience/renderHelpers';
import { findGoHttpCalls, goFixEdits, goPackageName } from '../../../src/core/resilience/rewrite/go';
import { applyTextEdits } from '../../../src/core/resilience/rewrite/textEdit';
import { FaultServer, run, tempProject } from './harness';

const MAIN = `package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
)

func main() {
	base := os.Args[1]
	out := map[string]string{}
	record := func(name string, resp *http.Response, err error) {
		if err != nil {
			out[name] = "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		out[name] = fmt.Sprint(resp.StatusCode)
	}
	resp, err := http.Get(base + "/flaky")
	record("flaky", resp, err)
	resp, err = http.Post(base+"/post", "text/plain", strings.NewReader("x"))
	record("post", resp, err)
	resp, err = http.Get(base + "/hang")
	record("hang", resp, err)
	resp, err = http.DefaultClient.Get(base + "/reset")
	record("reset", resp, err)
	req, _ := http.NewRequest(http.MethodGet, base+"/forever", nil)
	client := &http.Client{}
	resp, err = client.Do(req)
	record("deadline", resp, err)
	encoded, _ := json.Marshal(out)
	fmt.Println(string(encoded))
}
`;

describe('Go', () => {
  const project = tempProject('resilience-go');
  const server = new FaultServer();
  before(async () => { await server.start(); });
  after(async () => {
    await server.stop();
    project.cleanup();
  });

  test('rewrite: package calls go through resilientHTTPClient, other clients get a deadline', async () => {
    const source = 'package api\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc Load(url string) {\n\tresp, err := http.Get(url)\n\tfmt.Println(resp, err)\n}\n';
    const { edits, skipped } = await goFixEdits(source, await findGoHttpCalls(source));
    assert.deepEqual(skipped, []);
    // net/http is no longer used: Go would refuse to compile the file with the import left in.
    assert.equal(applyTextEdits(source, edits), 'package api\n\nimport (\n\t"fmt"\n)\n\nfunc Load(url string) {\n\tresp, err := resilientHTTPClient.Get(url)\n\tfmt.Println(resp, err)\n}\n');
    assert.equal(await goPackageName(source), 'api');
  });

  test('the fixed program passes go vet and gofmt and behaves against the server', async (t) => {
    const go = await run('go', ['version']);
    if (go.code !== 0) {
      t.skip('go is not installed (scripts/setup-test-env.sh installs golang-go)');
      return;
    }
    const { edits, skipped } = await goFixEdits(MAIN, await findGoHttpCalls(MAIN));
    assert.deepEqual(skipped, []);
    const fixed = applyTextEdits(MAIN, edits);
    assert.match(fixed, /resilientHTTPClient\.Get\(base \+ "\/flaky"\)/);
    assert.match(fixed, /resilientHTTPClient\.Post\(base\+"\/post"/);
    assert.match(fixed, /resilientHTTPClient\.Get\(base \+ "\/reset"\)/);
    assert.match(fixed, /doWithDeadline\(client, req\)/);
    project.write('go.mod', 'module example.com/fixture\n\ngo 1.19\n');
    project.write('main.go', fixed);
    project.write('resilience_http.go', renderGoHelper({
      packageName: (await goPackageName(MAIN))!,
      policies: [{ ...DEFAULT_POLICY, initialDelayMs: 10, attemptTimeoutMs: 300, deadlineMs: 1500 }],
    }));
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' };
    const vet = await run('go', ['vet', './...'], { cwd: project.dir, env, timeoutMs: 120_000 });
    assert.equal(vet.code, 0, vet.stdout + vet.stderr);
    const gofmt = await run('gofmt', ['-l', '.'], { cwd: project.dir });
    assert.equal(gofmt.stdout.split('\n').filter((f) => f.endsWith('.go') && !f.includes('node_modules')).join(' '), '', 'gofmt would reformat');

    server.script('/flaky', [503, 200]);
    server.script('/post', [503, 200]);
    server.script('/hang', ['hang', 200]);
    server.script('/reset', ['reset', 200]);
    server.script('/forever', ['hang']);
    const started = Date.now();
    const result = await run('go', ['run', '.', server.origin], { cwd: project.dir, env, timeoutMs: 120_000 });
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout) as Record<string, string>;
    assert.equal(out.flaky, '200');
    assert.equal(server.count('/flaky'), 2);
    assert.equal(out.post, '503');
    assert.equal(server.count('/post'), 1, 'a POST is not retried');
    assert.equal(out.hang, '200');
    assert.equal(server.count('/hang'), 2, 'the attempt timeout fired and the retry succeeded');
    assert.equal(out.reset, '200');
    assert.match(out.deadline!, /deadline exceeded/);
    assert.ok(Date.now() - started < 60_000);
  });
});
