/** Python queue producer and consumer: pika (RabbitMQ) or kafka-python (Kafka). */
import { pascalCase, snakeCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

const REQUIRED = `class MissingConfigError(Exception):
    """A required environment variable is not set (its value is never printed)."""


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "")
    if not value:
        raise MissingConfigError(f"environment variable {name} is not set")
    return value`;

const TOPOLOGY = `def declare_topology(channel: Any, queue: str) -> None:
    """The queue and its dead-letter queue; producer and consumer declare them identically."""
    channel.queue_declare(queue=queue + ".dlq", durable=True)
    channel.queue_declare(
        queue=queue,
        durable=True,
        arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": queue + ".dlq"},
    )`;

export function pyQueueProducer(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const { env } = options;
  const head = `"""Message producer for "${options.name}" (${options.broker === 'kafka' ? 'Kafka, kafka-python' : 'RabbitMQ, pika'}). ${provenance(options, 'queue-producer')}

Resilience: ${describePolicy(options.resilience)}.
"""
from __future__ import annotations

import json
import os
import uuid
from typing import Any, Mapping, Optional
`;
  if (options.broker === 'kafka') {
    return `${head}
from kafka import KafkaProducer
from kafka.errors import KafkaError

from .resilience import POLICY, log_event

${REQUIRED}


class ${cls}Producer:
    """Publishes JSON to ${env['topic']} on ${env['brokers']}, acknowledged by all in-sync replicas."""

    def __init__(self, env: Optional[Mapping[str, str]] = None) -> None:
        env = os.environ if env is None else env
        self.topic = _required(env, "${env['topic']}")
        # kafka-python retries sends itself; max_in_flight 1 keeps ordering across those retries.
        self._producer = KafkaProducer(
            bootstrap_servers=[b.strip() for b in _required(env, "${env['brokers']}").split(",")],
            client_id="${options.name}",
            acks="all",
            retries=POLICY.max_retries,
            retry_backoff_ms=int(POLICY.base_delay * 1000),
            request_timeout_ms=int(POLICY.timeout * 1000),
            max_in_flight_requests_per_connection=1,
            value_serializer=lambda value: json.dumps(value).encode("utf-8"),
        )

    def publish(self, message: Any, key: Optional[str] = None) -> None:
        """Sends one message and waits for the broker's acknowledgement."""
        try:
            self._producer.send(self.topic, value=message, key=key.encode("utf-8") if key else None).get(timeout=POLICY.timeout * (POLICY.max_retries + 1))
        except KafkaError as error:
            log_event("publish_failed", topic=self.topic, error=type(error).__name__)
            raise
        log_event("published", topic=self.topic)

    def close(self) -> None:
        self._producer.flush()
        self._producer.close()
`;
  }
  return `${head}
import pika
from pika.exceptions import AMQPConnectionError, AMQPError, NackError, UnroutableError

from .resilience import POLICY, log_event, retry

${REQUIRED}


${TOPOLOGY}


class ${cls}Producer:
    """Publishes persistent JSON to ${env['queue']} on ${env['amqpUrl']}, with publisher confirms."""

    def __init__(self, env: Optional[Mapping[str, str]] = None) -> None:
        env = os.environ if env is None else env
        self.queue = _required(env, "${env['queue']}")
        self._parameters = pika.URLParameters(_required(env, "${env['amqpUrl']}"))
        self._parameters.socket_timeout = POLICY.timeout
        self._parameters.blocked_connection_timeout = POLICY.timeout
        self._connection: Optional[pika.BlockingConnection] = None
        self._channel: Any = None

    def _ensure_channel(self) -> Any:
        if self._connection is None or self._connection.is_closed:
            self._connection = pika.BlockingConnection(self._parameters)
            self._channel = self._connection.channel()
            self._channel.confirm_delivery()
            declare_topology(self._channel, self.queue)
        return self._channel

    def publish(self, message: Any) -> str:
        """Publishes one message and waits for the broker's confirm; returns its message id (kept across retries)."""
        message_id = str(uuid.uuid4())
        body = json.dumps(message).encode("utf-8")
        properties = pika.BasicProperties(content_type="application/json", delivery_mode=2, message_id=message_id)

        def attempt(_: int) -> None:
            try:
                self._ensure_channel().basic_publish(exchange="", routing_key=self.queue, body=body, properties=properties, mandatory=True)
            except AMQPConnectionError:
                self._connection = None  # reconnect on the next attempt
                raise

        retry(attempt, is_retryable=lambda error: isinstance(error, (AMQPError, NackError, UnroutableError, OSError)))
        log_event("published", queue=self.queue, message_id=message_id)
        return message_id

    def close(self) -> None:
        if self._connection is not None and self._connection.is_open:
            self._connection.close()
`;
}

export function pyQueueConsumer(options: ResolvedOptions): string {
  const fn = snakeCase(options.name);
  const { env } = options;
  const kafka = options.broker === 'kafka';
  const head = `"""Message consumer for "${options.name}" (${kafka ? 'Kafka, kafka-python' : 'RabbitMQ, pika'}). ${provenance(options, 'queue-consumer')}

A message is acknowledged only after the handler returns. A failing message is requeued with a
retry count and backoff (${describePolicy(options.resilience)});
after ${options.resilience.policy.maxRetries} retries it goes to the dead-letter ${kafka ? 'topic <topic>.dlq' : 'queue <queue>.dlq'}. A message that is not
JSON goes to the dead-letter ${kafka ? 'topic' : 'queue'} at once.
"""
from __future__ import annotations

import json
import os
import threading
import time
from typing import Any, Callable, Mapping, Optional
`;
  if (kafka) {
    return `${head}
from kafka import KafkaConsumer, KafkaProducer

from .resilience import POLICY, backoff_delay, log_event

Handler = Callable[[Any], None]

${REQUIRED}


def consume_${fn}(handler: Handler, stop: Optional[threading.Event] = None, env: Optional[Mapping[str, str]] = None) -> None:
    """Consumes ${env['topic']} as group ${env['groupId']} until stop is set; commits each offset after handling or dead-lettering."""
    env = os.environ if env is None else env
    stop = stop or threading.Event()
    topic = _required(env, "${env['topic']}")
    servers = [b.strip() for b in _required(env, "${env['brokers']}").split(",")]
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=servers,
        group_id=_required(env, "${env['groupId']}"),
        client_id="${options.name}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        consumer_timeout_ms=1000,  # lets the loop notice stop
    )
    dead_letters = KafkaProducer(bootstrap_servers=servers, acks="all", client_id="${options.name}-dlq")
    try:
        while not stop.is_set():
            for record in consumer:
                _handle_record(record, handler, consumer, dead_letters)
                if stop.is_set():
                    break
    finally:
        consumer.close()
        dead_letters.close()


def _handle_record(record: Any, handler: Handler, consumer: Any, dead_letters: Any) -> None:
    def dead_letter(reason: str, retries: int) -> None:
        headers = list(record.headers or []) + [("x-dead-letter-reason", reason.encode()), ("x-retry-count", str(retries).encode())]
        dead_letters.send(record.topic + ".dlq", value=record.value, key=record.key, headers=headers).get(timeout=POLICY.timeout)
        consumer.commit()
        log_event("dead_lettered", topic=record.topic, offset=record.offset, reason=reason)

    try:
        message = json.loads(record.value)
    except (TypeError, ValueError):
        dead_letter("unparseable", 0)
        return
    # Kafka has no per-message requeue: the offset stays uncommitted until the retries are spent.
    for attempt in range(POLICY.max_retries + 1):
        try:
            handler(message)
        except Exception as error:  # noqa: BLE001 - any handler failure is retried, then dead-lettered
            log_event("handler_failed", topic=record.topic, offset=record.offset, attempt=attempt, error=type(error).__name__)
            if attempt < POLICY.max_retries:
                time.sleep(backoff_delay(attempt))
            continue
        consumer.commit()
        log_event("handled", topic=record.topic, offset=record.offset, attempt=attempt)
        return
    dead_letter("retries_exhausted", POLICY.max_retries)
`;
  }
  return `${head}
import pika

from .resilience import POLICY, backoff_delay, log_event

Handler = Callable[[Any], None]
RETRY_HEADER = "x-retry-count"

${REQUIRED}


${TOPOLOGY}


def consume_${fn}(handler: Handler, stop: Optional[threading.Event] = None, env: Optional[Mapping[str, str]] = None, prefetch: int = 10) -> None:
    """Consumes ${env['queue']} from ${env['amqpUrl']} with manual acks until stop is set."""
    env = os.environ if env is None else env
    stop = stop or threading.Event()
    queue = _required(env, "${env['queue']}")
    parameters = pika.URLParameters(_required(env, "${env['amqpUrl']}"))
    parameters.socket_timeout = POLICY.timeout
    connection = pika.BlockingConnection(parameters)
    channel = connection.channel()
    channel.confirm_delivery()
    declare_topology(channel, queue)
    channel.basic_qos(prefetch_count=prefetch)

    def on_message(ch: Any, method: Any, properties: Any, body: bytes) -> None:
        headers = dict(properties.headers or {})
        retries = int(headers.get(RETRY_HEADER, 0))
        try:
            message = json.loads(body)
        except ValueError:
            ch.basic_nack(delivery_tag=method.delivery_tag, requeue=False)  # poison message: dead-letter at once
            log_event("dead_lettered", queue=queue, reason="unparseable", message_id=properties.message_id)
            return
        try:
            handler(message)
        except Exception as error:  # noqa: BLE001 - any handler failure is requeued, then dead-lettered
            log_event("handler_failed", queue=queue, retries=retries, message_id=properties.message_id, error=type(error).__name__)
            if retries >= POLICY.max_retries:
                ch.basic_nack(delivery_tag=method.delivery_tag, requeue=False)  # through the queue's dead-letter arguments
                log_event("dead_lettered", queue=queue, reason="retries_exhausted", message_id=properties.message_id)
                return
            # Requeue with a counter (a plain requeue cannot count): the copy is confirmed before the
            # original is acked, so the message is never lost (at-least-once). connection.sleep keeps
            # heartbeats flowing while waiting.
            connection.sleep(backoff_delay(retries))
            headers[RETRY_HEADER] = retries + 1
            ch.basic_publish(
                exchange="",
                routing_key=queue,
                body=body,
                properties=pika.BasicProperties(
                    content_type=properties.content_type, delivery_mode=2, message_id=properties.message_id, headers=headers,
                ),
            )
            ch.basic_ack(delivery_tag=method.delivery_tag)
            return
        ch.basic_ack(delivery_tag=method.delivery_tag)
        log_event("handled", queue=queue, retries=retries, message_id=properties.message_id)

    channel.basic_consume(queue=queue, on_message_callback=on_message, auto_ack=False)
    try:
        while not stop.is_set():
            connection.process_data_events(time_limit=1)
    finally:
        if connection.is_open:
            connection.close()
`;
}
