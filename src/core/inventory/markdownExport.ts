/**
 * `docs/integrations.md`: the inventory as a document people read in a pull request. A
 * Mermaid topology first (the picture), then a table of services with links to every site.
 * The same text is written by "Export Inventory" and printed by `scan --format markdown`.
 */
import path from 'node:path';
import type { Integration, ScanResult, Service } from '../detection/types';
import type { WorkspaceReader } from './declaredLinks';
import { kindInfo, kindOrder } from './kinds';
import { plural, serviceIndex, type InventoryFolder } from './inventoryTree';
import { renderMermaidFlowchart } from './mermaid';
import { codeSpan } from './siteTooltip';
import { buildTopology } from './topology';
import { shortTarget } from './targetFormat';
import { maskSecrets } from '../secrets/maskSecrets';

export interface MarkdownOptions {
  /** Absolute folder the document will be written to; links are relative to it. Default `<first root>/docs`. */
  outputDir?: string;
  /** Folder names, one per result; default the root's base name. */
  folderNames?: string[];
  /** Whether findings in test files are listed. Default false. */
  includeTests?: boolean;
  /** How compose files and manifests are read for the topology; default the disk. */
  reader?: WorkspaceReader;
  /** Sites listed per service before "and N more". Default 20. */
  maxSitesPerService?: number;
}

/** Where "Export Inventory" writes, relative to the first workspace folder. */
export const INVENTORY_DOCUMENT = 'docs/integrations.md';

