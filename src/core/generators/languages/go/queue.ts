/** Go queue producer and consumer: amqp091-go (RabbitMQ) or segmentio/kafka-go (Kafka). */
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

const REQUIRED = `// MissingConfigError names an environment variable that is not set (never its value).
type MissingConfigError struct{ Name string }

func (e *MissingConfigError) Error() string { return "environment variable " + e.Name + " is not set" }

func required(name string) (string, error) {
	value := os.Getenv(name)
	if value == "" {
		return "", &MissingConfigError{Name: name}
	}
	return value, nil
}`;

const TOPOLOGY = `// DeclareTopology declares the queue and its dead-letter queue; producer and consumer declare them identically.
func DeclareTopology(ch *amqp.Channel, queue string) error {
	if _, err := ch.QueueDeclare(queue+".dlq", true, false, false, false, nil); err != nil {
		return err
	}
	_, err := ch.QueueDeclare(queue, true, false, false, false, amqp.Table{
		"x-dead-letter-exchange":    "",
		"x-dead-letter-routing-key": queue + ".dlq",
	})
	return err
}`;

export function goQueueProducer(options: ResolvedOptions): string {
  const { env } = options;
  const head = `// Message producer for "${options.name}" (${options.broker === 'kafka' ? 'Kafka, segmentio/kafka-go' : 'RabbitMQ, amqp091-go'}). ${provenance(options, 'queue-producer')}
// Resilience: ${describePolicy(options.resilience)}.
package ${options.layout.module}
`;
  if (options.broker === 'kafka') {
    return `${head}
import (
	"context"
	"encoding/json"
	"os"
	"strings"

	"github.com/segmentio/kafka-go"
)

${REQUIRED}

// Producer publishes JSON to ${env['topic']}, acknowledged by all in-sync replicas.
type Producer struct {
	writer *kafka.Writer
	policy Policy
}

// NewProducerFromEnv reads ${env['brokers']} and ${env['topic']}.
func NewProducerFromEnv() (*Producer, error) {
	brokers, err := required("${env['brokers']}")
	if err != nil {
		return nil, err
	}
	topic, err := required("${env['topic']}")
	if err != nil {
		return nil, err
	}
	writer := kafka.NewWriter(kafka.WriterConfig{
		Brokers:      strings.Split(brokers, ","),
		Topic:        topic,
		RequiredAcks: -1, // all in-sync replicas
		WriteTimeout: DefaultPolicy.Timeout,
		MaxAttempts:  1, // retries are Retry's job, with the policy's backoff
	})
	return &Producer{writer: writer, policy: DefaultPolicy}, nil
}

// Publish sends one message with retries.
func (p *Producer) Publish(ctx context.Context, key string, message any) error {
	value, err := json.Marshal(message)
	if err != nil {
		return err
	}
	err = Retry(ctx, p.policy, RetryOptions{IsRetryable: func(error) bool { return true }}, func(ctx context.Context, _ int) error {
		return p.writer.WriteMessages(ctx, kafka.Message{Key: []byte(key), Value: value})
	})
	if err == nil {
		logEvent("published", map[string]any{"key": key})
	}
	return err
}

// Close flushes and closes the writer.
func (p *Producer) Close() error { return p.writer.Close() }
`;
  }
  return `${head}
import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"sync"

	amqp "github.com/rabbitmq/amqp091-go"
)

${REQUIRED}

${TOPOLOGY}

// ErrNacked means the broker refused the message (publisher confirm was a nack).
var ErrNacked = errors.New("broker did not confirm the message")

// Producer publishes persistent JSON to ${env['queue']} with publisher confirms; safe for concurrent use.
type Producer struct {
	mu     sync.Mutex
	url    string
	queue  string
	conn   *amqp.Connection
	ch     *amqp.Channel
	policy Policy
}

// NewProducerFromEnv reads ${env['amqpUrl']} and ${env['queue']}; it connects on first publish.
func NewProducerFromEnv() (*Producer, error) {
	url, err := required("${env['amqpUrl']}")
	if err != nil {
		return nil, err
	}
	queue, err := required("${env['queue']}")
	if err != nil {
		return nil, err
	}
	return &Producer{url: url, queue: queue, policy: DefaultPolicy}, nil
}

func (p *Producer) channel() (*amqp.Channel, error) {
	if p.ch != nil && !p.ch.IsClosed() {
		return p.ch, nil
	}
	if p.conn == nil || p.conn.IsClosed() {
		conn, err := amqp.DialConfig(p.url, amqp.Config{Dial: amqp.DefaultDial(p.policy.Timeout)})
		if err != nil {
			return nil, err
		}
		p.conn = conn
	}
	ch, err := p.conn.Channel()
	if err != nil {
		return nil, err
	}
	if err := ch.Confirm(false); err != nil {
		return nil, err
	}
	if err := DeclareTopology(ch, p.queue); err != nil {
		return nil, err
	}
	p.ch = ch
	return ch, nil
}

func newMessageID() string {
	buf := make([]byte, 16)
	_, _ = rand.Read(buf)
	return hex.EncodeToString(buf)
}

// Publish sends one message and waits for the broker's confirm, retrying with backoff. The message
// id is kept across retries so consumers can de-duplicate.
func (p *Producer) Publish(ctx context.Context, message any) (string, error) {
	body, err := json.Marshal(message)
	if err != nil {
		return "", err
	}
	id := newMessageID()
	p.mu.Lock()
	defer p.mu.Unlock()
	err = Retry(ctx, p.policy, RetryOptions{IsRetryable: func(error) bool { return true }}, func(ctx context.Context, _ int) error {
		ch, err := p.channel()
		if err != nil {
			return err
		}
		confirm, err := ch.PublishWithDeferredConfirmWithContext(ctx, "", p.queue, true, false, amqp.Publishing{
			ContentType:  "application/json",
			DeliveryMode: amqp.Persistent,
			MessageId:    id,
			Body:         body,
		})
		if err != nil {
			return err
		}
		acked := make(chan bool, 1)
		go func() { acked <- confirm.Wait() }()
		select {
		case ok := <-acked:
			if !ok {
				return ErrNacked
			}
			return nil
		case <-ctx.Done():
			p.ch.Close() // the confirm may still come; a fresh channel keeps delivery tags straight
			p.ch = nil
			return ctx.Err()
		}
	})
	if err == nil {
		logEvent("published", map[string]any{"queue": p.queue, "message_id": id})
	}
	return id, err
}

// Close closes the channel and the connection.
func (p *Producer) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conn == nil {
		return nil
	}
	return p.conn.Close()
}
`;
}

