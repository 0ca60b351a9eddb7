/** Assembles a ScanResult from per-file analyses: stable order, services grouped. */
import type { FileAnalysis } from './analyzeFile';
import type { ScanResult, ScanStats, SkippedFile } from './types';
import { groupServices } from './services';
import { linkTypedCalls, withLinked } from './crossFile';

export function buildScanResult(root: string, analyses: Map<string, FileAnalysis>, walkSkipped: SkippedFile[], stats: ScanStats): ScanResult {
  // Calls on client types declared in other files (a Feign interface) become findings now that every file is known.
  const linked = linkTypedCalls(analyses.values());
  // Most files hold nothing; leaving them out before sorting keeps incremental updates cheap.
  const relevant: FileAnalysis[] = [];
  for (const analysis of analyses.values()) {
    const own = linked.get(analysis.file);
    if (own) relevant.push({ ...analysis, integrations: withLinked(analysis.integrations, own) });
    else if (analysis.integrations.length > 0 || analysis.skipped || analysis.envDefinitions.length > 0 || analysis.composeEnvironment.length > 0) relevant.push(analysis);
  }
  const ordered = relevant.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const integrations = ordered.flatMap((analysis) => analysis.integrations.map((integration) => ({ ...integration })));
  const services = groupServices(ordered, integrations);
  const skipped = [...walkSkipped, ...ordered.filter((a) => a.skipped).map((a) => ({ file: a.file, reason: a.skipped! }))]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { version: 1, root, integrations, services, skipped, stats };
}
