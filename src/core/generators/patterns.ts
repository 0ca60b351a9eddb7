/**
 * What each pattern is, which options it takes and which env vars its code reads.
 * The wizard, the QuickPick flow and the CLI all read this table.
 */
import { screamingCase } from './naming';
import type { AuthType, Broker, PatternId, WorkflowEngine } from './types';

/** One env var the code of a pattern reads; `suffix` is appended to the integration's prefix. */
export interface EnvSlot {
  slot: string;
  suffix: string;
  description: string;
  secret: boolean;
  /** Present only for some option values (e.g. the token only for bearer auth). */
  when?: (choice: { auth: AuthType; broker: Broker; engine: WorkflowEngine }) => boolean;
}

export interface PatternInfo {
  id: PatternId;
  title: string;
  description: string;
  /** Auth types the generated code implements; the first is the default. */
  authTypes: AuthType[];
  /** How much of the resilience policy the code applies. */
  resilience: 'full' | 'timeout' | 'retry' | 'none';
  usesBroker: boolean;
  usesEngine: boolean;
  envSlots: EnvSlot[];
}

const isRabbit = ({ broker }: { broker: Broker }): boolean => broker === 'rabbitmq';
const isKafka = ({ broker }: { broker: Broker }): boolean => broker === 'kafka';

const brokerSlots = (consumer: boolean): EnvSlot[] => [
  { slot: 'amqpUrl', suffix: 'AMQP_URL', description: 'RabbitMQ URL, amqp://user:password@host:5672/vhost', secret: true, when: isRabbit },
  { slot: 'queue', suffix: 'QUEUE', description: 'Queue name (its dead-letter queue is <name>.dlq)', secret: false, when: isRabbit },
  { slot: 'brokers', suffix: 'KAFKA_BROKERS', description: 'Kafka bootstrap servers, comma-separated host:port', secret: false, when: isKafka },
  { slot: 'topic', suffix: 'TOPIC', description: 'Kafka topic (its dead-letter topic is <topic>.dlq)', secret: false, when: isKafka },
  ...(consumer ? [{ slot: 'groupId', suffix: 'GROUP_ID', description: 'Kafka consumer group id', secret: false, when: isKafka }] : []),
];

