/**
 * Calls whose client type is declared in another file of the scan. Java services call Feign
 * interfaces declared in their own files (`BillingClient billing; billing.voidInvoice(…)`): one file
 * alone cannot tell that call from a call on any other class of the project. Each file's analysis
 * lists the client types it declares and the calls it makes on project types; linking them once
 * every file is known turns the matching calls into findings. Linking is cheap (two passes over the
 * few files that have either), so it runs on every scan result, and an edit to either file counts.
 */
import type { Integration, IntegrationKind, ResilienceFacts } from './types';

/** A client type a file declares, named so that other files can refer to it (`com.example.billing.BillingClient`). */
export interface ClientTypeExport {
  type: string;
  kind: IntegrationKind;
  library: string;
  target?: string;
  envVars?: string[];
  host?: string;
}

/** A call on a field or parameter typed with a project type declared elsewhere, waiting for that type. */
export interface TypedCall {
  /** The qualified name of the receiver's type. */
  type: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resilience: ResilienceFacts;
  test: boolean;
}

/** What linking needs of a file's analysis. */
export interface LinkableAnalysis {
  file: string;
  clientTypes?: ClientTypeExport[];
  typedCalls?: TypedCall[];
}

/** file → the findings its typed calls became, for the files where any did. */
export function linkTypedCalls(analyses: Iterable<LinkableAnalysis>): Map<string, Integration[]> {
  const exported = new Map<string, ClientTypeExport>();
  const callers: LinkableAnalysis[] = [];
  for (const analysis of analyses) {
    for (const clientType of analysis.clientTypes ?? []) exported.set(clientType.type, clientType);
    if (analysis.typedCalls && analysis.typedCalls.length > 0) callers.push(analysis);
  }
  const linked = new Map<string, Integration[]>();
  if (exported.size === 0) return linked;
  for (const analysis of callers) {
    const found: Integration[] = [];
    for (const call of analysis.typedCalls!) {
      const clientType = exported.get(call.type);
      if (!clientType) continue;
      const integration: Integration = {
        file: analysis.file, line: call.line, column: call.column, endLine: call.endLine, endColumn: call.endColumn,
        kind: clientType.kind, library: clientType.library, role: 'call', direction: 'outbound',
        resilience: { ...call.resilience }, test: call.test,
      };
      if (clientType.target !== undefined) integration.target = clientType.target;
      if (clientType.envVars) integration.envVars = [...clientType.envVars];
      if (clientType.host) integration.host = clientType.host;
      found.push(integration);
    }
    if (found.length > 0) linked.set(analysis.file, found);
  }
  return linked;
}

/** A file's own findings and the ones linking added, in line order. */
export function withLinked(own: Integration[], linked: Integration[] | undefined): Integration[] {
  if (!linked) return own;
  return [...own, ...linked].sort((a, b) => a.line - b.line || a.column - b.column);
}