export function goQueueConsumer(options: ResolvedOptions): string {
  const { env } = options;
  const kafka = options.broker === 'kafka';
  const head = `// Message consumer for "${options.name}" (${kafka ? 'Kafka, segmentio/kafka-go' : 'RabbitMQ, amqp091-go'}). ${provenance(options, 'queue-consumer')}
// A message is acknowledged only after the handler returns nil. A failing message is requeued with
// a retry count and backoff (${describePolicy(options.resilience)});
// after ${options.resilience.policy.maxRetries} retries it goes to the dead-letter ${kafka ? 'topic <topic>.dlq' : 'queue <queue>.dlq'}. A message that is not JSON goes
// to the dead-letter ${kafka ? 'topic' : 'queue'} at once.
package ${options.layout.module}
`;
  if (kafka) {
    return `${head}
import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
)

${REQUIRED}

// Handler processes one message; returning an error retries it.
type Handler func(ctx context.Context, message json.RawMessage) error

// Consume reads ${env['topic']} as group ${env['groupId']} until ctx is cancelled, committing each offset
// only after its message was handled or dead-lettered.
func Consume(ctx context.Context, handle Handler) error {
	brokers, err := required("${env['brokers']}")
	if err != nil {
		return err
	}
	topic, err := required("${env['topic']}")
	if err != nil {
		return err
	}
	group, err := required("${env['groupId']}")
	if err != nil {
		return err
	}
	reader := kafka.NewReader(kafka.ReaderConfig{Brokers: strings.Split(brokers, ","), GroupID: group, Topic: topic})
	defer reader.Close()
	deadLetters := kafka.NewWriter(kafka.WriterConfig{Brokers: strings.Split(brokers, ","), Topic: topic + ".dlq", RequiredAcks: -1})
	defer deadLetters.Close()

	for {
		msg, err := reader.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if err := handleOne(ctx, msg, handle, deadLetters); err != nil {
			return err
		}
		if err := reader.CommitMessages(ctx, msg); err != nil {
			return err
		}
	}
}

func handleOne(ctx context.Context, msg kafka.Message, handle Handler, deadLetters *kafka.Writer) error {
	// kafka-go versions before 0.3 have no message headers, so the dead letter is a JSON envelope
	// carrying the reason and the original message (base64 when it is not JSON).
	deadLetter := func(reason string, retries int) error {
		envelope := map[string]any{"reason": reason, "retry_count": retries, "topic": msg.Topic, "partition": msg.Partition, "offset": msg.Offset}
		if json.Valid(msg.Value) {
			envelope["payload"] = json.RawMessage(msg.Value)
		} else {
			envelope["payload_base64"] = base64.StdEncoding.EncodeToString(msg.Value)
		}
		value, err := json.Marshal(envelope)
		if err != nil {
			return err
		}
		logEvent("dead_lettered", map[string]any{"offset": msg.Offset, "reason": reason})
		return deadLetters.WriteMessages(ctx, kafka.Message{Key: msg.Key, Value: value})
	}
	if !json.Valid(msg.Value) {
		return deadLetter("unparseable", 0)
	}
	// Kafka has no per-message requeue: the offset is not committed until the retries are spent.
	for attempt := 0; attempt <= DefaultPolicy.MaxRetries; attempt++ {
		err := handle(ctx, json.RawMessage(msg.Value))
		if err == nil {
			logEvent("handled", map[string]any{"offset": msg.Offset, "attempt": attempt})
			return nil
		}
		logEvent("handler_failed", map[string]any{"offset": msg.Offset, "attempt": attempt, "error": err.Error()})
		if attempt < DefaultPolicy.MaxRetries {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(BackoffDelay(attempt, DefaultPolicy)):
			}
		}
	}
	return deadLetter("retries_exhausted", DefaultPolicy.MaxRetries)
}
`;
  }
  return `${head}
import (
	"context"
	"encoding/json"
	"os"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

${REQUIRED}

${TOPOLOGY}

// Handler processes one message; returning an error requeues it (up to MaxRetries).
type Handler func(ctx context.Context, message json.RawMessage) error

const retryHeader = "x-retry-count"

func retriesOf(d amqp.Delivery) int {
	switch n := d.Headers[retryHeader].(type) {
	case int32:
		return int(n)
	case int64:
		return int(n)
	case int:
		return n
	}
	return 0
}

// Consume reads ${env['queue']} from ${env['amqpUrl']} with manual acks until ctx is cancelled.
func Consume(ctx context.Context, handle Handler, prefetch int) error {
	url, err := required("${env['amqpUrl']}")
	if err != nil {
		return err
	}
	queue, err := required("${env['queue']}")
	if err != nil {
		return err
	}
	conn, err := amqp.DialConfig(url, amqp.Config{Dial: amqp.DefaultDial(DefaultPolicy.Timeout)})
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return err
	}
	if err := ch.Confirm(false); err != nil {
		return err
	}
	if err := DeclareTopology(ch, queue); err != nil {
		return err
	}
	if err := ch.Qos(prefetch, 0, false); err != nil {
		return err
	}
	deliveries, err := ch.Consume(queue, "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case d, open := <-deliveries:
			if !open {
				return amqp.ErrClosed
			}
			if err := handleDelivery(ctx, ch, queue, d, handle); err != nil {
				return err
			}
		}
	}
}

func handleDelivery(ctx context.Context, ch *amqp.Channel, queue string, d amqp.Delivery, handle Handler) error {
	retries := retriesOf(d)
	if !json.Valid(d.Body) {
		logEvent("dead_lettered", map[string]any{"queue": queue, "reason": "unparseable", "message_id": d.MessageId})
		return d.Nack(false, false) // poison message: straight to the dead-letter queue
	}
	err := handle(ctx, json.RawMessage(d.Body))
	if err == nil {
		logEvent("handled", map[string]any{"queue": queue, "retries": retries, "message_id": d.MessageId})
		return d.Ack(false)
	}
	logEvent("handler_failed", map[string]any{"queue": queue, "retries": retries, "message_id": d.MessageId, "error": err.Error()})
	if retries >= DefaultPolicy.MaxRetries {
		logEvent("dead_lettered", map[string]any{"queue": queue, "reason": "retries_exhausted", "message_id": d.MessageId})
		return d.Nack(false, false) // dead-lettered through the queue's x-dead-letter-* arguments
	}
	// Requeue with a counter (a plain requeue cannot count). The copy is confirmed before the
	// original is acked: at-least-once, never lost.
	select {
	case <-ctx.Done():
		return d.Nack(false, true)
	case <-time.After(BackoffDelay(retries, DefaultPolicy)):
	}
	headers := amqp.Table{}
	for key, value := range d.Headers {
		headers[key] = value
	}
	headers[retryHeader] = int32(retries + 1)
	confirm, err := ch.PublishWithDeferredConfirmWithContext(ctx, "", queue, false, false, amqp.Publishing{
		ContentType:  d.ContentType,
		DeliveryMode: amqp.Persistent,
		MessageId:    d.MessageId,
		Headers:      headers,
		Body:         d.Body,
	})
	if err != nil {
		return err
	}
	if confirm != nil && !confirm.Wait() {
		return d.Nack(false, true)
	}
	return d.Ack(false)
}
`;
}
