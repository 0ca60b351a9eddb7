/** What every custom check gets: the parsed tree, its plain value, the options, and a sink. */
import type { ConfigDiagnostic, DiagnosticCode, DiagnosticData, Severity } from '../diagnostic';
import type { ParsedYaml } from '../parseYaml';
import { toRange, type OffsetRange } from '../placement';
import type { PathSegment } from '../yamlTree';

/** A service of the detected inventory, as far as matching a target needs it. */
export interface InventoryTarget {
  name?: string;
  /** Host names (optionally with port) the service is reached at. */
  hosts?: readonly string[];
  /** Environment variables its address is read from. */
  envVars?: readonly string[];
}

export interface CheckOptions {
  /** Names defined in the workspace's `.env*` files and compose `environment:`; the env check runs only when given. */
  workspaceEnv?: ReadonlySet<string>;
  /** The detected inventory; the inventory check runs only when given. */
  inventoryTargets?: readonly InventoryTarget[];
}

export class CheckContext {
  readonly diagnostics: ConfigDiagnostic[] = [];

  constructor(readonly parsed: ParsedYaml, readonly value: unknown, readonly options: CheckOptions) {}

  report(code: DiagnosticCode, severity: Severity, range: OffsetRange, message: string, data?: DiagnosticData): void {
    this.diagnostics.push({ range: toRange(this.parsed.lines, range), severity, message, code, ...(data ? { data } : {}) });
  }
}

/** One integration as the checks read it: its index and its plain value (possibly invalid). */
export interface IntegrationEntry {
  index: number;
  path: PathSegment[];
  value: Record<string, unknown>;
}

export function integrationsOf(value: unknown): IntegrationEntry[] {
  const list = isRecord(value) ? value.integrations : undefined;
  if (!Array.isArray(list)) return [];
  const entries: IntegrationEntry[] = [];
  list.forEach((item, index) => {
    if (isRecord(item)) entries.push({ index, path: ['integrations', index], value: item });
  });
  return entries;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads `a.b.c` from a possibly-invalid value. */
export function get(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}
