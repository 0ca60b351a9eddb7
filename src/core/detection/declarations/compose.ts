/** docker-compose files: each service is a `container` declaration with its env var names. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { DeclarationFinding } from './declaration';
import { hostOf } from '../target';
import { maskSecrets } from '../../secrets/maskSecrets';

export function isComposeFile(file: string): boolean {
  return /(^|\/)(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i.test(file);
}

export interface ComposeEnv {
  service: string;
  name: string;
  value: string;
}

export function composeDeclarations(text: string): { findings: DeclarationFinding[]; environment: ComposeEnv[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const findings: DeclarationFinding[] = [];
  const environment: ComposeEnv[] = [];
  const services = doc.get('services', true);
  if (!isMap(services)) return { findings, environment };
  for (const pair of services.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const name = String(pair.key.value);
    const service = pair.value;
    const image = service.get('image');
    const envVars: string[] = [];
    const env = service.get('environment', true) as YamlNode | undefined;
    if (isMap(env)) {
      for (const item of env.items) if (isScalar(item.key)) {
        const key = String(item.key.value);
        envVars.push(key);
        environment.push({ service: name, name: key, value: isScalar(item.value) ? String(item.value.value ?? '') : '' });
      }
    } else if (isSeq(env)) {
      for (const item of env.items) if (isScalar(item)) {
        const [key, ...rest] = String(item.value).split('=');
        envVars.push(key);
        environment.push({ service: name, name: key, value: rest.join('=') });
      }
    }
    const range = pair.key.range ?? [0, 0, 0];
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(range[1]);
    findings.push({
      line: start.line - 1, column: start.col - 1, endLine: end.line - 1, endColumn: end.col - 1,
      kind: 'container', library: 'docker-compose', target: typeof image === 'string' ? image : name,
      envVars, serviceName: name,
    });
  }
  return { findings, environment };
}

/** Hosts in compose env values (`postgres://…@postgres:5432`) that name another compose service. */
export function composeLinks(environment: ComposeEnv[]): Map<string, { host?: string; value: string }> {
  const links = new Map<string, { host?: string; value: string }>();
  for (const entry of environment) {
    if (!links.has(entry.name)) links.set(entry.name, { host: hostOf(entry.value), value: maskSecrets(entry.value) });
  }
  return links;
}
