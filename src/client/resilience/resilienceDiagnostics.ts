/**
 * Diagnostics on bare outbound HTTP calls, computed from the inventory's live results: every file
 * of every folder the inventory scanned, not only open documents (the inventory already holds the
 * whole workspace, so the Problems panel lists every bare call at no extra scanning cost). Test
 * files are left out: their clients usually talk to mocks. Refreshed whenever the inventory
 * changes (it follows edits, debounced) and when the severity setting changes.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { Integration } from '../../core/detection/types';
import type { Log } from '../log';
import type { InventoryApi } from '../inventory/registerInventory';
import { editorFs, findingRange } from './editorFiles';
import { BARE_HTTP_CALL, bareCall, DIAGNOSTIC_SOURCE, fixLanguageOf } from './plan/httpCallRules';
import { wrappedFindings } from './plan/wrappedCalls';
import { diagnosticSeverity } from './resilienceSettings';

const positionsOf = (findings: readonly Integration[]): string => findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`).join(',');

export class ResilienceDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('integrations-resilience');
  private generation = 0;
  private running: Promise<void> = Promise.resolve();
  /** Per file: the text and positions last checked for wrapping, and which of them were wrapped. */
  private readonly wrappedCache = new Map<string, { positions: string; text: string; wrapped: Set<string> }>();

  constructor(private readonly inventory: InventoryApi, private readonly log: Log) {}

  /** Recomputes every diagnostic; a refresh started later wins over one still running. */
  refresh(): Promise<void> {
    const generation = ++this.generation;
    this.running = this.compute(generation).catch((error: unknown) => {
      this.log.error(`resilience diagnostics failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
    return this.running;
  }

  /** Resolves once the latest refresh has been published. */
  whenIdle(): Promise<void> {
    return this.running;
  }

  private async compute(generation: number): Promise<void> {
    const next = new Map<string, vscode.Diagnostic[]>();
    const checked = new Set<string>();
    for (const folder of this.inventory.folders()) {
      const severity = diagnosticSeverity(vscode.Uri.file(folder.result.root));
      if (severity === undefined) continue;
      const byFile = new Map<string, Integration[]>();
      for (const finding of folder.result.integrations) {
        if (finding.test || !bareCall(finding)) continue;
        byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
      }
      for (const [relative, findings] of byFile) {
        const file = path.join(folder.result.root, ...relative.split('/'));
        checked.add(file);
        const wrapped = fixLanguageOf(file) === 'js' ? await this.wrapped(file, findings) : new Set<string>();
        if (generation !== this.generation) return;
        const diagnostics = findings.filter((finding) => !wrapped.has(positionsOf([finding]))).map((finding) => {
          const diagnostic = new vscode.Diagnostic(findingRange(finding), bareCall(finding)!.message, severity);
          diagnostic.source = DIAGNOSTIC_SOURCE;
          diagnostic.code = BARE_HTTP_CALL;
          return diagnostic;
        });
        if (diagnostics.length > 0) next.set(vscode.Uri.file(file).toString(), diagnostics);
      }
    }
    if (generation !== this.generation) return;
    for (const file of this.wrappedCache.keys()) if (!checked.has(file)) this.wrappedCache.delete(file);
    this.collection.clear();
    for (const [uri, diagnostics] of next) this.collection.set(vscode.Uri.parse(uri), diagnostics);
  }

  /** Findings already inside `withResilience(…)` (the detection engine does not know the wrapper), cached per text. */
  private async wrapped(file: string, findings: Integration[]): Promise<Set<string>> {
    const positions = positionsOf(findings);
    const text = await editorFs.readText(file);
    if (text === undefined) return new Set();
    const cached = this.wrappedCache.get(file);
    if (cached?.positions === positions && cached.text === text) return cached.wrapped;
    const wrapped = new Set<string>();
    for (const finding of await wrappedFindings(text, file, findings)) wrapped.add(positionsOf([finding]));
    this.wrappedCache.set(file, { positions, text, wrapped });
    return wrapped;
  }

  dispose(): void {
    this.generation++;
    this.collection.dispose();
    this.wrappedCache.clear();
  }
}
