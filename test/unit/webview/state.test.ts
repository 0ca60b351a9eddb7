import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WizardToHostSchema } from '../../../src/shared/protocol';
import { envFields, initialState, reduce, requestOf, restoreState, type Action, type WizardState } from '../../../src/webview/wizard/state';

function run(state: WizardState, ...actions: Action[]): { state: WizardState; sent: unknown[] } {
  const sent: unknown[] = [];
  for (const action of actions) {
    const next = reduce(state, action);
    state = next.state;
    if (next.send) sent.push(next.send);
  }
  return { state, sent };
}

const POLICY = { timeoutMs: 3000, maxRetries: 1, baseDelayMs: 50, maxDelayMs: 2000 };
const init: Action = { type: 'host', message: { type: 'wizard/init', workspace: { name: 'shop' }, policies: { careful: POLICY } } };

test('walks pattern → language → options → preview → write, sending schema-valid messages', () => {
  let { state, sent } = run(initialState(), init,
    { type: 'choosePattern', pattern: 'rest-client' },
    { type: 'chooseLanguage', language: 'go' },
    { type: 'set', field: 'name', value: 'payments-api' },
    { type: 'preview' });
  assert.equal(state.step, 'options', 'stays on options until the host answers');
  assert.equal(sent.length, 1);
  const preview = WizardToHostSchema.parse(sent[0]);
  assert.equal(preview.type, 'wizard/preview');
  assert.deepEqual(preview.type === 'wizard/preview' && preview.request, {
    pattern: 'rest-client', language: 'go', name: 'payments-api', auth: 'bearer', broker: 'rabbitmq', engine: 'in-process',
    monitoring: false, env: {}, policy: { kind: 'named', name: 'careful', values: POLICY },
  });
  const requestId = preview.type === 'wizard/preview' ? preview.requestId : -1;
  const result = { ok: true as const, files: [{ path: 'internal/paymentsapi/client.go', action: 'create' as const, kind: 'code' as const, content: 'package paymentsapi' }], envVars: [], dependencies: [], notes: [] };
  ({ state } = run(state, { type: 'host', message: { type: 'wizard/previewResult', requestId: requestId + 100, result } }));
  assert.equal(state.step, 'options', 'an answer to another request is ignored');
  ({ state, sent } = run(state, { type: 'host', message: { type: 'wizard/previewResult', requestId, result } }, { type: 'write' }));
  assert.equal(state.step, 'preview');
  assert.equal(state.preview?.files.length, 1);
  const write = WizardToHostSchema.parse(sent[0]);
  assert.equal(write.type, 'wizard/write');
  ({ state } = run(state, { type: 'host', message: { type: 'wizard/writeResult', requestId: write.type === 'wizard/write' ? write.requestId : -1, result: { ok: true, written: ['a.go'] } } }));
  assert.equal(state.step, 'done');
  assert.deepEqual(state.written, ['a.go']);
});

test('an unsupported language stays put and says why', () => {
  const { state } = run(initialState(), { type: 'choosePattern', pattern: 'database-cache' }, { type: 'chooseLanguage', language: 'java' });
  assert.equal(state.step, 'language');
  assert.equal(state.error?.kind, 'unsupported');
  assert.match(state.error!.message, /Redis/);
});

test('invalid options are reported per field and nothing is sent', () => {
  const { state, sent } = run(initialState(),
    { type: 'choosePattern', pattern: 'queue-consumer' }, { type: 'chooseLanguage', language: 'python' },
    { type: 'set', field: 'name', value: 'Orders In' },
    { type: 'setEnv', slot: 'queue', value: 'lower' },
    { type: 'choosePolicy', value: 'new' },
    { type: 'setPolicy', field: 'maxRetries', value: '-2' },
    { type: 'preview' });
  assert.deepEqual(sent, []);
  assert.deepEqual(Object.keys(state.invalid).sort(), ['env.queue', 'name', 'policy.maxRetries']);
  const fixed = run(state, { type: 'set', field: 'name', value: 'orders-in' }).state;
  assert.equal(fixed.invalid['name'], undefined, 'fixing a field clears its message');
});

test('env var defaults follow the name, auth and broker; overrides go into the request', () => {
  let { state } = run(initialState(), { type: 'choosePattern', pattern: 'queue-producer' }, { type: 'chooseLanguage', language: 'typescript' },
    { type: 'set', field: 'name', value: 'orders-out' });
  assert.deepEqual(envFields(state).map((f) => f.placeholder), ['ORDERS_OUT_AMQP_URL', 'ORDERS_OUT_QUEUE']);
  ({ state } = run(state, { type: 'set', field: 'broker', value: 'kafka' }, { type: 'setEnv', slot: 'topic', value: 'ORDERS_TOPIC' }));
  assert.deepEqual(envFields(state).map((f) => f.placeholder), ['ORDERS_OUT_KAFKA_BROKERS', 'ORDERS_OUT_TOPIC']);
  assert.deepEqual(requestOf(state).env, { topic: 'ORDERS_TOPIC' });
});

test('a new policy without a name is written inline; a named one is defined in the config', () => {
  let { state } = run(initialState(), { type: 'choosePattern', pattern: 'rest-client' }, { type: 'chooseLanguage', language: 'rust' },
    { type: 'set', field: 'name', value: 'x' }, { type: 'choosePolicy', value: 'new' }, { type: 'setPolicy', field: 'breaker', value: false });
  assert.deepEqual(requestOf(state).policy, { kind: 'inline', values: { timeoutMs: 10000, maxRetries: 3, baseDelayMs: 200, maxDelayMs: 30000 } });
  ({ state } = run(state, { type: 'setPolicy', field: 'name', value: 'snappy' }));
  assert.equal(requestOf(state).policy.kind, 'named');
});

test('the saved state restores without the request in flight; going forward by hand is refused', () => {
  const { state } = run(initialState(), init, { type: 'choosePattern', pattern: 'monitoring' }, { type: 'chooseLanguage', language: 'java' },
    { type: 'set', field: 'name', value: 'telemetry' }, { type: 'preview' });
  assert.ok(state.pending);
  const restored = restoreState(JSON.parse(JSON.stringify(state)));
  assert.equal(restored.pending, undefined);
  assert.equal(restored.name, 'telemetry');
  assert.equal(restored.step, 'options');
  assert.equal(restoreState({ version: 99 }).step, 'pattern');
  assert.equal(reduce(restored, { type: 'goto', step: 'done' }).state.step, 'options');
  assert.equal(reduce(restored, { type: 'goto', step: 'pattern' }).state.step, 'pattern');
});

test('list keys move the current highlight and Enter chooses it, whatever was rendered before', () => {
  const { state } = run(initialState(),
    { type: 'moveActive', list: 'pattern', key: 'End' },
    { type: 'moveActive', list: 'pattern', key: 'ArrowDown' },
    { type: 'moveActive', list: 'pattern', key: 'ArrowUp' },
    { type: 'moveActive', list: 'pattern', key: 'x' },
    { type: 'chooseActive', list: 'pattern' });
  assert.equal(state.pattern, 'monitoring', 'End = the last but one after Up: health-endpoint is last');
  assert.equal(state.step, 'language');
});
