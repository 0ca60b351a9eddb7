import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkspaceInventory } from '../../../src/core/detection/index';
import { routePattern, withPrefix } from '../../../src/core/detection/routePatterns';

const FEIGN = [
  'package com.acme.pay;',
  'import org.springframework.cloud.openfeign.FeignClient;',
  'import org.springframework.web.bind.annotation.PostMapping;',
  '@FeignClient(name = "ledger", url = "${ledger.url}")',
  'public interface LedgerApi {',
  '    @PostMapping("/entries")',
  '    void post(Entry entry);',
  '}',
].join('\n');

const SERVICE = [
  'package com.acme.pay;',
  'import org.springframework.stereotype.Service;',
  '@Service',
  'public class Payouts {',
  '    private final LedgerApi ledger;',
  '    private final Fees fees;',
  '    Payouts(LedgerApi ledger, Fees fees) { this.ledger = ledger; this.fees = fees; }',
  '    void pay(Entry e) {',
  '        ledger.post(e);',
  '        fees.apply(e);',
  '    }',
  '}',
].join('\n');

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'io-crossfile-'));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return root;
}

const callsIn = (integrations: { file: string; line: number; kind: string; library: string; role: string; target?: string }[], file: string) =>
  integrations.filter((i) => i.file === file && i.role === 'call').map((i) => `${i.line} ${i.kind} ${i.library} ${i.target ?? ''}`);

test('a call on a Feign interface declared in another file is found, and follows edits to either file', async () => {
  const root = await workspace({ 'src/LedgerApi.java': FEIGN, 'src/Payouts.java': SERVICE });
  const inventory = new WorkspaceInventory(root);
  try {
    const first = await inventory.scanAll();
    // Only the Feign call: `fees.apply` is a call on a project class nobody declares a client.
    assert.deepEqual(callsIn(first.integrations, 'src/Payouts.java'), ['9 http feign ${LEDGER_URL}']);
    assert.ok(first.services.some((s) => s.envVars.includes('LEDGER_URL') && s.integrations.length === 3), 'client, declaration and call are one service');

    // The interface stops being a Feign client: the call is an ordinary method call again.
    const plain = await inventory.update([{ path: path.join(root, 'src/LedgerApi.java'), text: FEIGN.replace(/@FeignClient\(.*\)\n/, '') }]);
    assert.deepEqual(callsIn(plain.integrations, 'src/Payouts.java'), []);

    const back = await inventory.update([{ path: path.join(root, 'src/LedgerApi.java'), text: FEIGN }]);
    assert.deepEqual(callsIn(back.integrations, 'src/Payouts.java'), ['9 http feign ${LEDGER_URL}']);

    // A type of the same simple name in another package is another type.
    const moved = await inventory.update([{ path: path.join(root, 'src/Payouts.java'), text: SERVICE.replace('package com.acme.pay;', 'package com.acme.other;') }]);
    assert.deepEqual(callsIn(moved.integrations, 'src/Payouts.java'), []);
  } finally {
    inventory.dispose();
    await rm(root, { recursive: true, force: true });
  }
});

test('route patterns: Go 1.22 method prefixes and router prefixes', () => {
  assert.deepEqual(routePattern('POST /hooks/paddle'), { method: 'POST', path: '/hooks/paddle' });
  assert.deepEqual(routePattern('/webhooks/github'), { path: '/webhooks/github' });
  assert.equal(routePattern('example.com/hooks'), undefined, 'a host pattern is not an absolute path');
  assert.equal(routePattern('POST hooks'), undefined);
  assert.equal(withPrefix('/webhooks/', '/stripe'), '/webhooks/stripe');
  assert.equal(withPrefix('/api/orders', '/'), '/api/orders/');
  assert.equal(withPrefix(undefined, '/x'), '/x');
});
