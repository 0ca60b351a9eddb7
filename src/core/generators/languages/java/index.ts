/** Every Java generator, by pattern. One package per integration, Java 17+. */
import type { LanguageGenerators } from '../../registry';
import type { ResolvedOptions } from '../../types';
import { pascalCase } from '../../naming';
import { javaQueueConsumer, javaQueueProducer } from './queue';
import { javaResilience } from './resilience';
import { javaRestClient } from './restClient';
import { javaOAuth2, javaWebhookServer, javaWebhookVerifier } from './webhook';
import { javaHealth, javaMonitoring, javaWorkflowEngine, javaWorkflowExample } from './workflow';

const file = (options: ResolvedOptions, name: string, content: string) => ({ path: `${options.layout.dir}/${name}`, content });
const resilience = (options: ResolvedOptions) => file(options, 'Resilience.java', javaResilience(options));
const cls = (options: ResolvedOptions, suffix: string): string => `${pascalCase(options.name)}${suffix}.java`;
const AMQP = 'Maven: com.rabbitmq:amqp-client:5.x';

export const javaGenerators: LanguageGenerators = {
  'rest-client': (o) => ({ files: [resilience(o), file(o, cls(o, 'Client'), javaRestClient(o))], dependencies: [] }),
  'queue-producer': (o) => ({ files: [resilience(o), file(o, cls(o, 'Producer'), javaQueueProducer(o))], dependencies: [AMQP] }),
  'queue-consumer': (o) => ({ files: [resilience(o), file(o, cls(o, 'Consumer'), javaQueueConsumer(o))], dependencies: [AMQP] }),
  'webhook-receiver': (o) => ({ files: [file(o, 'WebhookVerifier.java', javaWebhookVerifier(o)), file(o, cls(o, 'WebhookServer'), javaWebhookServer(o))], dependencies: [] }),
  'oauth2-client': (o) => ({ files: [file(o, cls(o, 'OAuth2Client'), javaOAuth2(o))], dependencies: [] }),
  workflow: (o) => ({ files: [resilience(o), file(o, 'Workflow.java', javaWorkflowEngine(o)), file(o, cls(o, 'Workflow'), javaWorkflowExample(o))], dependencies: [] }),
  monitoring: (o) => ({
    files: [resilience(o), file(o, cls(o, 'Monitoring'), javaMonitoring(o))],
    dependencies: ['Maven: io.opentelemetry:opentelemetry-api', 'an OpenTelemetry SDK or the Java agent in the application to export the data'],
  }),
  'health-endpoint': (o) => ({ files: [resilience(o), file(o, cls(o, 'HealthServer'), javaHealth(o))], dependencies: [] }),
};
