import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate, resolveOptions, support, supportMatrix } from '../../../src/core/generators/registry';
import { PATTERNS } from '../../../src/core/generators/patterns';
import { GeneratorOptionsError, LANGUAGE_IDS, PATTERN_IDS, UnsupportedPairError } from '../../../src/core/generators/types';
import { VARIANTS } from './helpers';

test('the matrix covers every pattern × language, and every refusal carries a reason', () => {
  const matrix = supportMatrix();
  assert.equal(matrix.length, PATTERN_IDS.length * LANGUAGE_IDS.length);
  const refused = matrix.filter((cell) => !cell.support.supported);
  assert.deepEqual(refused.map((cell) => `${cell.pattern}/${cell.language}`).sort(), [
    'database-cache/java', 'database-cache/rust', 'queue-consumer/rust', 'queue-producer/rust',
  ]);
  for (const cell of refused) {
    assert.ok(!cell.support.supported && cell.support.reason.length > 40, `${cell.pattern}/${cell.language} explains itself`);
  }
});

test('option values can make a pair unsupported: Kafka in Java, Temporal outside TypeScript', () => {
  assert.equal(support('queue-producer', 'java', { broker: 'rabbitmq' }).supported, true);
  const kafka = support('queue-producer', 'java', { broker: 'kafka' });
  assert.ok(!kafka.supported && /kafka-clients/.test(kafka.reason));
  assert.equal(support('workflow', 'typescript', { engine: 'temporal' }).supported, true);
  for (const language of ['python', 'go', 'java', 'rust'] as const) {
    const verdict = support('workflow', language, { engine: 'temporal' });
    assert.ok(!verdict.supported && /TypeScript only/.test(verdict.reason));
  }
});

test('generate() throws UnsupportedPairError with the reason instead of generating filler', () => {
  assert.throws(() => generate('database-cache', 'java', { name: 'orders' }), (error: unknown) =>
    error instanceof UnsupportedPairError && error.pattern === 'database-cache' && /Redis/.test(error.reason));
});

test('bad options are refused with a message naming the problem', () => {
  assert.throws(() => resolveOptions('rest-client', 'go', { name: 'Payments API' }), GeneratorOptionsError);
  assert.throws(() => resolveOptions('rest-client', 'go', { name: 'payments', auth: 'hmac' }), /not available for rest-client/);
  assert.throws(() => resolveOptions('rest-client', 'go', { name: 'payments', env: { baseUrl: 'lower-case' } }), /UPPER_SNAKE_CASE/);
  assert.throws(() => resolveOptions('rest-client', 'go', {
    name: 'payments', resilience: { kind: 'inline', policy: { timeoutMs: 1000, maxRetries: -1, baseDelayMs: 10, maxDelayMs: 100 } },
  }), /max_retries/);
});

test('env var names derive from the name per slot, follow auth and broker, and can be overridden', () => {
  const bearer = generate('rest-client', 'typescript', { name: 'payments-api' });
  assert.deepEqual(bearer.envVars.map((v) => [v.name, v.secret]), [['PAYMENTS_API_URL', false], ['PAYMENTS_API_TOKEN', true]]);
  const basic = generate('rest-client', 'python', { name: 'payments-api', auth: 'basic', env: { baseUrl: 'PAY_BASE' } });
  assert.deepEqual(basic.envVars.map((v) => v.name), ['PAY_BASE', 'PAYMENTS_API_USERNAME', 'PAYMENTS_API_PASSWORD']);
  assert.ok(basic.files.some((f) => f.content.includes('"PAY_BASE"')), 'the override reaches the code');
  const kafka = generate('queue-consumer', 'go', { name: 'events', broker: 'kafka' });
  assert.deepEqual(kafka.envVars.map((v) => v.name), ['EVENTS_KAFKA_BROKERS', 'EVENTS_TOPIC', 'EVENTS_GROUP_ID']);
});

