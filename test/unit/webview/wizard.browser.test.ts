/**
 * The wizard webview in real Chromium (playwright-core, Debian's /usr/bin/chromium): the page
 * is the panel's own HTML (same CSP, nonce and bundle, built here with esbuild's API), with a stub
 * `acquireVsCodeApi` whose host side is the real backend (generate + planWrite + write) on a temp
 * workspace. Every step is walked with the keyboard only; the messages sent are asserted, the
 * state survives a reload, and screenshots in a light and a dark theme are saved to test-results/
 * and media/screenshots/ (for the README).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { preview, readWorkspacePolicies, write } from '../../../src/client/wizard/backend';
import { makeNonce, wizardHtml } from '../../../src/client/wizard/html';
import { WizardToHostSchema, type WizardToWebview } from '../../../src/shared/protocol';
import { makeTempDir, REPO } from '../generators/helpers';
import { themeCss } from './themes';

const CHROMIUM = '/usr/bin/chromium';
const temp = makeTempDir('wizard');
const bundleDir = path.join(temp.dir, 'bundle');
const workspace = path.join(temp.dir, 'shop');
let server: Server;
let origin = '';
let browser: Browser | undefined;
const sent: { type: string; request?: unknown }[] = [];
const confirmations: string[][] = [];

const CONFIG = `# Shop integrations (hand-written; the wizard must keep this comment)
version: 1
policies:
  default: { timeout: 10s, retry: { max_retries: 3, base_delay: 200ms, max_delay: 30s } }
  careful:
    timeout: 3s   # the slow partner
    retry: { max_retries: 1, base_delay: 50ms, max_delay: 2s }
`;

before(async () => {
  await esbuild.build({
    bundle: true, platform: 'browser', format: 'esm', target: 'es2022', sourcemap: 'linked', logLevel: 'warning',
    entryPoints: { wizard: path.join(REPO, 'src/webview/wizard/main.ts') }, outdir: bundleDir,
  });
  mkdirSync(path.join(workspace, 'internal/ordersdb'), { recursive: true });
  writeFileSync(path.join(workspace, 'go.mod'), 'module example.com/shop\n\ngo 1.21\n');
  writeFileSync(path.join(workspace, 'integration-config.yml'), CONFIG);
  writeFileSync(path.join(workspace, 'internal/ordersdb/repository.go'), 'package ordersdb\n\n// hand-written\n');

  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const send = (type: string, body: string | Buffer) => response.writeHead(200, { 'content-type': type }).end(body);
    if (url.pathname === '/') {
      const theme = url.searchParams.get('theme') === 'dark' ? 'dark' : 'light';
      const nonce = makeNonce();
      // The stub keeps getState/setState in sessionStorage, which survives a reload as VS Code's state does.
      const stub = `<script nonce="${nonce}">
document.body?.classList.add('vscode-${theme}');
window.acquireVsCodeApi = () => ({
  postMessage(message) { window.__host(message).then((reply) => { if (reply) window.postMessage(reply, '*'); }); },
  getState() { const saved = sessionStorage.getItem('wizard'); return saved ? JSON.parse(saved) : undefined; },
  setState(state) { sessionStorage.setItem('wizard', JSON.stringify(state)); },
});
</script>`;
      return send('text/html', wizardHtml({ cspSource: origin, nonce, scriptUri: '/wizard.js', styleUri: '/wizard.css', extraHead: `<link rel="stylesheet" href="/theme-${theme}.css">\n${stub}` }));
    }
    if (url.pathname === '/wizard.js' || url.pathname === '/wizard.js.map') return send('text/javascript', readFileSync(path.join(bundleDir, url.pathname)));
    if (url.pathname === '/wizard.css') return send('text/css', readFileSync(path.join(REPO, 'media/wizard.css')));
    if (url.pathname === '/theme-light.css' || url.pathname === '/theme-dark.css') return send('text/css', themeCss(url.pathname.includes('dark') ? 'dark' : 'light'));
    if (url.pathname === '/favicon.ico') return response.writeHead(204).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  temp.cleanup();
});

/** The host side of the stub: validates like the panel does, answers with the real backend. */
async function host(raw: unknown): Promise<WizardToWebview | undefined> {
  const message = WizardToHostSchema.parse(raw);
  sent.push(message);
  switch (message.type) {
    case 'wizard/ready':
      return { type: 'wizard/init', workspace: { name: 'shop' }, policies: await readWorkspacePolicies(workspace) };
    case 'wizard/preview':
      return { type: 'wizard/previewResult', requestId: message.requestId, result: await preview(workspace, message.request) };
    case 'wizard/write':
      return {
        type: 'wizard/writeResult', requestId: message.requestId,
        result: await write(workspace, message.request, async (conflicts) => { confirmations.push(conflicts); return true; }),
      };
  }
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const waitForFocus = (page: Page, id: string) => page.waitForFunction((target) => document.activeElement?.id === target, id, { timeout: 10_000 });

/** Presses Tab until the element with `id` has focus (keyboard only, as a user would). */
async function tabTo(page: Page, id: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (await focused(page) === id) return;
    await page.keyboard.press(key);
  }
  assert.fail(`could not reach #${id} with ${key}; focus is on #${await focused(page)}`);
}

