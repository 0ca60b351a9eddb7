/** Assembles a ScanResult from per-file analyses: stable order, services grouped. */
import type { FileAnalysis } from './analyzeFile';
import type { ScanResult, ScanStats, SkippedFile } from './types';
import { groupServices } from './services';

export function buildScanResult(root: string, analyses: Map<string, FileAnalysis>, walkSkipped: SkippedFile[], stats: ScanStats): ScanResult {
  // Most files hold nothing; leaving them out before sorting keeps incremental updates cheap.
  const relevant: FileAnalysis[] = [];
  for (const analysis of analyses.values()) {
    if (analysis.integrations.length > 0 || analysis.skipped || analysis.envDefinitions.length > 0 || analysis.composeEnvironment.length > 0) relevant.push(analysis);
  }
  const ordered = relevant.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const integrations = ordered.flatMap((analysis) => analysis.integrations.map((integration) => ({ ...integration })));
  const services = groupServices(ordered, integrations);
  const skipped = [...walkSkipped, ...ordered.filter((a) => a.skipped).map((a) => ({ file: a.file, reason: a.skipped! }))]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { version: 1, root, integrations, services, skipped, stats };
}
