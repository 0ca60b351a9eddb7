/**
 * Calls whose client type is declared in another file of the scan. Java services call Feign
 * interfaces declared in their own files (`BillingClient billing; billing.voidInvoice(…)`): one file
 * alone cannot tell that call from a call on any other class of the project. Each file's analysis
 * lists the client types it declares and the calls it makes on project types; linking them once
 * every file is known turns the matching calls into findings. Linking is cheap (two passes over the
 * few files that have either), so it runs on every scan result, and an edit to either file counts.
 *
 * The same holds for Python type aliases (`SessionDep = Annotated[Session, Depends(get_db)]` in
 * `app/api/deps.py`, used as `session: SessionDep` in every route module) and Go generated stubs
 * (`pb.NewCartServiceClient(conn)` with `pb` the project's package whose `_grpc.pb.go` declares it).
 * A type is matched by its qualified name's tail: a file knows its own path from the scan root
 * (`backend/app/api/deps`), the importer knows the name it imports (`app.api.deps`, or a Go module
 * path `github.com/org/repo/src/frontend/genproto`), and the longest shared tail links them.
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
  /** The methods that are calls (`find`, `exec`); unset when every method is one. */
  methods?: string[];
  /**
   * A re-export (`export { UsersService } from './sdk.gen'`, `export * from './sdk.gen'`): `type` is the name here,
   * this the name it re-exports (`frontend.src.client.sdk.gen.UsersService`, or `….sdk.gen.*` for every name).
   */
  reexportOf?: string;
  /** The export is a function that sends a request when called (a generated SDK's operation). */
  callable?: boolean;
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
  /** The method called; checked against the export's `methods`. */
  method?: string;
  /** 'client' for a generated stub's construction, 'handler' for a consumer a decorator registers; unset for calls. */
  role?: 'client' | 'handler';
  /** Only an export of this library links. */
  library?: string;
}

/** What linking needs of a file's analysis. */
export interface LinkableAnalysis {
  file: string;
  clientTypes?: ClientTypeExport[];
  typedCalls?: TypedCall[];
}

/** file → the findings its typed calls became, for the files where any did. */
export function linkTypedCalls(analyses: Iterable<LinkableAnalysis>): Map<string, Integration[]> {
  // Every tail of two or more segments of each exported name; a tail two exports share names neither (null).
  const exported = new Map<string, ClientTypeExport | null>();
  const callers: LinkableAnalysis[] = [];
  const reexports: ClientTypeExport[] = [];
  const register = (type: string, clientType: ClientTypeExport) => {
    for (const tail of tails(type)) exported.set(tail, exported.has(tail) && exported.get(tail) !== clientType ? null : clientType);
  };
  const all: ClientTypeExport[] = [];
  for (const analysis of analyses) {
    for (const clientType of analysis.clientTypes ?? []) {
      if (clientType.reexportOf) { reexports.push(clientType); continue; }
      register(clientType.type, clientType);
      all.push(clientType);
    }
    if (analysis.typedCalls && analysis.typedCalls.length > 0) callers.push(analysis);
  }
  // Re-exports (an index module that re-exports a generated SDK), twice for a chain of two.
  for (let round = 0; round < 2 && reexports.length > 0; round++) {
    for (const reexport of reexports) {
      const source = reexport.reexportOf!;
      if (!source.endsWith('.*')) {
        const found = exportFor(exported, source);
        if (found) register(reexport.type, found);
        continue;
      }
      const from = segmentsOf(source.slice(0, -2)).join('.');
      const here = reexport.type.slice(0, -2);
      for (const clientType of all) {
        const type = segmentsOf(clientType.type).join('.');
        if (type.startsWith(`${from}.`)) register(`${here}.${type.slice(from.length + 1)}`, clientType);
      }
    }
  }
  const linked = new Map<string, Integration[]>();
  if (exported.size === 0) return linked;
  for (const analysis of callers) {
    const found: Integration[] = [];
    for (const call of analysis.typedCalls!) {
      const clientType = exportFor(exported, call.type);
      if (!clientType) continue;
      if (call.library && clientType.library !== call.library) continue;
      if (!call.role && clientType.methods && (!call.method || !clientType.methods.includes(call.method))) continue;
      // A bare call (`readUsers(…)`) links only to an export that is itself a request (an SDK function).
      if (!call.method && !call.role && !clientType.callable) continue;
      const integration: Integration = {
        file: analysis.file, line: call.line, column: call.column, endLine: call.endLine, endColumn: call.endColumn,
        kind: clientType.kind, library: clientType.library, role: call.role ?? 'call', direction: call.role === 'handler' ? 'inbound' : 'outbound', test: call.test,
      };
      if (!call.role) integration.resilience = { ...call.resilience };
      if (clientType.target !== undefined) integration.target = clientType.target;
      if (clientType.envVars) integration.envVars = [...clientType.envVars];
      if (clientType.host) integration.host = clientType.host;
      found.push(integration);
    }
    if (found.length > 0) linked.set(analysis.file, found);
  }
  return linked;
}

/** `github.com/org/repo/genproto.NewCartServiceClient` → its segments (`/`, `.` and `::` alike). */
function segmentsOf(type: string): string[] {
  return type.split(/::|[/.]/).filter(Boolean);
}

/** The tails of a qualified name with at least two segments (a module and a name), longest first. */
function tails(type: string): string[] {
  const segments = segmentsOf(type);
  const result: string[] = [];
  for (let start = 0; start <= segments.length - 2; start++) result.push(segments.slice(start).join('.'));
  return result;
}

/** The export whose name shares the longest tail with `type`. */
function exportFor(exported: Map<string, ClientTypeExport | null>, type: string): ClientTypeExport | undefined {
  for (const tail of tails(type)) {
    const found = exported.get(tail);
    if (found !== undefined) return found ?? undefined;
  }
  return undefined;
}

/** A file's own findings and the ones linking added, in line order. */
export function withLinked(own: Integration[], linked: Integration[] | undefined): Integration[] {
  if (!linked) return own;
  return [...own, ...linked].sort((a, b) => a.line - b.line || a.column - b.column);
}
