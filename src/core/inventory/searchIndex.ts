/**
 * The index behind "Find Integration…": one entry per site, matched by library, target and
 * file. Pure, so the ranking is tested here and the quick pick only displays it.
 */
import type { Integration, ScanResult } from '../detection/types';
import { kindInfo } from './kinds';
import { serviceIndex } from './inventoryTree';
import { shortTarget } from './targetFormat';
import { maskSecrets } from '../secrets/maskSecrets';

export interface SearchEntry {
  folder: number;
  index: number;
  integration: Integration;
  /** `axios` */
  label: string;
  /** short target */
  description: string;
  /** `src/api/client.ts:12 · HTTP API · service payments` */
  detail: string;
  /** Lower-cased fields, in ranking order. */
  fields: { library: string; target: string; file: string; rest: string };
}

export function buildSearchIndex(results: readonly ScanResult[]): SearchEntry[] {
  const entries: SearchEntry[] = [];
  results.forEach((result, folder) => {
    const services = serviceIndex(result);
    result.integrations.forEach((integration, index) => {
      const service = services.get(index);
      const target = integration.target ? maskSecrets(integration.target) : '';
      const detailParts = [`${integration.file}:${integration.line}`, kindInfo(integration.kind).noun, integration.role];
      if (service) detailParts.push(`service ${service.name}`);
      if (integration.test) detailParts.push('test');
      entries.push({
        folder, index, integration,
        label: integration.library,
        description: shortTarget(integration.target, 64),
        detail: detailParts.join(' · '),
        fields: {
          library: integration.library.toLowerCase(),
          target: [target, integration.host ?? '', ...(integration.envVars ?? [])].join(' ').toLowerCase(),
          file: `${integration.file}:${integration.line}`.toLowerCase(),
          rest: [integration.kind, integration.role, service?.name ?? '', service?.id ?? ''].join(' ').toLowerCase(),
        },
      });
    });
  });
  return entries;
}

/** Points for a token found in a field: earlier fields and word starts rank higher. */
function tokenScore(entry: SearchEntry, token: string): number {
  const { library, target, file, rest } = entry.fields;
  let best = 0;
  const weigh = (haystack: string, weight: number): void => {
    const at = haystack.indexOf(token);
    if (at < 0) return;
    const wordStart = at === 0 || /[^a-z0-9]/.test(haystack[at - 1]);
    const exact = haystack === token;
    best = Math.max(best, weight * (exact ? 3 : wordStart ? 2 : 1));
  };
  weigh(library, 8);
  weigh(target, 6);
  weigh(file, 4);
  weigh(rest, 2);
  return best;
}

/**
 * Entries matching every whitespace-separated token of `query` (case-insensitive substrings
 * of library, target, file, kind, role or service), best first. An empty query returns all.
 */
export function searchSites(entries: readonly SearchEntry[], query: string, limit = Infinity): SearchEntry[] {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return entries.slice(0, limit);
  const scored: { entry: SearchEntry; score: number }[] = [];
  for (const entry of entries) {
    let score = 0;
    for (const token of tokens) {
      const points = tokenScore(entry, token);
      if (points === 0) { score = 0; break; }
      score += points;
    }
    if (score > 0) scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score
    || a.entry.integration.file.localeCompare(b.entry.integration.file) || a.entry.integration.line - b.entry.integration.line);
  return scored.slice(0, limit).map((item) => item.entry);
}
