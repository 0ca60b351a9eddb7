/** TypeScript queue producer and consumer: amqplib (RabbitMQ) or kafkajs (Kafka). */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

const REQUIRED = `export class MissingConfigError extends Error {
  override readonly name = 'MissingConfigError';
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new MissingConfigError('environment variable ' + name + ' is not set');
  return value;
}`;

/** Both sides declare the queue identically, or RabbitMQ refuses the second declaration. */
const RABBIT_TOPOLOGY = `/** The queue and its dead-letter queue; producer and consumer declare them identically. */
export async function declareTopology(channel: Channel, queue: string): Promise<void> {
  await channel.assertQueue(queue + '.dlq', { durable: true });
  await channel.assertQueue(queue, {
    durable: true,
    arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue + '.dlq' },
  });
}`;

export function tsQueueProducer(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const { env } = options;
  const head = `/**
 * Message producer for "${options.name}" (${options.broker === 'kafka' ? 'Kafka, kafkajs' : 'RabbitMQ, amqplib'}). ${provenance(options, 'queue-producer')}
 * Resilience: ${describePolicy(options.resilience)}.
 */`;
  if (options.broker === 'kafka') {
    return `${head}
import { Kafka, type Producer } from 'kafkajs';
import { logEvent, POLICY } from './resilience';

${REQUIRED}

export class ${cls}Producer {
  private constructor(private readonly producer: Producer, private readonly topic: string) {}

  /** Connects to ${env['brokers']} and publishes to ${env['topic']}. */
  static async connect(env: NodeJS.ProcessEnv = process.env): Promise<${cls}Producer> {
    const kafka = new Kafka({
      clientId: '${options.name}',
      brokers: required(env, '${env['brokers']}').split(',').map((b) => b.trim()),
      connectionTimeout: POLICY.timeoutMs,
      requestTimeout: POLICY.timeoutMs,
      // kafkajs retries with its own exponential backoff and jitter; these are the policy's numbers.
      retry: { retries: POLICY.maxRetries, initialRetryTime: POLICY.baseDelayMs, maxRetryTime: POLICY.maxDelayMs },
    });
    // Idempotent producer: retries never write a message twice (needs acks from all in-sync replicas).
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return new ${cls}Producer(producer, required(env, '${env['topic']}'));
  }

  /** Publishes one JSON message; resolves once every in-sync replica has it. */
  async publish(message: unknown, key?: string): Promise<void> {
    await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key: key ?? null, value: JSON.stringify(message) }] });
    logEvent('published', { topic: this.topic });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
`;
  }
  return `${head}
import { randomUUID } from 'node:crypto';
import { connect, type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { logEvent, POLICY, retry } from './resilience';

${REQUIRED}

${RABBIT_TOPOLOGY}

const TRANSIENT = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Channel closed|Connection closed|timed out|nack/i;

export class ${cls}Producer {
  private constructor(private readonly connection: ChannelModel, private readonly channel: ConfirmChannel, private readonly queue: string) {}

  /** Connects to ${env['amqpUrl']} and declares ${env['queue']} with its dead-letter queue. */
  static async connect(env: NodeJS.ProcessEnv = process.env): Promise<${cls}Producer> {
    const queue = required(env, '${env['queue']}');
    const connection = await connect(required(env, '${env['amqpUrl']}'), { timeout: POLICY.timeoutMs });
    const channel = await connection.createConfirmChannel();
    await declareTopology(channel, queue);
    return new ${cls}Producer(connection, channel, queue);
  }

  /**
   * Publishes one persistent JSON message and waits for the broker's confirm, retrying with
   * backoff. Returns the message id (retries reuse it, so consumers can de-duplicate).
   */
  async publish(message: unknown, signal?: AbortSignal): Promise<string> {
    const messageId = randomUUID();
    const body = Buffer.from(JSON.stringify(message));
    await retry(async () => {
      this.channel.sendToQueue(this.queue, body, { persistent: true, contentType: 'application/json', messageId });
      await this.channel.waitForConfirms();
    }, { isRetryable: (error) => error instanceof Error && TRANSIENT.test(error.message), signal });
    logEvent('published', { queue: this.queue, messageId });
    return messageId;
  }

  async close(): Promise<void> {
    await this.channel.close();
    await this.connection.close();
  }
}
`;
}

