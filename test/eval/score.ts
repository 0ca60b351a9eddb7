/** Precision and recall of findings against labels, per kind, strict (kind+library+role) and loose (kind). */
import type { Integration } from '../../src/core/detection/types';
import type { ExpectedFinding, FileLabels } from './labels';

export interface Tally { expected: number; found: number; matched: number; lookAlikeFalsePositives: number }
export type Tallies = Map<string, Tally>;

export interface Mismatch { file: string; line: number; what: string }

function tally(map: Tallies, key: string): Tally {
  let entry = map.get(key);
  if (!entry) { entry = { expected: 0, found: 0, matched: 0, lookAlikeFalsePositives: 0 }; map.set(key, entry); }
  return entry;
}

export function scoreFile(file: string, labels: FileLabels, findings: Integration[], strict: Tallies, loose: Tallies, mismatches: Mismatch[]): void {
  const same = (strictMatch: boolean) => (e: ExpectedFinding, f: Integration) =>
    e.line === f.line && e.kind === f.kind && (!strictMatch || (e.library === f.library && e.role === f.role));
  for (const [tallies, strictMatch] of [[strict, true], [loose, false]] as const) {
    const unmatched = [...labels.expected];
    for (const e of labels.expected) { tally(tallies, e.kind).expected++; tally(tallies, 'all').expected++; }
    for (const finding of findings) {
      tally(tallies, finding.kind).found++;
      tally(tallies, 'all').found++;
      const index = unmatched.findIndex((e) => same(strictMatch)(e, finding));
      if (index >= 0) {
        unmatched.splice(index, 1);
        tally(tallies, finding.kind).matched++;
        tally(tallies, 'all').matched++;
      } else {
        if (labels.negatives.has(finding.line)) { tally(tallies, finding.kind).lookAlikeFalsePositives++; tally(tallies, 'all').lookAlikeFalsePositives++; }
        if (strictMatch) mismatches.push({ file, line: finding.line, what: `false positive: ${finding.kind} ${finding.library} ${finding.role}` });
      }
    }
    if (strictMatch) for (const e of unmatched) mismatches.push({ file, line: e.line, what: `missed: ${e.kind} ${e.library} ${e.role}` });
  }
}

export function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? '  -  ' : (numerator / denominator).toFixed(3);
}
