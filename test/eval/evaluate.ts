/**
 * `npm run eval`: precision and recall of the detection engine on the labelled fixtures, per
 * kind and per language, strict (kind, library and role must agree) and loose (kind only).
 * `--verbose` lists every miss and false positive.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeFile, type FileAnalysis } from '../../src/core/detection/analyzeFile';
import { linkTypedCalls, withLinked } from '../../src/core/detection/crossFile';
import { INTEGRATION_KINDS } from '../../src/core/detection/types';
import { readLabels } from './labels';
import { ratio, scoreFile, type Mismatch, type Tallies } from './score';

const FIXTURES = path.resolve(__dirname, '../fixtures/detection');

export interface EvalReport { strict: Tallies; loose: Tallies; byLanguage: Map<string, Tallies>; mismatches: Mismatch[] }

export async function evaluate(): Promise<EvalReport> {
  const strict: Tallies = new Map();
  const loose: Tallies = new Map();
  const byLanguage = new Map<string, Tallies>();
  const mismatches: Mismatch[] = [];
  for (const language of readdirSync(FIXTURES).filter((d) => !d.includes('.')).sort()) {
    const languageTallies: Tallies = new Map();
    byLanguage.set(language, languageTallies);
    const dir = path.join(FIXTURES, language);
    // Each folder is scanned as one project: calls on types declared in another of its files are linked, as a scan links them.
    const analysed: { file: string; text: string; analysis: FileAnalysis }[] = [];
    // Subfolders hold small projects whose files import each other (a model and its controllers).
    for (const file of (readdirSync(dir, { recursive: true }) as string[]).map(String).filter((f) => !f.endsWith('.md') && statSync(path.join(dir, f)).isFile()).sort()) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      // Paths inside the language folder, so only the fixtures' own test files count as tests.
      analysed.push({ file, text, analysis: await analyzeFile(file.split(path.sep).join('/'), text) });
    }
    const linked = linkTypedCalls(analysed.map((a) => a.analysis));
    for (const { file, text, analysis } of analysed) {
      const integrations = withLinked(analysis.integrations, linked.get(analysis.file));
      const labels = readLabels(text);
      scoreFile(`${language}/${file}`, labels, integrations, strict, loose, mismatches);
      scoreFile(`${language}/${file}`, labels, integrations, languageTallies, new Map(), []);
    }
  }
  return { strict, loose, byLanguage, mismatches };
}

function table(title: string, rows: [string, Tallies | undefined, Tallies | undefined][]): string {
  const lines = [title, `  ${'group'.padEnd(12)} ${'expected'.padStart(8)} ${'found'.padStart(6)} ${'matched'.padStart(7)}  precision  recall   loose P   loose R  look-alike FP`];
  for (const [name, strictTallies, looseTallies] of rows) {
    const s = strictTallies?.get('all');
    const l = looseTallies?.get('all');
    if (!s) continue;
    lines.push(`  ${name.padEnd(12)} ${String(s.expected).padStart(8)} ${String(s.found).padStart(6)} ${String(s.matched).padStart(7)}  ${ratio(s.matched, s.found).padStart(9)}  ${ratio(s.matched, s.expected).padStart(6)}   ${l ? ratio(l.matched, l.found).padStart(7) : '      -'}   ${l ? ratio(l.matched, l.expected).padStart(7) : '      -'}  ${String(s.lookAlikeFalsePositives).padStart(13)}`);
  }
  return lines.join('\n');
}

function perKind(strict: Tallies, loose: Tallies): [string, Tallies, Tallies][] {
  const rows: [string, Tallies, Tallies][] = [];
  for (const kind of [...INTEGRATION_KINDS, 'all']) {
    if (!strict.has(kind)) continue;
    rows.push([kind, new Map([['all', strict.get(kind)!]]), new Map([['all', loose.get(kind)!]])]);
  }
  return rows;
}

async function main(): Promise<void> {
  const report = await evaluate();
  console.log(table('detection quality by kind (strict: kind + library + role on the labelled line)', perKind(report.strict, report.loose)));
  console.log();
  console.log(table('by language (strict)', [...report.byLanguage.entries()].map(([language, tallies]) => [language, tallies, undefined])));
  if (process.argv.includes('--verbose')) {
    console.log();
    for (const m of report.mismatches) console.log(`  ${m.file}:${m.line}  ${m.what}`);
  } else {
    console.log(`\n${report.mismatches.length} mismatches; run with --verbose to list them`);
  }
}

if (require.main === module) main().catch((error: unknown) => { console.error(error); process.exit(1); });
