/** Every Go generator, by pattern. One package per integration (its folder), Go 1.19+. */
import type { LanguageGenerators } from '../../registry';
import type { ResolvedOptions } from '../../types';
import { goDatabaseCache } from './databaseCache';
import { goQueueConsumer, goQueueProducer } from './queue';
import { goResilience } from './resilience';
import { goRestClient } from './restClient';
import { goOAuth2, goWebhook } from './webhook';
import { goHealth, goMonitoring, goWorkflow, goWorkflowExample } from './workflow';

const file = (options: ResolvedOptions, name: string, content: string) => ({ path: `${options.layout.dir}/${name}`, content });
const resilience = (options: ResolvedOptions) => file(options, 'resilience.go', goResilience(options));
const importNote = (options: ResolvedOptions): string[] => options.layout.importPath ? [`Import it as "${options.layout.importPath}".`] : [];

export const goGenerators: LanguageGenerators = {
  'rest-client': (o) => ({ files: [resilience(o), file(o, 'client.go', goRestClient(o))], dependencies: [], notes: importNote(o) }),
  'database-cache': (o) => ({
    files: [resilience(o), file(o, 'repository.go', goDatabaseCache(o))],
    dependencies: ['go get github.com/jackc/pgx/v5 github.com/gomodule/redigo'],
    notes: importNote(o),
  }),
  'queue-producer': (o) => ({
    files: [resilience(o), file(o, 'producer.go', goQueueProducer(o))],
    dependencies: [o.broker === 'kafka' ? 'go get github.com/segmentio/kafka-go' : 'go get github.com/rabbitmq/amqp091-go'],
    notes: importNote(o),
  }),
  'queue-consumer': (o) => ({
    files: [resilience(o), file(o, 'consumer.go', goQueueConsumer(o))],
    dependencies: [o.broker === 'kafka' ? 'go get github.com/segmentio/kafka-go' : 'go get github.com/rabbitmq/amqp091-go'],
    notes: importNote(o),
  }),
  'webhook-receiver': (o) => ({ files: [file(o, 'webhook.go', goWebhook(o))], dependencies: [], notes: importNote(o) }),
  'oauth2-client': (o) => ({ files: [file(o, 'oauth2.go', goOAuth2(o))], dependencies: [], notes: importNote(o) }),
  workflow: (o) => ({ files: [resilience(o), file(o, 'engine.go', goWorkflow(o)), file(o, 'workflow.go', goWorkflowExample(o))], dependencies: [], notes: importNote(o) }),
  monitoring: (o) => ({
    files: [file(o, 'monitoring.go', goMonitoring(o))],
    dependencies: ['go get go.opentelemetry.io/otel go.opentelemetry.io/otel/metric go.opentelemetry.io/otel/trace'],
    notes: importNote(o),
  }),
  'health-endpoint': (o) => ({ files: [file(o, 'health.go', goHealth(o))], dependencies: [], notes: importNote(o) }),
};
