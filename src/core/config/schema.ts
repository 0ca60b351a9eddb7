/**
 * The schema of integration-config.yml: the only source of truth. The JSON Schema shipped to
 * Red Hat YAML, the docs page, completion, hover and the validator's messages all come from it.
 * The key names are a contract (issue #5): add fields, never rename these.
 */
import { z } from 'zod';
import { doc, duration, flag, identifier, ratio, schedule, text, wholeNumber } from './schemaFields';
import { AUTH_TYPES, BACKOFFS, JITTERS, LOGGING_LEVELS, RETRYABLE_ERRORS, SOURCE_TYPES, SYNC_STRATEGIES, TARGET_TYPES } from './vocabulary';

const enumOf = <const T extends [string, ...string[]]>(vocabulary: { values: T; docs: string[] }, markdown: string, extra: { default?: string } = {}) =>
  doc(z.enum(vocabulary.values), markdown, { markdownEnumDescriptions: vocabulary.docs, ...extra });

const endpoint = doc(text('a URL or host'),
  'Where the integration connects: a URL or `host:port`, checked against `type`. Use `${VAR}` for anything that differs between environments, e.g. `"${PAYMENTS_URL}"`.',
  { examples: ['https://api.example.com/v1', '${PAYMENTS_URL}', 'localhost:5432'] });

const secret = (markdown: string) => doc(text('a `${VAR}` reference'), `${markdown} Write a \`\${VAR}\` reference; a value in plain text is an error.`);

const credentialParts = z.strictObject({
  username: doc(text(), 'User name (`basic`).').optional(),
  password: secret('Password (`basic`).').optional(),
  token: secret('Token (`bearer`, `api-key`).').optional(),
  client_id: doc(text(), 'OAuth 2.0 client id (`oauth2`).').optional(),
  client_secret: secret('OAuth 2.0 client secret (`oauth2`).').optional(),
  token_url: doc(text('a URL'), 'OAuth 2.0 token endpoint (`oauth2`).').optional(),
  scopes: doc(z.array(text()), 'OAuth 2.0 scopes to request (`oauth2`).').optional(),
  key_id: doc(text(), 'Key id sent with the signature (`hmac`).').optional(),
  secret: secret('Shared signing secret (`hmac`).').optional(),
  cert: doc(text('a file path'), 'Client certificate file, PEM (`mtls`).').optional(),
  key: doc(text('a file path'), 'Client private key file, PEM (`mtls`). A path, not the key itself.').optional(),
  ca: doc(text('a file path'), 'CA bundle that signs the server certificate, PEM (`mtls`).').optional(),
});

export const authSchema = doc(z.strictObject({
  type: enumOf(AUTH_TYPES, 'How the integration authenticates. Leave `auth` out for no authentication.'),
  credentials: doc(z.union([secret('The token, key or secret.'), credentialParts]),
    'The secret as one `${VAR}` reference (`bearer`, `api-key`, `hmac`), or its parts (`basic`, `oauth2`, `mtls`).',
    { examples: ['${PAYMENTS_TOKEN}', { username: 'svc', password: '${DB_PASSWORD}' }] }).optional(),
  header: doc(text('a header name'), 'Header that carries the key (`api-key`).', { default: 'X-API-Key' }).optional(),
}), 'Authentication. Secrets are `${VAR}` references, never values.', {
  defaultSnippets: [{ label: 'bearer token', body: { type: 'bearer', credentials: '"\\${${1:TOKEN}}"' } }],
});

export const sourceSchema = doc(z.strictObject({
  type: enumOf(SOURCE_TYPES, 'What the data comes from.'),
  endpoint: endpoint.optional(),
  description: doc(text(), 'Free text for people.').optional(),
}), 'Where the integration starts: the service, store or event that produces the data.');

export const targetSchema = doc(z.strictObject({
  type: enumOf(TARGET_TYPES, 'The protocol or product the target speaks; decides which endpoints are valid.'),
  endpoint,
  auth: authSchema.optional(),
  destination: doc(text(), 'Queue, topic, subject, table or path within the endpoint.', { examples: ['orders.created', 'payments'] }).optional(),
  headers: doc(z.record(z.string(), z.string({ error: 'must be text' })), 'Extra headers sent with every request (HTTP targets). Secrets as `${VAR}`.').optional(),
}), 'The system the integration talks to.');

export const syncSchema = doc(z.strictObject({
  strategy: enumOf(SYNC_STRATEGIES, 'When data moves.'),
  frequency: doc(schedule(), 'How often a `batch` runs: a cron expression (`*/5 * * * *`), a macro (`@hourly`) or an interval (`5m`).', { examples: ['*/5 * * * *', '@hourly', '15m'] }).optional(),
  batch_size: doc(wholeNumber(1), 'Records per batch (`batch`).', { default: 100 }).optional(),
  timeout: doc(duration({ positive: true }), 'Longest a whole sync run may take.', { examples: ['30s', '5m'] }).optional(),
}), 'How and when data is synchronised.');

