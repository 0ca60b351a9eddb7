/**
 * The small intermediate form every language extractor produces from its syntax tree.
 * The resolver (resolve.ts) matches it against the library catalogue, so adding a library
 * never touches an extractor, and every language shares one matching algorithm.
 */

/** A statically evaluated expression: what can be known about a string-ish value. */
export interface Value {
  /** Human-readable form: literal text with `${ENV}` for env reads and `…` for unknown parts. */
  display: string;
  /** True when the whole value is a literal (no unknown parts). */
  literal: boolean;
  envVars: string[];
}

export interface Range {
  /** 0-based line/column, end exclusive. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** One segment of a callee path: `axios.create().get` → [axios] [create()] [get]. */
export interface Segment {
  name: string;
  /** This segment was itself called (it is an inner call of a chain). */
  called: boolean;
  /** For a called segment: the inner call's id in `FileFacts.calls`. */
  callId?: number;
}

export interface CallSite {
  id: number;
  /** The callee as a path; the last segment is the function or method being called. */
  callee: Segment[];
  /** `new X(...)`, a Go composite literal `&http.Client{...}`, a Java `new X()`. */
  isConstruction: boolean;
  /** Not a call: a name bound to a member path (`self.db = client["shop"]`, `this.http = http`), resolved like one. */
  isAlias?: boolean;
  /** Positional arguments, evaluated where possible (undefined = not a string-ish value). */
  args: (Value | undefined)[];
  /** Names of identifiers passed as positional arguments (for request objects built earlier). */
  argNames: (string | undefined)[];
  /** Keys of option objects / keyword arguments / struct fields, with values where evaluable. */
  options: Map<string, Value | undefined>;
  /** An options argument exists but its keys cannot be seen (a variable, a spread). */
  optionsOpaque: boolean;
  /** The name the result is bound to directly (`const pool = new Pool()` → `pool`, `self.r = …` → `self.r`). */
  assignedTo?: string;
  range: Range;
  /** Names of enclosing wrappers: calls receiving a function that holds this call, decorators of the enclosing function. */
  wrappers: string[];
  /** Source text of the call, bounded, used for tooltips and signature checks. */
  snippet: string;
}

/** A name declared with a type: `private pool: Pool`, `db *sql.DB`, `RestTemplate rest`. */
export interface TypedName {
  name: string;
  /** The type as a path, e.g. ['sql','DB'] or ['RestTemplate']. */
  type: string[];
  /**
   * A parameter: the range of the function that declares it, the only place the name means this
   * (two methods' `builder` parameters of different types do not mix). Unset: visible file-wide.
   */
  scope?: Range;
  /** A local variable: it holds what its initializer made, never a client injected from another file's type. */
  local?: boolean;
}

/** `import x from 'm'`, `from m import y as z`, `use m::y`, `import m.Y;`, Go `import z "m"`. */
export interface ImportBinding {
  local: string;
  module: string;
  /** Path inside the module; [] means the module object / default export itself. */
  member: string[];
  /** `import java.net.http.*;` — any capitalised name may come from this module. */
  wildcard?: boolean;
}

/** Decorators and annotations: `@app.post("/x")`, `@KafkaListener(topics="t")`, `@Value("${x}")`. */
export interface Annotation {
  /** Path of the decorator expression without the call: ['app','post'] or ['KafkaListener']. */
  name: string[];
  args: (Value | undefined)[];
  options: Map<string, Value | undefined>;
  /** What it decorates: the member / function name, and its type for fields. */
  target?: TypedName;
  /** Java: the type it decorates, when it decorates a class or interface (`@FeignClient interface BillingClient` → `BillingClient`). */
  onType?: string;
  /** Java: the type whose body declares the decorated member (`@GetMapping` on a method of `BillingClient` → `BillingClient`). */
  enclosingType?: string;
  range: Range;
  snippet: string;
}

/** `interface OrderRepository extends JpaRepository<…>` and similar type-level declarations. */
export interface TypeDeclaration {
  name: string;
  extends: string[][];
  range: Range;
}

export interface FileFacts {
  imports: ImportBinding[];
  calls: CallSite[];
  typedNames: TypedName[];
  annotations: Annotation[];
  types: TypeDeclaration[];
  /** Every function, variable and parameter name declared in the file, with the scopes it is visible in (shadowing of globals). */
  declaredNames: DeclaredNames;
  /** Text snippets that indicate a verified signature, found anywhere in the file. */
  verifiesSignature: boolean;
  /** Java: the file's package, which names its types for the other files of the scan. */
  packageName?: string;
  /** Module-level type aliases (Python `SessionDep = Annotated[Session, Depends(get_db)]`): the name stands for the type. */
  typeAliases?: { name: string; type: string[] }[];
  /** JS/TS: what the module exports, by exported name (`default` for `module.exports = X` / `export default X`) and local name. */
  exports?: { name: string; local: string }[];
}

/** name → the ranges of the scopes that declare it. */
export class DeclaredNames {
  private readonly scopes = new Map<string, Range[]>();

  add(name: string, scope: Range): void {
    const list = this.scopes.get(name);
    if (list) list.push(scope); else this.scopes.set(name, [scope]);
  }

  get(name: string): Range[] | undefined {
    return this.scopes.get(name);
  }
}

export function emptyFacts(): FileFacts {
  return { imports: [], calls: [], typedNames: [], annotations: [], types: [], declaredNames: new DeclaredNames(), verifiesSignature: false };
}

export const UNKNOWN: Value = { display: '…', literal: false, envVars: [] };

export function literal(text: string): Value {
  return { display: text, literal: true, envVars: [] };
}

export function envValue(name: string): Value {
  return { display: `\${${name}}`, literal: false, envVars: [name] };
}

/** Concatenation of evaluated parts; adjacent unknowns collapse into one `…`. */
export function concat(parts: (Value | undefined)[]): Value {
  let display = '';
  let isLiteral = true;
  const envVars: string[] = [];
  for (const part of parts) {
    const value = part ?? UNKNOWN;
    if (value === UNKNOWN || (!value.literal && value.envVars.length === 0)) {
      if (!display.endsWith('…')) display += '…';
    } else {
      display += value.display;
    }
    if (!value.literal) isLiteral = false;
    for (const name of value.envVars) if (!envVars.includes(name)) envVars.push(name);
  }
  return { display, literal: isLiteral, envVars };
}
