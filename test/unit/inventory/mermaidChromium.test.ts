/**
 * Renders the export's Mermaid blocks with the real `mermaid` browser bundle in headless
 * Chromium: the only proof that a diagram parses is Mermaid itself parsing it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { scanFolder } from '../../../src/core/detection/index';
import { renderInventoryMarkdown } from '../../../src/core/inventory/markdownExport';
import { renderMermaidFlowchart } from '../../../src/core/inventory/mermaid';
import { awkwardTopology } from './awkwardTopology';
import { SHOP_COMPOSE, SHOP_K8S, shopResult } from './syntheticInventory';

const require = createRequire(import.meta.url);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
let page: Page;
let dir: string;

interface Rendered { ok: boolean; error?: string; labels: string[]; svgLength: number }

async function renderInBrowser(code: string): Promise<Rendered> {
  return page.evaluate(async (text) => {
    const mermaid = (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
    try {
      await mermaid.parse(text);
      const { svg } = await mermaid.render(`diagram${Math.random().toString(36).slice(2)}`, text);
      const host = document.createElement('div');
      host.innerHTML = svg;
      document.body.append(host);
      const labels = Array.from(host.querySelectorAll('.nodeLabel, .edgeLabel, .cluster-label')).map((el) => (el.textContent ?? '').trim()).filter(Boolean);
      host.remove();
      return { ok: svg.startsWith('<svg'), labels, svgLength: svg.length };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error), labels: [], svgLength: 0 };
    }
  }, code);
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'io-mermaid-'));
  const bundle = pathToFileURL(require.resolve('mermaid/dist/mermaid.min.js')).href;
  const html = path.join(dir, 'index.html');
  // The bundle holds non-ASCII regexes (its entity placeholders): without utf-8 it mis-decodes every `#…;` label.
  writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"></head><body><script charset="utf-8" src="${bundle}"></script>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { htmlLabels: true } });</script></body></html>`);
  writeFileSync(path.join(dir, 'docker-compose.yml'), SHOP_COMPOSE);
  mkdirSync(path.join(dir, 'k8s'));
  writeFileSync(path.join(dir, 'k8s/api.yaml'), SHOP_K8S);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });
  page = await browser.newPage();
  await page.goto(pathToFileURL(html).href);
  await page.waitForFunction(() => 'mermaid' in globalThis, undefined, { timeout: 30_000 });
}, { timeout: 90_000 });

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('control: Mermaid in this page rejects a diagram with raw awkward names', { timeout: 60_000 }, async () => {
  const naive = 'flowchart LR\n  end["api"] --> queue|orders <prod>\n  a[my "shop"] --> b';
  const rendered = await renderInBrowser(naive);
  assert.equal(rendered.ok, false);
  assert.ok(rendered.error, 'a parse error message');
});

test('the awkward topology renders to an SVG, with every name shown as written', { timeout: 60_000 }, async () => {
  const rendered = await renderInBrowser(renderMermaidFlowchart(awkwardTopology()));
  assert.equal(rendered.error, undefined);
  assert.ok(rendered.ok);
  for (const label of ['end', 'o-ring', 'graph', '${DATABASE_URL}', 'queue|orders <prod> {{x}} %%note', 'subgraph', 'Zürich 🚀 Dienst; #1',
    'click', '`markdown` **bold**', 'https://api.example.com/v1/x?y=1&z="2"', 'amqp|lib "x"', 'my "shop" [v2] & co', 'axios, fetch, got +1']) {
    assert.ok(rendered.labels.includes(label), `label ${JSON.stringify(label)} in ${JSON.stringify(rendered.labels)}`);
  }
});

test('the exported document of the shop (compose, k8s, multi-root) renders', { timeout: 60_000 }, async () => {
  const markdown = renderInventoryMarkdown([shopResult(dir), shopResult(path.join(dir, 'second'))], { folderNames: ['shop', 'shop (copy)'] });
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(markdown)?.[1];
  assert.ok(block);
  const rendered = await renderInBrowser(block);
  assert.equal(rendered.error, undefined);
  assert.ok(rendered.labels.includes('api') && rendered.labels.includes('worker') && rendered.labels.includes('Ingress public'), JSON.stringify(rendered.labels));
  assert.ok(rendered.svgLength > 1000);
});

test('the document exported for the sample workspace (real engine) renders', { timeout: 120_000 }, async () => {
  const examples = path.resolve(__dirname, '../../../examples');
  const result = await scanFolder(examples);
  assert.ok(result.integrations.length > 0, 'the sample workspace has integrations');
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(renderInventoryMarkdown(result))?.[1];
  assert.ok(block);
  const rendered = await renderInBrowser(block);
  assert.equal(rendered.error, undefined);
  assert.ok(rendered.ok);
  assert.ok(rendered.labels.length >= 5, JSON.stringify(rendered.labels));
});
