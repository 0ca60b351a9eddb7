/**
 * Output formats of `scan`: json (documented, stable), sarif 2.1.0, markdown, table. Only json
 * carries the evidence lists (`dependencies`, `configuration`); the others list and count sites.
 */
import type { ScanResult } from '../../core/detection/types';

export const SCAN_FORMATS = ['json', 'sarif', 'markdown', 'table'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export function formatJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export function formatTable(result: ScanResult): string {
  const rows = result.integrations.map((i) => [
    `${i.file}:${i.line}`, i.kind, i.library, i.role, i.target ?? '', i.resilience ? resilienceText(i.resilience) : '', i.test ? 'test' : '',
  ]);
  const header = ['LOCATION', 'KIND', 'LIBRARY', 'ROLE', 'TARGET', 'RESILIENCE', ''];
  const widths = header.map((h, c) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[c].length))));
  const line = (cells: string[]) => cells.map((cell, c) => (cell.length > widths[c] ? `${cell.slice(0, widths[c] - 1)}…` : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const lines = [line(header), ...rows.map(line)];
  // Services with a site; the others are known only from dependencies or .env keys.
  const sited = result.services.filter((service) => service.integrations.length > 0).length;
  const unsited = result.services.length - sited;
  lines.push('', `${result.integrations.length} integrations in ${sited} services${unsited > 0 ? ` (+${unsited} known only from dependencies or .env)` : ''}; `
    + `evidence: ${result.dependencies.length} dependencies, ${result.configuration.length} configuration entries; `
    + `${result.stats.files} files read, ${result.stats.parsedFiles} parsed, ${result.skipped.length} skipped, ${result.stats.durationMs} ms`);
  for (const skip of result.skipped) lines.push(`skipped ${skip.file}: ${skip.reason}`);
  return `${lines.join('\n')}\n`;
}

function resilienceText(r: { timeout: unknown; retry: unknown; circuitBreaker: unknown }): string {
  const mark = (v: unknown) => (v === true ? '✓' : v === false ? '✗' : '?');
  return `timeout${mark(r.timeout)} retry${mark(r.retry)} breaker${mark(r.circuitBreaker)}`;
}

/** SARIF 2.1.0: one rule per kind; bare outbound calls (no timeout and no retry) are warnings, the rest notes. Evidence gives no result. */
export function formatSarif(result: ScanResult, toolVersion: string): string {
  const kinds = [...new Set(result.integrations.map((i) => i.kind))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: {
        name: 'integration-orchestrator', version: toolVersion, informationUri: 'https://example.invalid/integration-orchestrator',
        rules: [
          ...kinds.map((kind) => ({ id: `integration/${kind}`, name: `${kind}Integration`, shortDescription: { text: `A ${kind} integration` } })),
          { id: 'integration/bare-call', name: 'BareOutboundCall', shortDescription: { text: 'Outbound call without timeout and retry' } },
        ],
      } },
      originalUriBaseIds: { SRCROOT: { uri: `file://${result.root.endsWith('/') ? result.root : `${result.root}/`}` } },
      results: result.integrations.map((i) => {
        const bare = i.role === 'call' && i.direction === 'outbound' && i.resilience?.timeout === false && i.resilience.retry === false;
        return {
          ruleId: bare ? 'integration/bare-call' : `integration/${i.kind}`,
          level: bare ? 'warning' : 'note',
          message: { text: `${i.library} ${i.role}${i.target ? ` → ${i.target}` : ''}${bare ? ' has no timeout and no retry' : ''}` },
          locations: [{ physicalLocation: {
            artifactLocation: { uri: i.file, uriBaseId: 'SRCROOT' },
            region: { startLine: i.line, startColumn: i.column, endLine: i.endLine, endColumn: i.endColumn },
          } }],
          properties: { kind: i.kind, library: i.library, role: i.role, direction: i.direction, service: i.service, test: i.test },
        };
      }),
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
