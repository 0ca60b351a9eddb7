/**
 * Presentation facts about each integration kind, shared by the tree, the quick picks and
 * the Markdown export so they never disagree on a name or an icon.
 */
import { INTEGRATION_KINDS, type IntegrationKind } from '../detection/types';

export interface KindInfo {
  kind: IntegrationKind;
  /** Group label in the tree ("Databases"). */
  label: string;
  /** Singular noun for descriptions ("database"). */
  noun: string;
  /** Codicon id (without `$(…)`), rendered as a ThemeIcon by the client. */
  codicon: string;
}

const INFO: Record<IntegrationKind, Omit<KindInfo, 'kind'>> = {
  http: { label: 'HTTP APIs', noun: 'HTTP API', codicon: 'globe' },
  graphql: { label: 'GraphQL', noun: 'GraphQL API', codicon: 'graph' },
  grpc: { label: 'gRPC', noun: 'gRPC service', codicon: 'plug' },
  database: { label: 'Databases', noun: 'database', codicon: 'database' },
  cache: { label: 'Caches', noun: 'cache', codicon: 'zap' },
  queue: { label: 'Queues', noun: 'queue', codicon: 'inbox' },
  webhook: { label: 'Webhooks', noun: 'webhook', codicon: 'broadcast' },
  auth: { label: 'Auth', noun: 'identity provider', codicon: 'key' },
  email: { label: 'Email', noun: 'mail server', codicon: 'mail' },
  container: { label: 'Containers', noun: 'container', codicon: 'package' },
  k8s: { label: 'Kubernetes', noun: 'Kubernetes object', codicon: 'cloud' },
};

export function kindInfo(kind: IntegrationKind): KindInfo {
  return { kind, ...INFO[kind] };
}

/** Position of a kind in the fixed display order (the order of INTEGRATION_KINDS). */
export function kindOrder(kind: IntegrationKind): number {
  return INTEGRATION_KINDS.indexOf(kind);
}

export function isIntegrationKind(value: unknown): value is IntegrationKind {
  return typeof value === 'string' && (INTEGRATION_KINDS as readonly string[]).includes(value);
}

export { INTEGRATION_KINDS };
