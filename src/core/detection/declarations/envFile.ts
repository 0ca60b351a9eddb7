/** `.env` / `.env.example`: keys that name an endpoint become declarations of their service. */
import type { IntegrationKind } from '../types';
import type { DeclarationFinding } from './declaration';
import { hostOf } from '../target';
import { maskSecrets } from '../../secrets/maskSecrets';

const ENDPOINT_NAME = /(_|^)(URL|URI|DSN|HOST|HOSTNAME|ENDPOINT|ADDR|ADDRESS|BROKERS?|SERVERS?|CONNECTION_STRING)$/i;
const SCHEME_KINDS: [RegExp, IntegrationKind][] = [
  [/^(postgres(ql)?|mysql|mariadb|mongodb(\+srv)?|mssql|sqlserver|jdbc:[a-z]+|cockroachdb|sqlite):/i, 'database'],
  [/^(rediss?|memcached?):/i, 'cache'],
  [/^(amqps?|kafka|nats|sqs|mqtt|pulsar):/i, 'queue'],
  [/^(smtps?):/i, 'email'],
  [/^grpcs?:/i, 'grpc'],
];
const NAME_KINDS: [RegExp, IntegrationKind][] = [
  [/DATABASE|(^|_)DB(_|$)|POSTGRES|PG_|MYSQL|MONGO|SQL/i, 'database'],
  [/REDIS|CACHE|MEMCACHE/i, 'cache'],
  [/AMQP|RABBIT|KAFKA|NATS|SQS|SNS|QUEUE|BROKER|PUBSUB/i, 'queue'],
  [/SMTP|MAIL/i, 'email'],
  [/GRPC/i, 'grpc'],
  [/GRAPHQL/i, 'graphql'],
  [/OAUTH|OIDC|ISSUER|AUTH0|KEYCLOAK|IDP/i, 'auth'],
  [/WEBHOOK/i, 'webhook'],
];

export function kindOfEndpoint(name: string, value: string): IntegrationKind {
  for (const [pattern, kind] of SCHEME_KINDS) if (pattern.test(value)) return kind;
  for (const [pattern, kind] of NAME_KINDS) if (pattern.test(name)) return kind;
  if (/graphql/i.test(value)) return 'graphql';
  return 'http';
}

export function parseEnvFile(text: string): { name: string; value: string; line: number }[] {
  const entries: { name: string; value: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, line) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) return;
    let value = match[2].trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    entries.push({ name: match[1], value, line });
  });
  return entries;
}

export function envDeclarations(text: string): DeclarationFinding[] {
  const findings: DeclarationFinding[] = [];
  for (const { name, value, line } of parseEnvFile(text)) {
    const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
    if (!looksLikeUrl && !ENDPOINT_NAME.test(name)) continue;
    findings.push({
      line, column: 0, endLine: line, endColumn: name.length,
      kind: kindOfEndpoint(name, value), library: 'dotenv', target: value ? maskSecrets(value) : `\${${name}}`,
      envVars: [name], host: hostOf(value),
    });
  }
  return findings;
}
