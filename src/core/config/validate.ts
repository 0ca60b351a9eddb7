/**
 * validateConfig: the one validation of integration-config.yml, shared by the language server
 * and the CLI. YAML syntax → schema (zod, with yaml-language-server placement) → the checks a
 * JSON Schema cannot express. Never throws; time is bounded by the size limit and the alias
 * budget.
 */
import type { ConfigDiagnostic, DiagnosticCode } from './diagnostic';
import { buildJsonSchema } from './jsonSchema';
import { parseYaml, type ParsedYaml } from './parseYaml';
import { rootRange, toRange } from './placement';
import { schemaDiagnostics } from './schemaIssues';
import { AliasLimitError, toValue } from './yamlTree';
import { CheckContext, type CheckOptions } from './checks/checkContext';
import { checkConsistency } from './checks/consistency';
import { checkEndpoints } from './checks/endpoints';
import { checkEnvRefs } from './checks/envRefs';
import { checkInventory } from './checks/inventory';
import { checkPlainSecrets } from './checks/plainSecrets';
import { checkPolicyRefs } from './checks/policyRefs';

export type { InventoryTarget } from './checks/checkContext';

export interface ValidateOptions extends CheckOptions {
  /** The document's URI or path (kept for callers' logs; validation does not read files). */
  uri: string;
  /** Skip files longer than this many characters with one information diagnostic. Default: no limit. */
  maxLength?: number;
  /** Most nodes aliases may expand to before the document is rejected as an alias bomb. */
  maxExpandedNodes?: number;
  /**
   * `all` (default), or `custom` for what only this project knows: cron contents, policy
   * references, secrets, env references, endpoints, inventory, cross-field rules. Used when
   * Red Hat YAML already reports syntax and JSON Schema errors for the same file.
   */
  report?: 'all' | 'custom';
  /** A parse of this exact text from before (the language server caches one per version). */
  parsed?: ParsedYaml;
}

/** Diagnostics of `report: 'custom'` mode: those a JSON Schema validator cannot produce. */
const CUSTOM_ONLY = new Set<DiagnosticCode>([
  'invalid-cron', 'invalid-duration', 'invalid-default', 'duplicate-name', 'unknown-policy', 'plain-secret', 'undefined-env', 'invalid-endpoint',
  'incomplete-auth', 'inconsistent-value', 'target-not-in-inventory', 'alias-limit', 'file-too-large',
]);

export const DEFAULT_MAX_EXPANDED_NODES = 200_000;

export function validateConfig(text: string, options: ValidateOptions): ConfigDiagnostic[] {
  let diagnostics: ConfigDiagnostic[];
  try {
    diagnostics = collect(text, options);
  } catch (error) {
    // A bug in a check must not take the server down; say so where the user looks.
    diagnostics = [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'error',
      code: 'yaml-syntax',
      message: `the validator failed on this file (${error instanceof Error ? error.name : 'error'}); please report it`,
    }];
  }
  if (options.report === 'custom') diagnostics = diagnostics.filter((d) => CUSTOM_ONLY.has(d.code));
  return sortAndDedupe(diagnostics);
}

function collect(text: string, options: ValidateOptions): ConfigDiagnostic[] {
  if (options.maxLength !== undefined && text.length > options.maxLength) {
    return [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'information',
      code: 'file-too-large',
      message: `this file has ${text.length.toLocaleString('en-US')} characters, more than the ${options.maxLength.toLocaleString('en-US')} validated in the editor; run \`integration-orchestrator validate\` to check it`,
    }];
  }
  const parsed = options.parsed?.text === text ? options.parsed : parseYaml(text);
  const diagnostics: ConfigDiagnostic[] = parsed.problems.map((problem) => ({
    // Syntax errors run to the end of their line, as yaml-language-server shows them.
    range: toRange(parsed.lines, { start: problem.start, end: parsed.lines.lineEnd(parsed.lines.positionAt(problem.start).line) }),
    severity: problem.severity,
    code: problem.severity === 'error' ? 'yaml-syntax' : 'yaml-warning',
    message: problem.message,
  }));

  let value: unknown;
  try {
    value = toValue(parsed.root, { maxExpandedNodes: options.maxExpandedNodes ?? DEFAULT_MAX_EXPANDED_NODES, noAliases: parsed.aliasCount === 0 });
  } catch (error) {
    if (!(error instanceof AliasLimitError)) throw error;
    const range = error.alias.kind === 'alias' ? { start: error.alias.start, end: error.alias.end } : rootRange(parsed);
    diagnostics.push({ range: toRange(parsed.lines, range), severity: 'error', code: 'alias-limit', message: `not validated: ${error.message}` });
    return diagnostics;
  }

  // Also in `custom` mode: cron and duration refinements come through the schema; the filter keeps only those.
  diagnostics.push(...schemaDiagnostics(parsed, value, buildJsonSchema()));
  const ctx = new CheckContext(parsed, value, options);
  checkPolicyRefs(ctx);
  checkPlainSecrets(ctx);
  checkEnvRefs(ctx);
  checkEndpoints(ctx);
  checkInventory(ctx);
  checkConsistency(ctx);
  diagnostics.push(...ctx.diagnostics);
  return diagnostics;
}

function sortAndDedupe(diagnostics: ConfigDiagnostic[]): ConfigDiagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
