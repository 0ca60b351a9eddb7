import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { preview, write } from '../../../src/client/wizard/backend';
import { contentSecurityPolicy, makeNonce, wizardHtml } from '../../../src/client/wizard/html';
import { WizardToWebviewSchema, type WizardRequest } from '../../../src/shared/protocol';
import { makeTempDir } from '../generators/helpers';

const temp = makeTempDir('host');
after(() => temp.cleanup());

const request: WizardRequest = {
  pattern: 'webhook-receiver', language: 'python', name: 'hooks', broker: 'rabbitmq', engine: 'in-process', monitoring: false, env: {},
  policy: { kind: 'named', name: 'default', values: { timeoutMs: 1000, maxRetries: 1, baseDelayMs: 10, maxDelayMs: 100 } },
};

test('the page has a strict CSP: no inline script or style, one script by nonce, resources from the webview origin only', () => {
  const nonce = makeNonce();
  assert.match(nonce, /^[A-Za-z0-9]{20,}$/);
  assert.notEqual(makeNonce(), nonce);
  const csp = contentSecurityPolicy('https://webview.example', nonce);
  assert.equal(csp, `default-src 'none'; style-src https://webview.example; font-src https://webview.example; img-src https://webview.example data:; script-src 'nonce-${nonce}'`);
  const html = wizardHtml({ cspSource: 'https://webview.example', nonce, scriptUri: 'https://webview.example/wizard.js', styleUri: 'https://webview.example/w.css"><script>' });
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  assert.equal(html.match(/<script/g)?.length, 1, 'one script, and an injected URL stays inside its attribute');
  assert.match(html, new RegExp(`<script type="module" nonce="${nonce}" src="https://webview.example/wizard.js">`));
});

test('preview and write answer with schema-valid results; declining the overwrite writes nothing', async () => {
  const root = path.join(temp.dir, 'ws');
  mkdirSync(path.join(root, 'integrations/hooks'), { recursive: true });
  writeFileSync(path.join(root, 'integrations/hooks/verify.py'), '# mine\n');
  const planned = await preview(root, request);
  WizardToWebviewSchema.parse({ type: 'wizard/previewResult', requestId: 1, result: planned });
  assert.ok(planned.ok);
  assert.equal(planned.files.find((f) => f.path === 'integrations/hooks/verify.py')?.action, 'conflict');

  const asked: string[][] = [];
  const declined = await write(root, request, async (conflicts) => { asked.push(conflicts); return false; });
  assert.deepEqual(declined, { ok: false, cancelled: true });
  assert.deepEqual(asked, [['integrations/hooks/verify.py']]);
  assert.equal(readFileSync(path.join(root, 'integrations/hooks/verify.py'), 'utf8'), '# mine\n');
  assert.equal(existsSync(path.join(root, 'integrations/hooks/server.py')), false, 'not even the new files');

  const accepted = await write(root, request, async () => true);
  WizardToWebviewSchema.parse({ type: 'wizard/writeResult', requestId: 2, result: accepted });
  assert.ok(accepted.ok && accepted.written.includes('integrations/hooks/server.py'));
});

test('errors come back typed: unsupported pairs, bad names, no folder', async () => {
  assert.deepEqual((await preview(undefined, request)).ok, false);
  const unsupported = await preview(temp.dir, { ...request, pattern: 'database-cache', language: 'rust' });
  assert.ok(!unsupported.ok && unsupported.error.kind === 'unsupported');
  const badName = await preview(temp.dir, { ...request, name: 'Bad Name' });
  assert.ok(!badName.ok && badName.error.kind === 'options' && /kebab-case/.test(badName.error.message));
});
