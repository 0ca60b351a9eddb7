/** Kubernetes manifests (multi-document, Helm templates tolerated): workloads, services, ingresses. */
import { isMap, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { DeclarationFinding } from './declaration';

const KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Service', 'Ingress', 'CronJob', 'Job', 'ReplicaSet', 'Pod']);

export function looksLikeKubernetes(text: string): boolean {
  return /^apiVersion:/m.test(text) && /^kind:\s*\w+/m.test(text);
}

/** Helm template expressions are not YAML; replace them with placeholders of the same length so positions hold. */
function stripTemplates(text: string): string {
  return text
    .replace(/^[ \t]*\{\{-?[^}]*-?\}\}[ \t]*$/gm, (line) => ' '.repeat(line.length))
    // An expression that spans lines keeps its line breaks, or every line after it would shift.
    .replace(/\{\{-?[\s\S]*?-?\}\}/g, (expr) => expr.replace(/[^\n]/g, 'x'));
}

export function kubernetesDeclarations(text: string): DeclarationFinding[] {
  const lineCounter = new LineCounter();
  const findings: DeclarationFinding[] = [];
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(stripTemplates(text), { lineCounter, uniqueKeys: false }) as Document.Parsed[];
  } catch {
    return findings;
  }
  if (!Array.isArray(documents)) return findings;
  for (const doc of documents) {
    const kind = doc.get('kind');
    if (typeof kind !== 'string' || !KINDS.has(kind)) continue;
    // A kustomize patch that deletes an object declares nothing.
    if (doc.get('$patch') === 'delete') continue;
    const name = String(doc.getIn(['metadata', 'name']) ?? kind);
    const envVars = new Set<string>();
    const images: string[] = [];
    collectContainers(doc.toJS({ maxAliasCount: 100 }), envVars, images);
    const kindNode = isMap(doc.contents) ? doc.contents.items.find((p) => (p.key as { value?: unknown })?.value === 'kind') : undefined;
    const offset = (kindNode?.key as { range?: [number, number, number] } | undefined)?.range?.[0] ?? doc.range[0];
    const start = lineCounter.linePos(offset);
    findings.push({
      line: start.line - 1, column: start.col - 1, endLine: start.line - 1, endColumn: start.col - 1 + 4 + kind.length + 2,
      kind: 'k8s', library: `k8s:${kind}`, target: images[0] ? `${name} (${images[0]})` : name, envVars: [...envVars], serviceName: name,
    });
  }
  return findings;
}

function collectContainers(value: unknown, envVars: Set<string>, images: string[], depth = 0): void {
  if (depth > 20 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) { for (const item of value) collectContainers(item, envVars, images, depth + 1); return; }
  const record = value as Record<string, unknown>;
  if (typeof record.image === 'string') images.push(record.image);
  if (Array.isArray(record.env)) for (const entry of record.env) {
    if (entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string') envVars.add((entry as { name: string }).name);
  }
  for (const [key, child] of Object.entries(record)) if (key !== 'env') collectContainers(child, envVars, images, depth + 1);
}

