import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderInventoryMarkdown, siteHref, tableCell } from '../../../src/core/inventory/markdownExport';
import { SHOP_COMPOSE, shopResult, site } from './syntheticInventory';

let root: string;
before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'io-markdown-'));
  writeFileSync(path.join(root, 'docker-compose.yml'), SHOP_COMPOSE);
});
after(() => rmSync(root, { recursive: true, force: true }));

function mermaidBlock(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  assert.ok(match, 'a mermaid block');
  return match[1];
}

test('the document: summary, a mermaid flowchart, a table row per service with links relative to docs/', () => {
  const markdown = renderInventoryMarkdown(shopResult(root));
  assert.match(markdown, /^# Integrations\n/);
  assert.match(markdown, /\*\*5 services\*\* \(2 HTTP APIs, 1 database, 1 queue, 1 webhook\), 7 sites in 6 files\./);
  assert.match(mermaidBlock(markdown), /^flowchart LR\n/);
  const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Service') && !line.startsWith('| Library'));
  assert.deepEqual(rows.map((row) => row.split(' | ')[0].slice(2)), ['api.stripe.com', '`PAYMENTS_URL`', 'db', '`AMQP_URL`', 'stripe-webhook', 'kubernetes']);
  const payments = rows.find((row) => row.startsWith('| `PAYMENTS_URL`'));
  assert.ok(payments);
  assert.match(payments, /\[api\/src\/payments\.ts:12\]\(\.\.\/api\/src\/payments\.ts#L12\) axios/);
  assert.ok(!markdown.includes('.env.example'), 'a .env key is evidence, not a site: no row, no link, not counted');
  assert.match(payments, /`\$\{PAYMENTS_URL\}\/charges`/, 'the target is the code\'s');
  assert.match(payments, /timeout 1\/1 · retry 0\/1 · breaker 0\/1/);
  assert.ok(!markdown.includes('s3cret'), 'passwords are redacted');
  assert.ok(!markdown.includes('payments.test.ts'), 'test files are left out by default');
  assert.ok(renderInventoryMarkdown(shopResult(root), { includeTests: true }).includes('payments.test.ts'));
});

test('the document is deterministic and links follow outputDir', () => {
  assert.equal(renderInventoryMarkdown(shopResult(root)), renderInventoryMarkdown(shopResult(root)));
  const atRoot = renderInventoryMarkdown(shopResult(root), { outputDir: root });
  assert.match(atRoot, /\]\(api\/src\/db\.ts#L5\)/);
});

test('links and cells survive awkward file names', () => {
  assert.equal(siteHref('/w/docs', '/w', 'my dir/a (1).ts', 3), '../my%20dir/a%20%281%29.ts#L3');
  assert.equal(tableCell('a|b\nc'), 'a\\|b c');
  const result = shopResult(root);
  result.integrations.push(site({ file: 'odd|name/x.ts', line: 2, kind: 'http', library: 'fetch', role: 'call', target: 'https://x.example.com/a|b' }));
  const markdown = renderInventoryMarkdown(result);
  const row = markdown.split('\n').find((line) => line.startsWith('| ') && line.includes('odd'));
  assert.ok(row);
  assert.equal(row.split(/(?<!\\)\|/).length, 6, `four cells in ${row}`);
});

test('multi-root: one section per folder, links into the other folder', () => {
  const other = mkdtempSync(path.join(tmpdir(), 'io-markdown-other-'));
  try {
    mkdirSync(path.join(other, 'src'));
    const second = { ...shopResult(other), integrations: [site({ file: 'src/a.ts', line: 1, kind: 'http', library: 'got', role: 'call', target: 'https://b.example.com', service: 'b' })],
      services: [{ id: 'b', name: 'b.example.com', kind: 'http' as const, keyedBy: 'host' as const, envVars: [], hosts: ['b.example.com'], integrations: [0], dependencies: [], configuration: [] }] };
    const markdown = renderInventoryMarkdown([shopResult(root), second], { folderNames: ['shop', 'tools'] });
    assert.match(markdown, /\n## shop\n/);
    assert.match(markdown, /\n## tools\n/);
    assert.ok(markdown.includes(`](../../${path.basename(other)}/src/a.ts#L1)`), 'link from <shop>/docs into the other folder');
    assert.match(mermaidBlock(markdown), /subgraph w_shop\["shop"\][\s\S]*subgraph w_tools\["tools"\]/);
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
});

test('an empty scan still renders a valid document', () => {
  const empty = { ...shopResult(root), integrations: [], services: [] };
  const markdown = renderInventoryMarkdown(empty);
  assert.match(markdown, /No services found\./);
  assert.ok(mermaidBlock(markdown).startsWith('flowchart LR'));
});