test('the config entry uses the schema vocabulary, ${VAR} references and the chosen policy', () => {
  const named = generate('rest-client', 'go', { name: 'payments-api', monitoring: true });
  assert.deepEqual(named.configEntries, [{
    name: 'payments-api',
    source: { type: 'service' },
    target: { type: 'rest', endpoint: '${PAYMENTS_API_URL}', auth: { type: 'bearer', credentials: '${PAYMENTS_API_TOKEN}' } },
    sync: { strategy: 'real-time' },
    resilience: { policy: 'default' },
    monitoring: { metrics: true, logging: 'structured' },
  }]);
  assert.equal(named.policy?.name, 'default');
  const inline = generate('queue-producer', 'python', {
    name: 'orders', broker: 'kafka',
    resilience: { kind: 'inline', policy: { timeoutMs: 2500, maxRetries: 5, baseDelayMs: 100, maxDelayMs: 60_000 } },
  });
  assert.equal(inline.policy, undefined);
  assert.deepEqual(inline.configEntries[0]!['resilience'], {
    timeout: '2500ms', retry: { max_retries: 5, backoff: 'exponential', base_delay: '100ms', max_delay: '1m', jitter: 'decorrelated' },
  });
  assert.deepEqual(generate('database-cache', 'go', { name: 'users' }).configEntries.map((e) => (e['target'] as { type: string }).type), ['postgres', 'redis']);
  assert.deepEqual(generate('monitoring', 'go', { name: 'telemetry' }).configEntries, []);
});

test('the chosen policy values reach the generated code of every language', () => {
  const resilience = { kind: 'inline' as const, policy: { timeoutMs: 4321, maxRetries: 7, baseDelayMs: 123, maxDelayMs: 9876, circuitBreaker: { failureThreshold: 11, halfOpenAfterMs: 22_000 } } };
  const expectations: Record<string, RegExp[]> = {
    typescript: [/timeoutMs: 4321/, /maxRetries: 7/, /failureThreshold: 11, halfOpenAfterMs: 22000/],
    python: [/timeout=4\.321/, /max_retries=7/, /failure_threshold=11, half_open_after=22/],
    go: [/4321 \* time\.Millisecond/, /MaxRetries: 7/, /FailureThreshold: 11/],
    java: [/Duration\.ofMillis\(4321\), 7, Duration\.ofMillis\(123\)/, /new BreakerPolicy\(11/],
    rust: [/from_millis\(4321\)/, /max_retries: 7/, /failure_threshold: 11/],
  };
  for (const [language, patterns] of Object.entries(expectations)) {
    const text = generate('rest-client', language as 'go', { name: 'x-api', resilience }).files.map((f) => f.content).join('\n');
    for (const pattern of patterns) assert.match(text, pattern, language);
  }
});

test('no generated file contains a secret value: only the env var names', () => {
  const secretish = /(sk_live|password\s*=\s*["'][^"'$]|token\s*=\s*["'][^"'$]|BEGIN PRIVATE KEY)/i;
  for (const language of LANGUAGE_IDS) {
    for (const variant of VARIANTS) {
      if (!support(variant.pattern, language, variant.options).supported) continue;
      const output = generate(variant.pattern, language, { name: variant.name, ...variant.options });
      for (const file of output.files) assert.doesNotMatch(file.content, secretish, `${language} ${file.path}`);
      for (const entry of output.configEntries) {
        const auth = (entry['target'] as { auth?: { credentials?: string } }).auth;
        if (auth?.credentials) assert.match(auth.credentials, /^(\$\{[A-Z0-9_]+\}:?)+$/, 'credentials are ${VAR} references');
      }
      for (const envVar of output.envVars) {
        assert.ok(output.files.some((f) => f.content.includes(envVar.name)), `${language} ${variant.name}: ${envVar.name} is read by the code`);
      }
    }
  }
});

test('generation is deterministic and every pattern has a description and at least one auth type', () => {
  const a = generate('workflow', 'java', { name: 'checkout' });
  const b = generate('workflow', 'java', { name: 'checkout' });
  assert.deepEqual(a, b);
  for (const id of PATTERN_IDS) {
    assert.ok(PATTERNS[id].description.length > 20);
    assert.ok(PATTERNS[id].authTypes.length > 0);
  }
});
