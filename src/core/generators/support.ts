/**
 * Which pattern × language pairs are generated, and why the others are not.
 * The rule: a pair is supported only when its code uses the ecosystem's usual library AND that
 * code is compiled by the language's own toolchain in this project's tests. A pair whose client
 * library cannot be checked here says so instead of shipping unverified code.
 */
import type { Broker, LanguageId, PatternId, Support, WorkflowEngine } from './types';

const NO_REDIS_JAVA = 'The JDK has no Redis client, and the generator only emits Java that it compiles against the JDK and '
  + 'Debian-packaged libraries (neither Jedis nor Lettuce is packaged). Use TypeScript, Python or Go for this pattern.';
const NO_REDIS_RUST = 'The redis crate is not among the Debian-packaged crates the Rust generators are compiled against '
  + '(tokio-postgres is, redis is not), so no checked Rust code exists for the cache half. Use TypeScript, Python or Go.';
const NO_KAFKA_JAVA = 'Kafka needs org.apache.kafka:kafka-clients, which is neither in the JDK nor packaged for Debian, so the '
  + 'generator cannot compile-check it. Java is generated for RabbitMQ (com.rabbitmq:amqp-client); for Kafka use TypeScript, Python or Go.';
const NO_QUEUE_RUST = 'Neither lapin (AMQP) nor rdkafka is among the Debian-packaged crates the Rust generators are compiled '
  + 'against, so no checked Rust code exists for it. Use TypeScript, Python or Go (or Java for RabbitMQ).';
const TEMPORAL_TS_ONLY = 'The Temporal variant is generated for TypeScript only (@temporalio/workflow). Choose the in-process '
  + 'engine for this language.';

/** Whether `pattern` in `language` (with these option values) is generated, or why not. */
export function supportOf(
  pattern: PatternId,
  language: LanguageId,
  choice: { broker?: Broker; engine?: WorkflowEngine } = {},
): Support {
  const broker = choice.broker ?? 'rabbitmq';
  if (pattern === 'database-cache') {
    if (language === 'java') return { supported: false, reason: NO_REDIS_JAVA };
    if (language === 'rust') return { supported: false, reason: NO_REDIS_RUST };
  }
  if (pattern === 'queue-producer' || pattern === 'queue-consumer') {
    if (language === 'rust') return { supported: false, reason: NO_QUEUE_RUST };
    if (language === 'java' && broker === 'kafka') return { supported: false, reason: NO_KAFKA_JAVA };
  }
  if (pattern === 'workflow' && choice.engine === 'temporal' && language !== 'typescript') {
    return { supported: false, reason: TEMPORAL_TS_ONLY };
  }
  return { supported: true };
}
