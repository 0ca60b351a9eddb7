import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { WorkspaceInventory } from '../../../src/core/detection/index';
import { routePattern, withPrefix } from '../../../src/core/detection/routePatterns';
import { writeWorkspace } from './detect';

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

const workspace = (files: Record<string, string>) => writeWorkspace(files, 'io-crossfile-');

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

const allIn = (integrations: { file: string; line: number; kind: string; role: string }[], file: string) =>
  integrations.filter((i) => i.file === file).map((i) => `${i.line} ${i.kind} ${i.role}`);

test('JS: a Mongoose model exported by one module is queried from another; the link follows edits to the model', async () => {
  const model = ["const mongoose = require('mongoose');", "const User = mongoose.model('User', new mongoose.Schema({}));", 'module.exports = User;'].join('\n');
  const controller = [
    "const User = require('../models/User');",
    "const { slug } = require('../lib/text');",
    'exports.show = async (req) => {',
    '  const user = await User.findById(req.params.id);',
    '  user.name = slug(user.name);',
    '  await user.save();',
    '  return user.toJSON();',
    '};',
  ].join('\n');
  const root = await workspace({ 'models/User.js': model, 'controllers/user.js': controller, 'lib/text.js': 'exports.slug = (s) => s;' });
  const inventory = new WorkspaceInventory(root);
  try {
    const first = await inventory.scanAll();
    // findById and save; not slug() from a module that exports no client, not toJSON() (no query).
    assert.deepEqual(allIn(first.integrations, 'controllers/user.js'), ['4 database call', '6 database call']);
    const plain = await inventory.update([{ path: path.join(root, 'models/User.js'), text: 'module.exports = class User {};' }]);
    assert.deepEqual(allIn(plain.integrations, 'controllers/user.js'), [], 'a plain class is no model');
  } finally {
    inventory.dispose();
    await rm(root, { recursive: true, force: true });
  }
});

test('Python: a FastAPI `Annotated` session alias from another module makes its parameters sessions', async () => {
  const deps = [
    'from typing import Annotated',
    'from fastapi import Depends',
    'from sqlmodel import Session, create_engine',
    'engine = create_engine("postgresql://db/app")',
    'def get_db():',
    '    with Session(engine) as session:',
    '        yield session',
    'SessionDep = Annotated[Session, Depends(get_db)]',
    'TokenDep = Annotated[str, Depends(get_db)]',
  ].join('\n');
  const route = [
    'from sqlmodel import select',
    'from ..deps import SessionDep, TokenDep',
    'def items(session: SessionDep, token: TokenDep):',
    '    session.add(token)',
    '    token.split(".")',
    '    return session.exec(select(Item)).all()',
  ].join('\n');
  const root = await workspace({ 'app/deps.py': deps, 'app/routes/items.py': route });
  const inventory = new WorkspaceInventory(root);
  try {
    const result = await inventory.scanAll();
    // exec is a query; add only stages an object; the str alias is no client.
    assert.deepEqual(allIn(result.integrations, 'app/routes/items.py'), ['6 database call']);
  } finally {
    inventory.dispose();
    await rm(root, { recursive: true, force: true });
  }
});

test("Go: a stub constructor of the project's generated package is a client, its RPC a call, on the lines they are written", async () => {
  const generated = [
    '// Code generated by protoc-gen-go-grpc. DO NOT EDIT.',
    'package genproto',
    'import grpc "google.golang.org/grpc"',
    'func NewCartServiceClient(cc grpc.ClientConnInterface) CartServiceClient { return nil }',
  ].join('\n');
  const caller = [
    'package frontend',
    'import pb "example.com/shop/src/frontend/genproto"',
    'import "example.com/shop/src/frontend/money"',
    'func (fe *server) cart(ctx context.Context) {',
    '\tmoney.NewRateClient(fe.rates).Get(ctx)',
    '\tpb.NewCartServiceClient(fe.cartConn).',
    '\t\tGetCart(ctx, &pb.GetCartRequest{})',
    '}',
  ].join('\n');
  const root = await workspace({ 'src/frontend/genproto/demo_grpc.pb.go': generated, 'src/frontend/rpc.go': caller });
  const inventory = new WorkspaceInventory(root);
  try {
    const result = await inventory.scanAll();
    assert.deepEqual(allIn(result.integrations, 'src/frontend/rpc.go'), ['6 grpc client', '7 grpc call']);
    assert.ok(result.skipped.some((s) => s.file === 'src/frontend/genproto/demo_grpc.pb.go'), 'generated code stays out of the inventory');
  } finally {
    inventory.dispose();
    await rm(root, { recursive: true, force: true });
  }
});