/** Text safe inside a Markdown table cell. */
export function tableCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function linkText(text: string): string {
  return text.replace(/[[\]\\`*_<>]/g, '\\$&');
}

/** A relative link from the document to `file` at `line` (`../src/a.ts#L12`), safe in Markdown. */
export function siteHref(outputDir: string, root: string, file: string, line: number): string {
  const relative = path.relative(outputDir, path.join(root, file)).split(path.sep).join('/');
  // Parentheses would end a Markdown link early; encodeURIComponent leaves them alone.
  const encoded = relative.split('/').map((segment) => encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
  return `${encoded}#L${line}`;
}

function siteLink(outputDir: string, result: ScanResult, integration: Integration): string {
  const text = `${integration.file}:${integration.line}`;
  return `[${linkText(text)}](${siteHref(outputDir, result.root, integration.file, integration.line)})`;
}

function resilienceSummary(sites: Integration[]): string {
  const calls = sites.filter((site) => site.resilience);
  if (calls.length === 0) return '—';
  const count = (key: 'timeout' | 'retry' | 'circuitBreaker'): number => calls.filter((site) => site.resilience?.[key] === true).length;
  return `timeout ${count('timeout')}/${calls.length} · retry ${count('retry')}/${calls.length} · breaker ${count('circuitBreaker')}/${calls.length}`;
}

function targetsOf(service: Service | undefined, sites: Integration[]): string {
  const targets = new Set<string>();
  for (const site of sites) {
    if (site.target && site.role !== 'declaration') targets.add(shortTarget(maskSecrets(site.target), 60));
  }
  if (targets.size === 0) {
    for (const site of sites) if (site.target) targets.add(shortTarget(maskSecrets(site.target), 60));
  }
  for (const host of service?.hosts ?? []) if (![...targets].some((t) => t.includes(host))) targets.add(host);
  for (const envVar of service?.envVars ?? []) if (![...targets].some((t) => t.includes(envVar))) targets.add(`$${envVar}`);
  const list = [...targets];
  if (list.length === 0) return '—';
  const shown = list.slice(0, 3).map(codeSpan).join(', ');
  return list.length > 3 ? `${shown}, +${list.length - 3}` : shown;
}

function sitesCell(outputDir: string, result: ScanResult, sites: Integration[], max: number): string {
  const sorted = [...sites].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const shown = sorted.slice(0, max).map((site) => `${siteLink(outputDir, result, site)} ${linkText(site.library)}${site.role === 'declaration' ? ' (declaration)' : ''}`);
  if (sorted.length > max) shown.push(`… and ${sorted.length - max} more`);
  return shown.join('<br>');
}

function folderSection(folder: InventoryFolder, outputDir: string, options: MarkdownOptions): string[] {
  const { result } = folder;
  const max = options.maxSitesPerService ?? 20;
  const services = serviceIndex(result);
  const grouped = new Map<Service, Integration[]>();
  const loose: Integration[] = [];
  result.integrations.forEach((integration, index) => {
    if (integration.test && !options.includeTests) return;
    const service = services.get(index);
    if (!service) { loose.push(integration); return; }
    const list = grouped.get(service) ?? [];
    list.push(integration);
    grouped.set(service, list);
  });
  const lines: string[] = [];
  const ordered = [...grouped.entries()].sort(([a], [b]) => kindOrder(a.kind) - kindOrder(b.kind) || a.name.localeCompare(b.name));
  if (ordered.length > 0) {
    lines.push('| Service | Kind | Target | Sites | Resilience of calls |', '|---|---|---|---|---|');
    for (const [service, sites] of ordered) {
      const name = service.keyedBy === 'env' ? codeSpan(service.name) : linkText(service.name);
      lines.push(`| ${[name, kindInfo(service.kind).noun, targetsOf(service, sites), sitesCell(outputDir, result, sites, max), resilienceSummary(sites)].map(tableCell).join(' | ')} |`);
    }
  } else {
    lines.push('No services found.');
  }
  if (loose.length > 0) {
    lines.push('', '**Other findings** (not tied to a service)', '', '| Library | Kind | Target | Site |', '|---|---|---|---|');
    for (const site of [...loose].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
      const target = site.target ? codeSpan(shortTarget(maskSecrets(site.target), 60)) : '—';
      lines.push(`| ${[linkText(site.library), kindInfo(site.kind).noun, target, siteLink(outputDir, result, site)].map(tableCell).join(' | ')} |`);
    }
  }
  if (result.skipped.length > 0) {
    lines.push('', `${plural(result.skipped.length, 'file')} skipped (too large, binary, generated or unreadable): run \`integration-orchestrator scan --format json\` for the list.`);
  }
  return lines;
}

function summary(folders: InventoryFolder[], options: MarkdownOptions): string {
  const servicesByKind = new Map<Service['kind'], Set<string>>();
  let sites = 0;
  const files = new Set<string>();
  folders.forEach((folder, folderIndex) => {
    const services = serviceIndex(folder.result);
    folder.result.integrations.forEach((integration, index) => {
      if (integration.test && !options.includeTests) return;
      sites++;
      files.add(`${folderIndex}:${integration.file}`);
      const service = services.get(index);
      if (!service) return;
      const set = servicesByKind.get(service.kind) ?? new Set<string>();
      set.add(`${folderIndex}:${service.id}`);
      servicesByKind.set(service.kind, set);
    });
  });
  const serviceCount = [...servicesByKind.values()].reduce((total, set) => total + set.size, 0);
  const byKind = [...servicesByKind.entries()]
    .sort(([a], [b]) => kindOrder(a) - kindOrder(b))
    .map(([kind, set]) => plural(set.size, kindInfo(kind).noun));
  return `**${plural(serviceCount, 'service')}**${byKind.length ? ` (${byKind.join(', ')})` : ''}, ${plural(sites, 'site')} in ${plural(files.size, 'file')}.`;
}

/**
 * The whole document for one or more scanned folders. Deterministic (no dates), so a
 * committed copy only changes when the integrations do.
 */
export function renderInventoryMarkdown(results: ScanResult | readonly ScanResult[], options: MarkdownOptions = {}): string {
  const list = Array.isArray(results) ? results as readonly ScanResult[] : [results as ScanResult];
  const folders: InventoryFolder[] = list.map((result, index) => ({
    name: options.folderNames?.[index] ?? (path.basename(result.root) || result.root),
    result,
  }));
  const outputDir = options.outputDir ?? path.join(list[0]?.root ?? '.', path.dirname(INVENTORY_DOCUMENT));
  const topology = buildTopology(folders, { reader: options.reader, includeTests: options.includeTests });
  const lines = [
    '# Integrations',
    '',
    '<!-- Generated by Integration Orchestrator ("Export Inventory" or `integration-orchestrator scan --format markdown`). Re-generate it rather than editing it. -->',
    '',
    summary(folders, options),
    '',
    '## Topology',
    '',
    '```mermaid',
    renderMermaidFlowchart(topology),
    '```',
    '',
    'Boxes in the frame are parts of this workspace. Solid arrows are calls found in the code (labelled with the library);',
    'dotted arrows are links stated by docker-compose (`depends_on`, environment) or Kubernetes (Ingress, Service, env) files.',
    '',
  ];
  if (folders.length === 1) {
    lines.push('## Services', '', ...folderSection(folders[0], outputDir, options), '');
  } else {
    for (const folder of folders) lines.push(`## ${linkText(folder.name)}`, '', ...folderSection(folder, outputDir, options), '');
  }
  return lines.join('\n');
}