export function tsQueueConsumer(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const { env } = options;
  const head = `/**
 * Message consumer for "${options.name}" (${options.broker === 'kafka' ? 'Kafka, kafkajs' : 'RabbitMQ, amqplib'}). ${provenance(options, 'queue-consumer')}
 * A message is acknowledged only after the handler succeeds. A failing message is requeued with
 * a retry count and backoff (${describePolicy(options.resilience)});
 * after ${options.resilience.policy.maxRetries} retries it goes to the dead-letter ${options.broker === 'kafka' ? 'topic <topic>.dlq' : 'queue <queue>.dlq'}.
 * A message that is not JSON goes to the dead-letter ${options.broker === 'kafka' ? 'topic' : 'queue'} at once.
 */`;
  if (options.broker === 'kafka') {
    return `${head}
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import { backoffDelay, logEvent, POLICY, sleep } from './resilience';

${REQUIRED}

export type Handler<T> = (message: T, meta: { topic: string; partition: number; offset: string; key: string | null }) => Promise<void>;

export interface RunningConsumer {
  close(): Promise<void>;
}

/** Consumes ${env['topic']} as group ${env['groupId']}, committing each offset only after its message is handled or dead-lettered. */
export async function start${cls}Consumer<T>(handler: Handler<T>, env: NodeJS.ProcessEnv = process.env): Promise<RunningConsumer> {
  const topic = required(env, '${env['topic']}');
  const kafka = new Kafka({
    clientId: '${options.name}',
    brokers: required(env, '${env['brokers']}').split(',').map((b) => b.trim()),
    connectionTimeout: POLICY.timeoutMs,
  });
  const consumer: Consumer = kafka.consumer({ groupId: required(env, '${env['groupId']}') });
  const deadLetters: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([consumer.connect(), deadLetters.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic: from, partition, message }) => {
      const commit = (): Promise<void> => consumer.commitOffsets([{ topic: from, partition, offset: (BigInt(message.offset) + BigInt(1)).toString() }]);
      const meta = { topic: from, partition, offset: message.offset, key: message.key?.toString() ?? null };
      let parsed: T;
      try {
        parsed = JSON.parse(message.value?.toString() ?? 'null') as T;
      } catch {
        await deadLetter('unparseable', 0);
        return;
      }
      // Kafka has no per-message requeue: the offset is not committed until the retries are spent.
      for (let attempt = 0; ; attempt++) {
        try {
          await handler(parsed, meta);
          await commit();
          logEvent('handled', { ...meta, attempt });
          return;
        } catch (error) {
          logEvent('handler_failed', { ...meta, attempt, error: error instanceof Error ? error.message : String(error) });
          if (attempt >= POLICY.maxRetries) break;
          await sleep(backoffDelay(attempt));
        }
      }
      await deadLetter('retries_exhausted', POLICY.maxRetries);

      async function deadLetter(reason: string, retries: number): Promise<void> {
        await deadLetters.send({
          topic: from + '.dlq',
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers: { ...message.headers, 'x-dead-letter-reason': reason, 'x-retry-count': String(retries) } }],
        });
        await commit();
        logEvent('dead_lettered', { ...meta, reason });
      }
    },
  });
  return {
    close: async () => {
      await consumer.disconnect();
      await deadLetters.disconnect();
    },
  };
}
`;
  }
  return `${head}
import { connect, type Channel, type ConsumeMessage } from 'amqplib';
import { backoffDelay, logEvent, POLICY, sleep } from './resilience';

${REQUIRED}

${RABBIT_TOPOLOGY}

export type Handler<T> = (message: T, raw: ConsumeMessage) => Promise<void>;

export interface RunningConsumer {
  close(): Promise<void>;
}

const RETRY_HEADER = 'x-retry-count';

/** Consumes ${env['queue']} from ${env['amqpUrl']} with manual acks; \`prefetch\` bounds messages in flight. */
export async function start${cls}Consumer<T>(handler: Handler<T>, env: NodeJS.ProcessEnv = process.env, prefetch = 10): Promise<RunningConsumer> {
  const queue = required(env, '${env['queue']}');
  const connection = await connect(required(env, '${env['amqpUrl']}'), { timeout: POLICY.timeoutMs });
  const channel = await connection.createConfirmChannel();
  await declareTopology(channel, queue);
  await channel.prefetch(prefetch);

  const onMessage = async (message: ConsumeMessage | null): Promise<void> => {
    if (message === null) return; // the broker cancelled the consumer
    const retries = Number(message.properties.headers?.[RETRY_HEADER] ?? 0);
    let parsed: T;
    try {
      parsed = JSON.parse(message.content.toString('utf8')) as T;
    } catch {
      channel.nack(message, false, false); // poison message: straight to the dead-letter queue
      logEvent('dead_lettered', { queue, reason: 'unparseable', messageId: message.properties.messageId });
      return;
    }
    try {
      await handler(parsed, message);
      channel.ack(message);
      logEvent('handled', { queue, retries, messageId: message.properties.messageId });
    } catch (error) {
      logEvent('handler_failed', { queue, retries, messageId: message.properties.messageId, error: error instanceof Error ? error.message : String(error) });
      if (retries >= POLICY.maxRetries) {
        channel.nack(message, false, false); // dead-lettered through the queue's x-dead-letter-* arguments
        logEvent('dead_lettered', { queue, reason: 'retries_exhausted', messageId: message.properties.messageId });
        return;
      }
      // Requeue with a counter: a plain nack(requeue) cannot count, so the copy carries the count.
      // The copy is confirmed before the original is acked: at-least-once, never lost.
      await sleep(backoffDelay(retries));
      channel.sendToQueue(queue, message.content, {
        ...message.properties,
        headers: { ...message.properties.headers, [RETRY_HEADER]: retries + 1 },
      });
      await channel.waitForConfirms();
      channel.ack(message);
    }
  };
  const { consumerTag } = await channel.consume(queue, (message) => {
    onMessage(message).catch((error: unknown) => logEvent('consumer_error', { error: error instanceof Error ? error.message : String(error) }));
  }, { noAck: false });
  return {
    close: async () => {
      await channel.cancel(consumerTag);
      await channel.close();
      await connection.close();
    },
  };
}
`;
}
