/**
 * Draws a Topology as a Mermaid `flowchart`. Node ids are sanitised and labels entity-escaped
 * so that any service, folder or library name (quotes, brackets, `end`, emoji, pipes…) still
 * parses; the Chromium test renders the output with the real `mermaid` package.
 */
import type { IntegrationKind } from '../detection/types';
import { ellipsize } from './targetFormat';
import { aggregateTopology, type Topology, type TopologyNode } from './topology';

/** Mermaid's defaults are 500 edges and 50 000 characters; stay well inside both. */
export const MAX_EDGES = 300;
export const MAX_TEXT = 40_000;

/** Characters left as they are inside a quoted label; everything else becomes `#code;`. */
const SAFE_LABEL = /[A-Za-z0-9 .,:/_@()+?'!-]/;

/** A label Mermaid reads literally: quoted, with every character that could mean syntax entity-encoded. */
export function mermaidLabel(text: string, max = 80): string {
  let out = '';
  for (const char of ellipsize(text.replace(/\s+/g, ' ').trim(), max)) {
    out += SAFE_LABEL.test(char) ? char : char === '"' ? '#quot;' : `#${char.codePointAt(0)};`;
  }
  return `"${out || ' '}"`;
}

/** Turns any text into an id of `[A-Za-z0-9_]`, prefixed so it never starts with a digit or forms a keyword. */
export function mermaidId(prefix: string, text: string): string {
  const body = text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return `${prefix}_${body || 'x'}`;
}

class IdAllocator {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();
  allocate(key: string, prefix: string, text: string): string {
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const base = mermaidId(prefix, text);
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }
}

/** Shape by what a node is: databases and caches as cylinders, queues as parallelograms, APIs as stadiums. */
function shape(node: TopologyNode, label: string): string {
  if (node.type === 'component') return `[${label}]`;
  if (node.type === 'k8s') return `[${label}]`;
  switch (node.kind as IntegrationKind | undefined) {
    case 'database':
    case 'cache':
      return `[(${label})]`;
    case 'queue':
      return `[/${label}/]`;
    case 'webhook':
    case 'auth':
    case 'email':
      return `{{${label}}}`;
    case 'http':
    case 'graphql':
    case 'grpc':
      return `([${label}])`;
    default:
      return `[${label}]`;
  }
}

function edgeLabel(labels: string[]): string {
  const shown = labels.slice(0, 3).join(', ');
  return labels.length > 3 ? `${shown} +${labels.length - 3}` : shown;
}

function render(topology: Topology): string {
  const ids = new IdAllocator();
  const idOf = (node: TopologyNode): string => ids.allocate(node.key, node.type === 'component' ? 'c' : node.type === 'k8s' ? 'k' : 's', node.label);
  const lines = ['flowchart LR'];
  const multiRoot = topology.folders.length > 1;
  topology.folders.forEach((folder, index) => {
    const components = topology.nodes.filter((node) => node.type === 'component' && node.folder === index);
    if (components.length === 0) return;
    lines.push(`  subgraph ${ids.allocate(`folder:${index}`, 'w', folder.name)}[${mermaidLabel(multiRoot ? folder.name : `${folder.name} (this workspace)`)}]`);
    for (const node of components) lines.push(`    ${idOf(node)}${shape(node, mermaidLabel(node.label))}`);
    lines.push('  end');
  });
  for (const node of topology.nodes) {
    if (node.type !== 'component') lines.push(`  ${idOf(node)}${shape(node, mermaidLabel(node.label))}`);
  }
  const byKey = new Map(topology.nodes.map((node) => [node.key, node]));
  for (const edge of topology.edges) {
    const from = byKey.get(edge.from);
    const to = byKey.get(edge.to);
    if (!from || !to) continue;
    const arrow = edge.style === 'declared' ? '-.->' : '-->';
    const label = edgeLabel(edge.labels);
    lines.push(`  ${idOf(from)} ${arrow}${label ? `|${mermaidLabel(label)}|` : ''} ${idOf(to)}`);
  }
  const classes: Record<TopologyNode['type'], string[]> = { component: [], service: [], k8s: [] };
  for (const node of topology.nodes) classes[node.type].push(idOf(node));
  lines.push('  classDef component fill:#e8f1fb,stroke:#3572b0,color:#0b2e4f');
  lines.push('  classDef service fill:#fdf3e1,stroke:#b7791f,color:#4a3000');
  lines.push('  classDef k8s fill:#eef0fa,stroke:#326ce5,color:#14275c');
  for (const [name, members] of Object.entries(classes)) {
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${name}`);
  }
  return lines.join('\n');
}

/**
 * The flowchart text (without the ```mermaid fence). Big workspaces are drawn with one node per
 * kind of service instead of one per service, so Mermaid's size limits are never hit.
 */
export function renderMermaidFlowchart(topology: Topology): string {
  if (topology.nodes.length === 0) return 'flowchart LR\n  empty["No integrations found"]';
  let text = topology.edges.length <= MAX_EDGES ? render(topology) : undefined;
  if (text === undefined || text.length > MAX_TEXT) text = render(aggregateTopology(topology));
  if (text.length > MAX_TEXT || (text.match(/-->|-\.->/g)?.length ?? 0) > MAX_EDGES) {
    // Still too big: draw only the components, one line that says why.
    const components = topology.nodes.filter((node) => node.type === 'component').slice(0, 200);
    text = render({ folders: topology.folders, nodes: [...components, { key: 'note', label: `${topology.nodes.length - components.length} services: too many to draw, see the table`, type: 'service', folder: 0 }], edges: [] });
  }
  return text;
}
