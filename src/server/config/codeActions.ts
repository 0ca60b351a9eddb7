/**
 * Quick fixes for config diagnostics: move a plain-text secret to `.env`; apply a "did you
 * mean"; declare an undefined `${VAR}` in `.env.example`; create a missing policy. Edits are
 * WorkspaceEdits; nothing here logs (a secret passes through).
 */
import path from 'node:path';
import {
  CodeActionKind, CreateFile, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit,
  type CodeAction, type Diagnostic, type WorkspaceEdit,
} from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../../core/config/diagnostic';
import { parseEnvFile } from '../../core/config/envFile';
import { LineIndex } from '../../core/config/lineIndex';
import type { ParsedYaml } from '../../core/config/parseYaml';
import { planSecretMove } from '../../core/config/secretFix';
import { keyText, resolveAlias, toValue, type YMap } from '../../core/config/yamlTree';
import type { ParsedDocuments, VersionedText } from './parsedDocuments';
import { pathToUri, uriToPath } from './uri';

export interface ConfigCodeActionsDeps {
  parsed: ParsedDocuments;
  /** A file's current text: the open editor's buffer if any, else the disk; undefined when absent. */
  readText(file: string): Promise<string | undefined>;
  workspaceRootFor(file: string): string | undefined;
  envNamesFor(file: string): Promise<ReadonlySet<string>>;
}

export class ConfigCodeActions {
  constructor(private readonly deps: ConfigCodeActionsDeps) {}

  async actions(document: VersionedText, diagnostics: readonly Diagnostic[]): Promise<CodeAction[]> {
    const actions: CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const data = (diagnostic.data ?? {}) as DiagnosticData;
      try {
        if (diagnostic.code === 'plain-secret') {
          const action = await this.moveSecret(document, diagnostic, data);
          if (action) actions.push(action);
        }
        if (data.replacement !== undefined) {
          actions.push({
            title: `Change to \`${data.replacement}\``,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri]: [TextEdit.replace(diagnostic.range, data.replacement)] } },
          });
        }
        if (diagnostic.code === 'undefined-env' && data.envName) {
          const action = await this.declareEnv(document, diagnostic, data.envName);
          if (action) actions.push(action);
        }
        if (diagnostic.code === 'unknown-policy') {
          const action = this.createPolicy(document, diagnostic);
          if (action) actions.push(action);
        }
      } catch {
        // A fix that cannot be planned is not offered; the diagnostic stays.
      }
    }
    return actions;
  }

  private async moveSecret(document: VersionedText, diagnostic: Diagnostic, data: DiagnosticData): Promise<CodeAction | undefined> {
    const file = uriToPath(document.uri);
    if (!file || !data.path) return undefined;
    const parsed = this.deps.parsed.get(document);
    const plan = await planSecretMove({
      parsed,
      value: toValue(parsed.root, { maxExpandedNodes: 200_000 }),
      path: data.path,
      secretPart: data.secretPart,
      configFile: file,
      workspaceRoot: this.deps.workspaceRootFor(file),
      knownNames: await this.deps.envNamesFor(file),
      readText: (name) => this.deps.readText(name),
    });
    if (!plan) return undefined;
    const documentChanges: WorkspaceEdit['documentChanges'] = [];
    for (const append of plan.appends) {
      const uri = pathToUri(append.path);
      if (append.create) documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true }));
      documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, null), [TextEdit.insert(append.at, append.text)]));
    }
    documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version), [TextEdit.replace(plan.configEdit.range, plan.configEdit.newText)]));
    return {
      title: `Move secret to .env as \${${plan.envName}}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { documentChanges },
    };
  }

  private async declareEnv(document: VersionedText, diagnostic: Diagnostic, name: string): Promise<CodeAction | undefined> {
    const file = uriToPath(document.uri);
    if (!file) return undefined;
    const root = this.deps.workspaceRootFor(file) ?? path.dirname(file);
    // Next to the nearest existing .env.example or .env, else next to the config file.
    let target = path.join(path.dirname(file), '.env.example');
    let text: string | undefined;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const example = await this.deps.readText(path.join(dir, '.env.example'));
      if (example !== undefined || (await this.deps.readText(path.join(dir, '.env'))) !== undefined) {
        target = path.join(dir, '.env.example');
        text = example;
        break;
      }
      if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) break;
    }
    if (text !== undefined && parseEnvFile(text).has(name)) return undefined;
    const uri = pathToUri(target);
    const at = text === undefined ? { line: 0, character: 0 } : new LineIndex(text).positionAt(text.length);
    const line = `${text && !text.endsWith('\n') ? '\n' : ''}${name}=\n`;
    return {
      title: `Declare ${name} in ${path.relative(path.dirname(file), target) || '.env.example'}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: {
        documentChanges: [
          ...(text === undefined ? [CreateFile.create(uri, { ignoreIfExists: true })] : []),
          TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, null), [TextEdit.insert(at, line)]),
        ],
      },
    };
  }

  private createPolicy(document: VersionedText, diagnostic: Diagnostic): CodeAction | undefined {
    const parsed = this.deps.parsed.get(document);
    const name = parsed.text.slice(parsed.lines.offsetAt(diagnostic.range.start), parsed.lines.offsetAt(diagnostic.range.end)).replace(/^["']|["']$/g, '');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return undefined;
    const insertion = policyInsertion(parsed, name);
    if (!insertion) return undefined;
    return {
      title: `Create policy \`${name}\``,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [TextEdit.insert(parsed.lines.positionAt(insertion.offset), insertion.text)] } },
    };
  }
}

const POLICY_BODY = ['timeout: 10s', 'retry: { max_retries: 3, backoff: exponential, base_delay: 200ms, max_delay: 30s, jitter: decorrelated }', 'circuit_breaker: { failure_threshold: 5, half_open_after: 30s }'];

/** Where and what to insert for a new policy: at the end of a block `policies:`, or a new section at the end. */
function policyInsertion(parsed: ParsedYaml, name: string): { offset: number; text: string } | undefined {
  const root = resolveAlias(parsed.root);
  if (root && root.kind !== 'map') return undefined;
  const policiesPair = root?.pairs.find((pair) => keyText(pair) === 'policies');
  const policies = resolveAlias(policiesPair?.value);
  const endOfText = parsed.text.length;
  const lead = parsed.text.length > 0 && !parsed.text.endsWith('\n') ? '\n' : '';
  if (!policiesPair || !policies || (policies.kind === 'scalar' && policies.value === null)) {
    if (policiesPair) return undefined;
    return { offset: endOfText, text: `${lead}policies:\n  ${name}:\n${POLICY_BODY.map((line) => `    ${line}`).join('\n')}\n` };
  }
  if (policies.kind !== 'map' || (policies as YMap).flow || policies.pairs.length === 0) return undefined;
  const last = policies.pairs[policies.pairs.length - 1]!;
  const column = parsed.lines.positionAt(policies.pairs[0]!.key.start).character;
  const end = Math.max(last.key.end, last.value?.end ?? 0);
  const lineEnd = parsed.lines.lineEnd(parsed.lines.positionAt(Math.max(end - 1, last.key.start)).line);
  const indent = ' '.repeat(column);
  const text = `\n${indent}${name}:\n${POLICY_BODY.map((line) => `${indent}  ${line}`).join('\n')}`;
  return { offset: lineEnd, text };
}
