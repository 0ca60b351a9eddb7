/** Java RabbitMQ producer and consumer: com.rabbitmq:amqp-client 5.x. */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

const CONNECT = (options: ResolvedOptions): string => `    static Connection connect(Map<String, String> env) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(required(env, "${options.env['amqpUrl']}"));
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new IllegalStateException("${options.env['amqpUrl']} is not a valid AMQP URI", e);
        }
        factory.setConnectionTimeout((int) Resilience.POLICY.timeout().toMillis());
        factory.setAutomaticRecoveryEnabled(true);
        return factory.newConnection("${options.name}");
    }

    /** The queue and its dead-letter queue; producer and consumer declare them identically. */
    static void declareTopology(Channel channel, String queue) throws IOException {
        channel.queueDeclare(queue + ".dlq", true, false, false, null);
        channel.queueDeclare(queue, true, false, false, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", queue + ".dlq"));
    }

    static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) throw new IllegalStateException("environment variable " + name + " is not set");
        return value;
    }`;

const IMPORTS = `import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;`;

export function javaQueueProducer(options: ResolvedOptions): string {
  const cls = `${pascalCase(options.name)}Producer`;
  return `package ${options.layout.module};

${IMPORTS}

/**
 * Message producer for "${options.name}" (RabbitMQ, amqp-client). ${provenance(options, 'queue-producer')}
 * Resilience: ${describePolicy(options.resilience)}.
 * Publishes persistent JSON to ${options.env['queue']} and waits for the publisher confirm.
 */
public final class ${cls} implements AutoCloseable {
    private final Connection connection;
    private final Channel channel;
    private final String queue;

    public ${cls}() throws IOException, TimeoutException {
        this(System.getenv());
    }

    public ${cls}(Map<String, String> env) throws IOException, TimeoutException {
        this.queue = required(env, "${options.env['queue']}");
        this.connection = connect(env);
        this.channel = connection.createChannel();
        channel.confirmSelect();
        declareTopology(channel, queue);
    }

${CONNECT(options)}

    /** Publishes one JSON message, retrying with backoff; returns its message id (kept across retries). */
    public synchronized String publish(String json) throws Exception {
        String messageId = UUID.randomUUID().toString();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
            .contentType("application/json").deliveryMode(2).messageId(messageId).headers(new HashMap<>()).build();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Resilience.retry(attempt -> {
            channel.basicPublish("", queue, true, properties, body);
            channel.waitForConfirmsOrDie(Resilience.POLICY.timeout().toMillis());
            return null;
        }, error -> error instanceof IOException || error instanceof TimeoutException, error -> true, null, Resilience.POLICY);
        Resilience.logEvent("published", Map.of("queue", queue, "message_id", messageId));
        return messageId;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
`;
}

export function javaQueueConsumer(options: ResolvedOptions): string {
  const cls = `${pascalCase(options.name)}Consumer`;
  return `package ${options.layout.module};

${IMPORTS}

/**
 * Message consumer for "${options.name}" (RabbitMQ, amqp-client). ${provenance(options, 'queue-consumer')}
 * A message is acknowledged only after the handler returns. A failing message is requeued with a
 * retry count and backoff (${describePolicy(options.resilience)});
 * after ${options.resilience.policy.maxRetries} retries it goes to the dead-letter queue <queue>.dlq. A handler that
 * throws PoisonMessageException sends the message there at once (the JDK has no JSON parser, so the
 * handler decides what is malformed).
 */
public final class ${cls} implements AutoCloseable {
    /** Processes one message body (UTF-8 JSON). */
    @FunctionalInterface
    public interface Handler {
        void handle(String json) throws Exception;
    }

    /** Thrown by a handler for a message that can never succeed: dead-lettered without retries. */
    public static final class PoisonMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        public PoisonMessageException(String message) {
            super(message);
        }
    }

    private static final String RETRY_HEADER = "x-retry-count";
    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private String consumerTag;

    public ${cls}() throws IOException, TimeoutException {
        this(System.getenv());
    }

    public ${cls}(Map<String, String> env) throws IOException, TimeoutException {
        this.queue = required(env, "${options.env['queue']}");
        this.connection = connect(env);
        this.channel = connection.createChannel();
        channel.confirmSelect();
        declareTopology(channel, queue);
    }

${CONNECT(options)}

    /** Starts consuming with manual acks; at most prefetch messages are in flight. */
    public void start(Handler handler, int prefetch) throws IOException {
        channel.basicQos(prefetch);
        consumerTag = channel.basicConsume(queue, false, (tag, delivery) -> {
            long deliveryTag = delivery.getEnvelope().getDeliveryTag();
            AMQP.BasicProperties properties = delivery.getProperties();
            Map<String, Object> headers = properties.getHeaders() == null ? new HashMap<>() : new HashMap<>(properties.getHeaders());
            int retries = headers.get(RETRY_HEADER) instanceof Number n ? n.intValue() : 0;
            String id = String.valueOf(properties.getMessageId());
            try {
                handler.handle(new String(delivery.getBody(), StandardCharsets.UTF_8));
                channel.basicAck(deliveryTag, false);
                Resilience.logEvent("handled", Map.of("queue", queue, "retries", retries, "message_id", id));
            } catch (PoisonMessageException poison) {
                channel.basicNack(deliveryTag, false, false);
                Resilience.logEvent("dead_lettered", Map.of("queue", queue, "reason", "poison", "message_id", id));
            } catch (Exception error) {
                Resilience.logEvent("handler_failed", Map.of("queue", queue, "retries", retries, "message_id", id, "error", error.getClass().getSimpleName()));
                if (retries >= Resilience.POLICY.maxRetries()) {
                    channel.basicNack(deliveryTag, false, false); // through the queue's dead-letter arguments
                    Resilience.logEvent("dead_lettered", Map.of("queue", queue, "reason", "retries_exhausted", "message_id", id));
                    return;
                }
                // Requeue with a counter (a plain requeue cannot count). The copy is confirmed before the
                // original is acked: at-least-once, never lost.
                try {
                    Thread.sleep(Resilience.backoffDelayMillis(retries, Resilience.POLICY));
                    headers.put(RETRY_HEADER, retries + 1);
                    channel.basicPublish("", queue, false, properties.builder().headers(headers).deliveryMode(2).build(), delivery.getBody());
                    channel.waitForConfirmsOrDie(Resilience.POLICY.timeout().toMillis());
                    channel.basicAck(deliveryTag, false);
                } catch (InterruptedException | TimeoutException interrupted) {
                    channel.basicNack(deliveryTag, false, true);
                    if (interrupted instanceof InterruptedException) Thread.currentThread().interrupt();
                }
            }
        }, tag -> Resilience.logEvent("consumer_cancelled", Map.of("queue", queue)));
    }

    @Override
    public void close() throws IOException {
        try {
            if (consumerTag != null) channel.basicCancel(consumerTag);
        } finally {
            connection.close();
        }
    }
}
`;
}
