/** Assembles a ScanResult from per-file analyses: stable order, services grouped. */
import type { FileAnalysis } from './analyzeFile';
import type { Integration, ScanResult, ScanStats, Service, SkippedFile } from './types';
import { groupServices } from './services';
import { linkTypedCalls, withLinked } from './crossFile';

/** The lists of a ScanResult that hold findings: sites, then the two kinds of evidence. */
export const FINDING_LISTS = ['integrations', 'dependencies', 'configuration'] as const;
export type FindingList = (typeof FINDING_LISTS)[number];

export function buildScanResult(root: string, analyses: Map<string, FileAnalysis>, walkSkipped: SkippedFile[], stats: ScanStats): ScanResult {
  // Calls on client types declared in other files (a Feign interface) become findings now that every file is known.
  const linked = linkTypedCalls(analyses.values());
  // Most files hold nothing; leaving them out before sorting keeps incremental updates cheap.
  const relevant: FileAnalysis[] = [];
  for (const analysis of analyses.values()) {
    const own = linked.get(analysis.file);
    if (own) relevant.push({ ...analysis, integrations: withLinked(analysis.integrations, own) });
    else if (holdsAnything(analysis)) relevant.push(analysis);
  }
  const ordered = relevant.sort((a, b) => compareFiles(a.file, b.file));
  const lists: Record<FindingList, Integration[]> = { integrations: [], dependencies: [], configuration: [] };
  // Grouping sees every finding in file order, as when they were one list (version 1), so services,
  // their ids and their env var ties do not depend on which list a finding is reported in.
  const all: Integration[] = [];
  const placeOf: { list: FindingList; index: number }[] = [];
  for (const analysis of ordered) {
    for (const list of FINDING_LISTS) {
      for (const finding of analysis[list]) {
        const copy = { ...finding };
        placeOf.push({ list, index: lists[list].length });
        lists[list].push(copy);
        all.push(copy);
      }
    }
  }
  const services = groupServices(ordered, all).map(({ members, ...service }): Service => {
    const indexes: Record<FindingList, number[]> = { integrations: [], dependencies: [], configuration: [] };
    for (const member of members) indexes[placeOf[member].list].push(placeOf[member].index);
    return { ...service, ...indexes };
  });
  const skipped = [...walkSkipped, ...ordered.filter((a) => a.skipped).map((a) => ({ file: a.file, reason: a.skipped! }))]
    .sort((a, b) => compareFiles(a.file, b.file));
  return { version: 2, root, ...lists, services, skipped, stats };
}

function holdsAnything(analysis: FileAnalysis): boolean {
  return analysis.integrations.length > 0 || analysis.dependencies.length > 0 || analysis.configuration.length > 0
    || analysis.skipped !== undefined || analysis.envDefinitions.length > 0 || analysis.composeEnvironment.length > 0;
}

function compareFiles(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every finding of the scan, sites and evidence, in file order (what `integrations` held in
 * version 1). For consumers that need all of them: health targets, definitions of env vars,
 * the files the inventory knows. Counting or listing sites uses `integrations` alone.
 */
export function allFindings(result: ScanResult): Integration[] {
  return inFileOrder([...result.integrations, ...result.dependencies, ...result.configuration]);
}

/** Every finding of one service (its sites, dependencies and configuration), in file order. */
export function serviceFindings(result: ScanResult, service: Service): Integration[] {
  const pick = (list: readonly Integration[], indexes: readonly number[]): Integration[] => indexes.flatMap((index) => list[index] ?? []);
  return inFileOrder([
    ...pick(result.integrations, service.integrations),
    ...pick(result.dependencies, service.dependencies),
    ...pick(result.configuration, service.configuration),
  ]);
}

/** Stable by file: each file's findings sit in one list, already in order, so this restores version 1's order. */
function inFileOrder(findings: Integration[]): Integration[] {
  return findings.sort((a, b) => compareFiles(a.file, b.file));
}
