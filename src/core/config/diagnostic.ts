/**
 * The validator's own diagnostic type: editor-agnostic, 0-based, UTF-16 columns (as LSP and
 * VS Code count). The language server and the CLI convert it to what they print.
 */

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable codes: the CLI prints them, SARIF uses them as rule ids, code actions key on them. */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'yaml-warning'
  | 'alias-limit'
  | 'file-too-large'
  | 'missing-key'
  | 'unknown-key'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-cron'
  | 'invalid-duration'
  | 'invalid-default'
  | 'duplicate-name'
  | 'unknown-policy'
  | 'plain-secret'
  | 'undefined-env'
  | 'invalid-endpoint'
  | 'incomplete-auth'
  | 'inconsistent-value'
  | 'target-not-in-inventory';

/** Data a code action needs to fix a diagnostic; never holds a secret. */
export interface DiagnosticData {
  /** Replace the diagnostic's range with this text (did-you-mean fixes). */
  replacement?: string;
  /** Path of the key or value the diagnostic is about. */
  path?: (string | number)[];
  /** For `plain-secret` in a URL: which part holds the secret (`password`, or `query:<name>`). */
  secretPart?: string;
  /** For `undefined-env`: the variable's name. */
  envName?: string;
}

export interface ConfigDiagnostic {
  range: Range;
  severity: Severity;
  message: string;
  code: DiagnosticCode;
  data?: DiagnosticData;
}

export const DIAGNOSTIC_SOURCE = 'integration-orchestrator';
