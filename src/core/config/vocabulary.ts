/**
 * The closed word lists of integration-config.yml, each with one line of documentation.
 * The schema, completion, the docs page and the endpoint check all read them from here.
 */

function entries<const T extends Record<string, string>>(table: T) {
  const values = Object.keys(table) as (keyof T & string)[];
  return { values: values as [keyof T & string, ...(keyof T & string)[]], docs: values.map((value) => table[value]!) };
}

export const TARGET_TYPES = entries({
  rest: 'HTTP/JSON API. Endpoint: `http(s)://` URL.',
  graphql: 'GraphQL API. Endpoint: `http(s)://` or `ws(s)://` URL.',
  grpc: 'gRPC service. Endpoint: `host:port`, `grpc(s)://host:port`, `dns:///host:port` or `unix:/path`.',
  soap: 'SOAP web service. Endpoint: `http(s)://` URL.',
  websocket: 'WebSocket server. Endpoint: `ws(s)://` URL.',
  webhook: 'Outgoing webhook. Endpoint: `http(s)://` URL.',
  postgres: 'PostgreSQL. Endpoint: `postgres(ql)://` URL or `host[:port]`.',
  mysql: 'MySQL / MariaDB. Endpoint: `mysql://` URL or `host[:port]`.',
  mongodb: 'MongoDB. Endpoint: `mongodb://` or `mongodb+srv://` URL.',
  redis: 'Redis. Endpoint: `redis(s)://` URL or `host[:port]`.',
  elasticsearch: 'Elasticsearch / OpenSearch. Endpoint: `http(s)://` URL.',
  rabbitmq: 'RabbitMQ (AMQP). Endpoint: `amqp(s)://` URL or `host[:port]`.',
  kafka: 'Kafka. Endpoint: bootstrap servers `host:port[,host:port…]` or `kafka://` URL.',
  sqs: 'Amazon SQS. Endpoint: queue URL (`https://sqs.<region>.amazonaws.com/<account>/<queue>`) or `arn:aws:sqs:…`.',
  sns: 'Amazon SNS. Endpoint: topic ARN `arn:aws:sns:…` or `https://` URL.',
  nats: 'NATS. Endpoint: `nats://`, `tls://` or `ws(s)://` URL(s), or `host:port`.',
  mqtt: 'MQTT broker. Endpoint: `mqtt(s)://` or `ws(s)://` URL, or `host[:port]`.',
  smtp: 'SMTP mail server. Endpoint: `smtp(s)://` URL or `host[:port]`.',
  s3: 'S3-compatible object storage. Endpoint: `s3://bucket` or `https://` URL.',
  custom: 'Anything else. The endpoint is not checked.',
});

export const SOURCE_TYPES = entries({
  service: 'An application or service of this workspace that makes the calls.',
  database: 'A database the data is read from.',
  queue: 'A queue or topic the data is consumed from.',
  stream: 'An event stream (change data capture, Kafka topic…).',
  webhook: 'Incoming webhooks received by this workspace.',
  file: 'Files (uploads, exports, an SFTP drop).',
  schedule: 'A timer: the integration runs on `sync.frequency`.',
  custom: 'Anything else.',
});

export const AUTH_TYPES = entries({
  none: 'No authentication.',
  'api-key': 'A static key sent in a header (`header`, default `X-API-Key`). `credentials`: the key as `${VAR}`.',
  bearer: '`Authorization: Bearer <token>`. `credentials`: the token as `${VAR}`.',
  basic: 'HTTP Basic. `credentials`: `{ username, password: ${VAR} }`.',
  oauth2: 'OAuth 2.0 client credentials. `credentials`: `{ client_id, client_secret: ${VAR}, token_url, scopes }`.',
  mtls: 'Mutual TLS. `credentials`: `{ cert, key, ca }` file paths.',
  hmac: 'Requests signed with a shared secret. `credentials`: the secret as `${VAR}` (or `{ key_id, secret }`).',
});

export const SYNC_STRATEGIES = entries({
  'real-time': 'Each change is sent as it happens (a call per event).',
  batch: 'Changes are collected and sent in batches of `batch_size`, on `frequency`.',
  'event-driven': 'Triggered by events from the source (a queue, a webhook, a stream).',
});

export const BACKOFFS = entries({
  constant: 'Wait `base_delay` before every retry.',
  linear: 'Wait `base_delay × n` before retry n.',
  exponential: 'Wait `base_delay × 2^(n-1)` before retry n, capped at `max_delay`.',
});

export const JITTERS = entries({
  none: 'No randomness: every client retries at the same moment.',
  full: 'A random delay between 0 and the computed delay (AWS "full jitter").',
  equal: 'Half the computed delay plus a random half.',
  decorrelated: 'Decorrelated jitter (Polly v8, cockatiel): spreads retries best. Recommended.',
});

export const LOGGING_LEVELS = entries({
  none: 'No logs from this integration.',
  plain: 'One human-readable line per call.',
  structured: 'One JSON object per call (method, target, status, duration, attempt).',
  verbose: 'Structured, plus request and response metadata (never bodies or secrets).',
});

/** Network errors worth retrying, besides HTTP status codes. */
export const RETRYABLE_ERRORS = entries({
  ECONNRESET: 'The connection was reset by the peer.',
  ECONNREFUSED: 'Nothing listened on the port.',
  ETIMEDOUT: 'The connection or the request timed out.',
  EPIPE: 'Wrote to a closed connection.',
  ENOTFOUND: 'The host name did not resolve.',
  EAI_AGAIN: 'DNS lookup failed temporarily.',
  timeout: 'The per-attempt `timeout` of the policy elapsed.',
});
