/** Every TypeScript generator, by pattern. */
import type { LanguageGenerators } from '../../registry';
import type { ResolvedOptions } from '../../types';
import { tsDatabaseCache } from './databaseCache';
import { tsHealth } from './health';
import { tsMonitoring } from './monitoring';
import { tsOAuth2 } from './oauth2';
import { tsQueueConsumer, tsQueueProducer } from './queue';
import { tsResilience } from './resilience';
import { tsRestClient } from './restClient';
import { tsWebhookServer, tsWebhookVerify } from './webhook';
import { tsTemporalActivities, tsTemporalWorkflow, tsWorkflowDefinition, tsWorkflowEngine } from './workflow';

const file = (options: ResolvedOptions, name: string, content: string) => ({ path: `${options.layout.dir}/${name}`, content });
const resilience = (options: ResolvedOptions) => file(options, 'resilience.ts', tsResilience(options));
const TYPES = 'npm install --save-dev @types/node';

export const typescriptGenerators: LanguageGenerators = {
  'rest-client': (o) => ({ files: [resilience(o), file(o, 'client.ts', tsRestClient(o))], dependencies: [TYPES] }),
  'database-cache': (o) => ({
    files: [resilience(o), file(o, 'repository.ts', tsDatabaseCache(o))],
    dependencies: ['npm install pg redis', 'npm install --save-dev @types/pg'],
  }),
  'queue-producer': (o) => ({
    files: [resilience(o), file(o, 'producer.ts', tsQueueProducer(o))],
    dependencies: [o.broker === 'kafka' ? 'npm install kafkajs' : 'npm install amqplib && npm install --save-dev @types/amqplib'],
  }),
  'queue-consumer': (o) => ({
    files: [resilience(o), file(o, 'consumer.ts', tsQueueConsumer(o))],
    dependencies: [o.broker === 'kafka' ? 'npm install kafkajs' : 'npm install amqplib && npm install --save-dev @types/amqplib'],
  }),
  'webhook-receiver': (o) => ({ files: [file(o, 'verify.ts', tsWebhookVerify(o)), file(o, 'server.ts', tsWebhookServer(o))], dependencies: [TYPES] }),
  'oauth2-client': (o) => ({ files: [file(o, 'oauth2.ts', tsOAuth2(o))], dependencies: [TYPES] }),
  workflow: (o) => o.engine === 'temporal'
    ? {
      files: [file(o, 'workflows.ts', tsTemporalWorkflow(o)), file(o, 'activities.ts', tsTemporalActivities(o))],
      dependencies: ['npm install @temporalio/workflow @temporalio/activity @temporalio/worker @temporalio/client'],
      notes: ['Start a Worker with workflowsPath pointing at workflows.ts and the activities module; the workflow file must not import Node APIs.'],
    }
    : { files: [resilience(o), file(o, 'engine.ts', tsWorkflowEngine(o)), file(o, 'workflow.ts', tsWorkflowDefinition(o))], dependencies: [TYPES] },
  monitoring: (o) => ({
    files: [file(o, 'monitoring.ts', tsMonitoring(o))],
    dependencies: ['npm install @opentelemetry/api', 'an OpenTelemetry SDK in the application (e.g. @opentelemetry/sdk-node) to export the data'],
  }),
  'health-endpoint': (o) => ({ files: [file(o, 'health.ts', tsHealth(o))], dependencies: [TYPES] }),
};