export const retrySchema = doc(z.strictObject({
  max_retries: doc(wholeNumber(0), 'Retries after the first attempt (the first call is not counted): `3` means up to 4 calls. `0` turns retrying off.', { default: 3 }),
  backoff: enumOf(BACKOFFS, 'How the delay grows between retries.', { default: 'exponential' }).optional(),
  base_delay: doc(duration(), 'Delay before the first retry; the base the backoff grows from.', { default: '200ms', examples: ['200ms', '1s'] }).optional(),
  max_delay: doc(duration({ positive: true }), 'Cap on any single delay, whatever the backoff computes.', { default: '30s' }).optional(),
  jitter: enumOf(JITTERS, 'Randomness added to delays so clients do not retry in lockstep.', { default: 'decorrelated' }).optional(),
  retry_on: doc(z.array(z.union([wholeNumber(100, 599), z.enum(RETRYABLE_ERRORS.values)], { error: 'must be an HTTP status code (100-599) or a network error name such as ECONNRESET' })),
    'HTTP status codes and network errors that are retried. Others fail at once.', { default: '[408, 429, 500, 502, 503, 504]', examples: [[408, 429, 500, 502, 503, 504]] }).optional(),
  retry_non_idempotent: doc(flag(), 'Also retry POST and PATCH. Off by default: only GET, HEAD, OPTIONS, PUT, DELETE and TRACE are retried, unless a request carries an `Idempotency-Key` header.', { default: false }).optional(),
}), 'Retries with backoff. Counts *retries*, like cockatiel, Polly, got and axios-retry.');

export const circuitBreakerSchema = doc(z.strictObject({
  failure_threshold: doc(wholeNumber(1, 10_000), 'Consecutive failures that open the circuit; while open, calls fail at once.', { default: 5 }),
  half_open_after: doc(duration({ positive: true }), 'How long the circuit stays open before one trial call is let through (success closes it, failure re-opens it).', { default: '30s' }),
}), 'Stops calling a target that keeps failing.');

const policyFields = {
  timeout: doc(duration({ positive: true }), 'Longest one attempt may take; the call is cancelled after it.', { examples: ['10s', '500ms'] }).optional(),
  retry: retrySchema.optional(),
  circuit_breaker: circuitBreakerSchema.optional(),
};

export const policySchema = doc(z.strictObject({
  description: doc(text(), 'Free text for people.').optional(),
  ...policyFields,
}), 'A named resilience policy: timeout, retry and circuit breaker.');

export const resilienceSchema = doc(z.strictObject({
  policy: doc(identifier('policy name'), 'Name of a policy under `policies:`. Fields written beside it override the policy\'s.', { examples: ['default'] }).optional(),
  ...policyFields,
}), 'Resilience for this integration: `{ policy: <name> }`, the policy written inline, or a policy plus overrides.', {
  defaultSnippets: [{ label: 'named policy', body: { policy: '${1:default}' } }],
});

export const monitoringSchema = doc(z.strictObject({
  metrics: doc(flag(), 'Export call counts, errors and latency.', { default: true }).optional(),
  logging: enumOf(LOGGING_LEVELS, 'How calls are logged.', { default: 'structured' }).optional(),
  alerts: doc(z.strictObject({
    error_rate_threshold: doc(ratio(), 'Alert when the share of failed calls exceeds this (0.05 = 5 %).', { examples: [0.05] }).optional(),
    latency_threshold: doc(duration({ positive: true }), 'Alert when p95 latency exceeds this.', { examples: ['5s'] }).optional(),
  }), 'When to raise an alert.').optional(),
}), 'Metrics, logs and alerts for this integration.');

const integrationSnippet = {
  name: '${1:payments-api}',
  source: { type: '${2|service,database,queue,stream,webhook,file,schedule,custom|}' },
  target: {
    type: '${3|rest,graphql,grpc,soap,websocket,webhook,postgres,mysql,mongodb,redis,elasticsearch,rabbitmq,kafka,sqs,sns,nats,mqtt,smtp,s3,custom|}',
    endpoint: '"\\${${4:PAYMENTS_URL}}"',
    auth: { type: '${5|none,api-key,bearer,basic,oauth2,mtls,hmac|}', credentials: '"\\${${6:PAYMENTS_TOKEN}}"' },
  },
  sync: { strategy: '${7|real-time,batch,event-driven|}' },
  resilience: { policy: '${8:default}' },
};

export const integrationSchema = doc(z.strictObject({
  name: doc(identifier('name'), 'Unique name of the integration; used for generated code and for environment variable names.', { examples: ['payments-api'] }),
  description: doc(text(), 'Free text for people.').optional(),
  enabled: doc(flag(), 'Set to `false` to keep an integration in the file but skip it.', { default: true }).optional(),
  source: sourceSchema.optional(),
  target: targetSchema,
  sync: syncSchema.optional(),
  resilience: resilienceSchema.optional(),
  monitoring: monitoringSchema.optional(),
}), 'One integration: where data comes from, where it goes, and how failures are handled.', {
  defaultSnippets: [{ label: 'New integration', description: 'An integration with a target, auth, sync and a named policy', body: integrationSnippet }],
});

const policySnippet = {
  timeout: '${2:10s}',
  retry: { max_retries: '${3:3}', backoff: 'exponential', base_delay: '200ms', max_delay: '30s', jitter: 'decorrelated' },
  circuit_breaker: { failure_threshold: '${4:5}', half_open_after: '30s' },
};

export const configSchema = doc(z.strictObject({
  version: doc(z.literal(1, { error: 'must be 1 (the only version so far)' }), 'Version of this file format. Always `1`.'),
  integrations: doc(z.array(integrationSchema), 'Every integration of the workspace.'),
  policies: doc(z.record(identifier('policy name'), policySchema), 'Named resilience policies that integrations refer to with `resilience: { policy: <name> }`.', {
    defaultSnippets: [{ label: 'New policy', description: 'A policy with timeout, retry and circuit breaker', body: { '${1:default}': policySnippet } }],
  }).optional(),
}), 'integration-config.yml: the integrations of this workspace and their resilience policies.');

export type IntegrationConfig = z.output<typeof configSchema>;
export type Integration = z.output<typeof integrationSchema>;
export type Policy = z.output<typeof policySchema>;