export const PATTERNS: Record<PatternId, PatternInfo> = {
  'rest-client': {
    id: 'rest-client',
    title: 'REST API client',
    description: 'Typed HTTP client with per-attempt timeout, retries with decorrelated-jitter backoff for idempotent requests, Retry-After, and a circuit breaker.',
    authTypes: ['bearer', 'api-key', 'basic', 'none'],
    resilience: 'full',
    usesBroker: false,
    usesEngine: false,
    envSlots: [
      { slot: 'baseUrl', suffix: 'URL', description: 'Base URL of the API', secret: false },
      { slot: 'token', suffix: 'TOKEN', description: 'Bearer token', secret: true, when: ({ auth }) => auth === 'bearer' },
      { slot: 'apiKey', suffix: 'API_KEY', description: 'API key sent in the X-API-Key header', secret: true, when: ({ auth }) => auth === 'api-key' },
      { slot: 'username', suffix: 'USERNAME', description: 'Basic auth user', secret: false, when: ({ auth }) => auth === 'basic' },
      { slot: 'password', suffix: 'PASSWORD', description: 'Basic auth password', secret: true, when: ({ auth }) => auth === 'basic' },
    ],
  },
  'database-cache': {
    id: 'database-cache',
    title: 'Database with read-through cache (PostgreSQL + Redis)',
    description: 'Reads go to Redis first and fall back to PostgreSQL, filling the cache with a TTL; writes invalidate. A cache outage degrades to the database.',
    authTypes: ['none'],
    resilience: 'full',
    usesBroker: false,
    usesEngine: false,
    envSlots: [
      { slot: 'databaseUrl', suffix: 'DATABASE_URL', description: 'PostgreSQL URL, postgres://user:password@host:5432/db', secret: true },
      { slot: 'redisUrl', suffix: 'REDIS_URL', description: 'Redis URL, redis://host:6379/0', secret: true },
      { slot: 'cacheTtl', suffix: 'CACHE_TTL_SECONDS', description: 'Cache entry lifetime in seconds (default 300)', secret: false },
    ],
  },
  'queue-producer': {
    id: 'queue-producer',
    title: 'Message queue producer',
    description: 'Publishes persistent messages with publisher confirms (RabbitMQ) or acks from all replicas (Kafka), retrying with backoff.',
    authTypes: ['none'],
    resilience: 'full',
    usesBroker: true,
    usesEngine: false,
    envSlots: brokerSlots(false),
  },
  'queue-consumer': {
    id: 'queue-consumer',
    title: 'Message queue consumer',
    description: 'Manual acknowledgement; a failed message is requeued with a retry count and backoff, then dead-lettered after max_retries.',
    authTypes: ['none'],
    resilience: 'retry',
    usesBroker: true,
    usesEngine: false,
    envSlots: brokerSlots(true),
  },
  'webhook-receiver': {
    id: 'webhook-receiver',
    title: 'Inbound webhook receiver',
    description: 'HMAC-SHA256 over the raw body, constant-time comparison, and a timestamp tolerance against replay.',
    authTypes: ['hmac'],
    resilience: 'none',
    usesBroker: false,
    usesEngine: false,
    envSlots: [
      { slot: 'secret', suffix: 'WEBHOOK_SECRET', description: 'Shared HMAC secret', secret: true },
      { slot: 'port', suffix: 'WEBHOOK_PORT', description: 'Port the receiver listens on (default 8080)', secret: false },
    ],
  },
  'oauth2-client': {
    id: 'oauth2-client',
    title: 'OAuth2 / OIDC authorization code with PKCE',
    description: 'Builds the authorization URL with PKCE (S256) and state, checks the state on return, and exchanges the code for tokens.',
    authTypes: ['oauth2'],
    resilience: 'timeout',
    usesBroker: false,
    usesEngine: false,
    envSlots: [
      { slot: 'authorizeUrl', suffix: 'AUTHORIZE_URL', description: 'Authorization endpoint', secret: false },
      { slot: 'tokenUrl', suffix: 'TOKEN_URL', description: 'Token endpoint', secret: false },
      { slot: 'clientId', suffix: 'CLIENT_ID', description: 'OAuth2 client id', secret: false },
      { slot: 'clientSecret', suffix: 'CLIENT_SECRET', description: 'Client secret (leave empty for a public client)', secret: true },
      { slot: 'redirectUri', suffix: 'REDIRECT_URI', description: 'Redirect URI registered with the provider', secret: false },
      { slot: 'scopes', suffix: 'SCOPES', description: 'Space-separated scopes (default "openid profile")', secret: false },
    ],
  },
  workflow: {
    id: 'workflow',
    title: 'Service orchestration workflow',
    description: 'Steps with conditions, an error policy per step (fail, skip, retry) and saga compensation; in-process, or on Temporal (TypeScript).',
    authTypes: ['none'],
    resilience: 'retry',
    usesBroker: false,
    usesEngine: true,
    envSlots: [
      { slot: 'taskQueue', suffix: 'TASK_QUEUE', description: 'Temporal task queue the worker polls', secret: false, when: ({ engine }) => engine === 'temporal' },
    ],
  },
  monitoring: {
    id: 'monitoring',
    title: 'Monitoring wrapper (OpenTelemetry)',
    description: 'Wraps any operation with a span, a call counter, a latency histogram and one structured log line.',
    authTypes: ['none'],
    resilience: 'none',
    usesBroker: false,
    usesEngine: false,
    envSlots: [],
  },
  'health-endpoint': {
    id: 'health-endpoint',
    title: 'Health-check endpoint',
    description: '/healthz (liveness) and /readyz (readiness: HTTP and TCP dependency checks, each with a timeout, run in parallel).',
    authTypes: ['none'],
    resilience: 'timeout',
    usesBroker: false,
    usesEngine: false,
    envSlots: [
      { slot: 'port', suffix: 'HEALTH_PORT', description: 'Port of the health endpoint (default 8081)', secret: false },
      { slot: 'checkUrls', suffix: 'HEALTH_CHECK_URLS', description: 'Comma-separated URLs that must answer 2xx/3xx', secret: false },
      { slot: 'checkTcp', suffix: 'HEALTH_CHECK_TCP', description: 'Comma-separated host:port pairs that must accept a connection', secret: false },
    ],
  },
};

/** Env var names by slot for these option values, defaults derived from the name. */
export function envVarsFor(
  pattern: PatternId,
  name: string,
  choice: { auth: AuthType; broker: Broker; engine: WorkflowEngine },
  overrides: Partial<Record<string, string>> = {},
): { slot: EnvSlot; name: string }[] {
  const prefix = screamingCase(name);
  return PATTERNS[pattern].envSlots
    .filter((slot) => !slot.when || slot.when(choice))
    .map((slot) => ({ slot, name: overrides[slot.slot] ?? `${prefix}_${slot.suffix}` }));
}