test('the wizard is walked with the keyboard only, in real Chromium, and writes through the real backend', { skip: !existsSync(CHROMIUM) && 'chromium is not installed', timeout: 120_000 }, async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 860 } });
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.exposeFunction('__host', host);

  // 1. Pattern: the list has focus; Down once = "Database with read-through cache".
  await page.goto(`${origin}/?theme=light`);
  await waitForFocus(page, 'patterns');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#patterns', 'aria-activedescendant'), 'patterns-option-1');
  await page.keyboard.press('Enter');

  // 2. Language: Java is listed but not generated for this pattern, and says why.
  await waitForFocus(page, 'languages');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#languages-option-3', 'aria-disabled'), 'true');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('[role=alert]').innerText(), /Not generated: .*Redis/);
  await page.keyboard.press('ArrowUp'); // Go
  await page.keyboard.press('Enter');

  // 3. Options: name, monitoring, one env var renamed, the "careful" policy of the workspace.
  await waitForFocus(page, 'name');
  await page.keyboard.type('orders-db');
  await tabTo(page, 'monitoring');
  await page.keyboard.press('Space');
  await tabTo(page, 'env-databaseUrl');
  assert.equal(await page.getAttribute('#env-databaseUrl', 'placeholder'), 'ORDERS_DB_DATABASE_URL', 'defaults follow the typed name');
  await page.keyboard.type('ORDERS_PG_URL');
  await tabTo(page, 'policy');
  await page.keyboard.press('ArrowDown'); // opens the list on the selected "default"
  await page.keyboard.press('ArrowDown'); // "careful"
  await page.keyboard.press('Enter');
  await waitForFocus(page, 'policy');
  await tabTo(page, 'preview-button');
  await page.keyboard.press('Enter');

  // 4. Preview: every file, the existing one as a diff, focus on Write.
  await waitForFocus(page, 'write-button');
  const headings = await page.locator('vscode-collapsible').evaluateAll((nodes) => nodes.map((node) => `${(node as HTMLElement & { heading: string }).heading} ${node.className}`));
  assert.deepEqual(headings, [
    'internal/ordersdb/resilience.go file create', 'internal/ordersdb/repository.go file conflict',
    'integration-config.yml file update', '.env.example file create',
  ]);
  assert.match(await page.locator('.file.conflict pre').innerText(), /^-\/\/ hand-written$/m);
  assert.match(await page.locator('[role=status]').first().innerText(), /1 existing file differs: internal\/ordersdb\/repository\.go/);
  mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
  const shoot = async (theme: string) => {
    await page.evaluate(() => window.scrollTo(0, 0)); // framing only: the README shows the top of the step
    await page.screenshot({ path: path.join(REPO, `test-results/wizard-${theme}.png`) });
  };
  await shoot('light');

  // A window reload (here: in the dark theme) keeps the state: back on the preview, nothing lost.
  await page.goto(`${origin}/?theme=dark`);
  await waitForFocus(page, 'write-button');
  assert.equal(await page.locator('vscode-collapsible').count(), 4);
  await shoot('dark');

  // 5. Write: the host asks before overwriting (the modal), writes, the wizard says what it wrote.
  await page.keyboard.press('Enter');
  await waitForFocus(page, 'restart-button');
  assert.deepEqual(confirmations, [['internal/ordersdb/repository.go']]);
  assert.match(await page.locator('main').innerText(), /Wrote 4 files/);

  assert.deepEqual(sent.map((m) => m.type), ['wizard/ready', 'wizard/preview', 'wizard/ready', 'wizard/write']);
  const request = sent[1]!.request;
  assert.deepEqual(request, {
    pattern: 'database-cache', language: 'go', name: 'orders-db', auth: 'none', broker: 'rabbitmq', engine: 'in-process', monitoring: true,
    env: { databaseUrl: 'ORDERS_PG_URL' },
    policy: { kind: 'named', name: 'careful', values: { timeoutMs: 3000, maxRetries: 1, baseDelayMs: 50, maxDelayMs: 2000 } },
  });
  assert.deepEqual(sent[3]!.request, request, 'writes exactly what was previewed');

  assert.match(readFileSync(path.join(workspace, 'internal/ordersdb/repository.go'), 'utf8'), /required\("ORDERS_PG_URL"\)/);
  assert.match(readFileSync(path.join(workspace, 'internal/ordersdb/resilience.go'), 'utf8'), /Timeout: {4}3000 \* time\.Millisecond/);
  const config = readFileSync(path.join(workspace, 'integration-config.yml'), 'utf8');
  assert.ok(config.startsWith(CONFIG), 'the existing config is kept byte for byte');
  assert.match(config, /- name: orders-db\n/);
  assert.match(readFileSync(path.join(workspace, '.env.example'), 'utf8'), /^ORDERS_PG_URL=$/m);

  // Back to the start, still by keyboard.
  await page.keyboard.press('Enter');
  await waitForFocus(page, 'patterns');
  assert.deepEqual(problems, [], 'no console errors, no CSP violations');

  mkdirSync(path.join(REPO, 'media/screenshots'), { recursive: true });
  for (const theme of ['light', 'dark']) {
    copyFileSync(path.join(REPO, `test-results/wizard-${theme}.png`), path.join(REPO, `media/screenshots/wizard-${theme}.png`));
  }
});
