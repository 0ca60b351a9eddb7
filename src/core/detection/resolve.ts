/**
 * Matches one file's facts against its language's catalogue: follows imports, client
 * constructions, derived clients and typed declarations to decide which calls are
 * integrations. Shared by every language; the extractors only differ in syntax.
 */
import type { AnnotationRule, LanguageCatalog, LibraryRule } from './catalog/rule';
import { concat, type Annotation, type CallSite, type FileFacts, type Range, type Segment, type TypedName, type Value } from './languages/facts';
import type { IntegrationKind, IntegrationRole, ResilienceFacts, Tristate } from './types';
import { FileRoutes } from './fileRoutes';
import { routePattern } from './routePatterns';
import { ParameterScopes } from './parameterScopes';

/** A finding before it gets its file and test flag. */
export interface RawFinding {
  range: Range;
  kind: IntegrationKind;
  library: string;
  role: IntegrationRole;
  direction: 'outbound' | 'inbound' | 'declaration';
  target?: Value;
  resilience?: ResilienceFacts;
  signatureVerified?: boolean;
  snippet: string;
}

interface Instance {
  rule: LibraryRule;
  target?: Value;
  timeout: Tristate;
  /** A pipeline/transaction: queued commands are not calls, its execute is. */
  pipeline?: boolean;
  /** An injected builder (`RestTemplateBuilder builder`): its `.build()` is where the client is made. */
  fromBuilderType?: boolean;
  /** The client finding this instance was constructed at: it learns its target from the calls made on it. */
  origin?: RawFinding;
  /** A package of generated stub constructors: `new pkg.svc.Service(addr, creds)` makes a client. */
  stubPackage?: boolean;
  /** A session factory (`sessionmaker(engine)`): calling it gives a session of the same library. */
  factory?: boolean;
  /** A project type declared in another file (`BillingClient billing`): its calls wait for the scan to learn what it is (crossFile.ts). */
  deferredType?: string;
  /** The deferred type is a generated stub made by its constructor here (Go `pb.NewCartServiceClient(conn)`): every method called on it is recorded. */
  deferredStub?: boolean;
}

/** A call on a project type declared elsewhere (`billing.voidInvoice(…)`), linked across files later. */
export interface DeferredCall {
  type: string;
  range: Range;
  resilience: ResilienceFacts;
  /** The method called (`findOne`), checked against the methods the type's library counts as calls. */
  method?: string;
  /** 'client' for the construction of a generated stub, 'handler' for a consumer registered by decorator; calls otherwise. */
  role?: 'client' | 'call' | 'handler';
  /** Only an export of this library links (a Celery decorator needs a Celery app). */
  library?: string;
}

/** A client type this file declares, by qualified name (`com.example.billing.BillingClient`). */
export interface ExportedType {
  type: string;
  kind: IntegrationKind;
  library: string;
  target?: Value;
  /** The methods that are calls; unset when every method is one (a Feign interface, a generated stub). */
  methods?: string[];
}

const libraryOf = (instance: Instance): string => instance.rule.library;

/** Stands in for a type declared in another file until linking: no method of it is known here. */
const DEFERRED_RULE: LibraryRule = { library: '', kind: 'http', modules: [], targetArg: -1 };
/** java.lang types need no import: a name like these is never the project's own type. */
const IMPLICIT_TYPES = /^(?:[A-Z]|String|Object|Integer|Long|Double|Float|Short|Byte|Boolean|Character|Number|Math|System|Thread|Runnable|Iterable|Comparable|CharSequence|StringBuilder|Class|Enum|Record|Exception|RuntimeException|Throwable|Error|Void)$/;
const OBJECT_METHODS = new Set(['toString', 'hashCode', 'equals', 'getClass']);

type State =
  | { type: 'module'; module: string; rule?: LibraryRule; path: string[] }
  | { type: 'global'; rule: LibraryRule }
  | { type: 'instance'; instance: Instance; methodPath: string[] }
  | { type: 'none' };

type CallOutcome = { type: 'instance'; instance: Instance } | { type: 'call'; finding: RawFinding; rule: LibraryRule } | { type: 'none' };

const RETRY_WRAPPER = /retry|backoff|resilien|withRetries|retryable|tenacity|Retry/;
const BREAKER_WRAPPER = /breaker|circuit|resilien|Circuit/;
const HTTP_KINDS = new Set<IntegrationKind>(['http', 'graphql', 'grpc']);

export interface ResolveOptions {
  /** Rust: crate paths (`reqwest::get`) need no `use`. */
  cratePaths?: boolean;
  /** Go: struct fields are reached through any receiver (`s.db.Query`). */
  receiverFields?: boolean;
  /** Library reported for inbound routes when no web framework import names one. */
  defaultRouteLibrary: string;
  /** Java, Python: calls on fields and parameters of the project's own types are kept for linking across files (crossFile.ts). */
  typesAcrossFiles?: boolean;
  /**
   * Python, JS/TS: a module is named by its file's path (`app/api/deps.py` → `app.api.deps`, `models/User.js` →
   * `models.User`), the name other files import it by.
   */
  pathModules?: boolean;
  /** Python: every module-level name can be imported, so a client bound at module level is an export. */
  moduleLevelExports?: boolean;
}

/** The look-ups made for every call (a crate root, a global name), as maps instead of scans of the catalogue. */
interface CatalogIndex {
  /** `reqwest` → the first rule with a module `reqwest` or `reqwest::…`. */
  crateRoots: Map<string, LibraryRule>;
  /** `fetch` → the first rule listing it among its globals. */
  globals: Map<string, LibraryRule>;
  /** `$` → the rule whose methods on it are calls. */
  globalObjects: Map<string, LibraryRule>;
}

const catalogIndexes = new WeakMap<LanguageCatalog, CatalogIndex>();

function catalogIndex(catalog: LanguageCatalog): CatalogIndex {
  let index = catalogIndexes.get(catalog);
  if (!index) {
    index = { crateRoots: new Map(), globals: new Map(), globalObjects: new Map() };
    for (const rule of catalog.libraries) {
      for (const module of rule.modules) {
        const root = module.split('::')[0]!;
        if (!index.crateRoots.has(root)) index.crateRoots.set(root, rule);
      }
      for (const name of rule.globals ?? []) if (!index.globals.has(name)) index.globals.set(name, rule);
      for (const name of rule.globalObjects ?? []) if (!index.globalObjects.has(name)) index.globalObjects.set(name, rule);
    }
    catalogIndexes.set(catalog, index);
  }
  return index;
}

/** A generated stub: every method is a call, but for its own housekeeping. */
function stubRule(rule: LibraryRule): LibraryRule {
  return { ...rule, methods: ['*'], ignoreMethods: ['close', 'waitForReady', 'getChannel', 'on'], derive: [], stubPackages: [], generatedClients: undefined };
}

export class FileResolver {
  private readonly imports = new Map<string, { module: string; member: string[] }>();
  private readonly wildcardModules: string[] = [];
  private readonly bindings = new Map<string, Instance>();
  private readonly valueBindings = new Map<string, Value>();
  private readonly outcomes = new Map<number, CallOutcome>();
  private readonly findings: RawFinding[] = [];
  private readonly retryLibraryImported: boolean;
  /** Typed parameters by name, each valid inside its own function only: what its type makes of the name there. */
  private readonly scopedNames = new ParameterScopes<Instance>();
  /** Some parameter holds a client whose calls take clients as arguments (gRPC channels, diesel connections). */
  private scopedArgumentClients = false;
  /** Inbound routes: receivers of route registrations, their frameworks and prefixes. */
  private readonly routes: FileRoutes;
  private readonly importStates = new Map<string, State>();
  /** Generated stub types seen made from a client (`pb.InventoryClient`, from `pb.NewInventoryClient(conn)`). */
  private readonly stubTypes = new Map<string, Instance>();
  /** Types this file annotates as clients (`@FeignClient interface WarehouseApi`), with the annotation's rule and target. */
  private readonly clientTypes = new Map<string, { rule: AnnotationRule; target?: Value }>();
  /** Methods that are calls on any receiver in this file (`anyReceiverMethods`), with their library. */
  private readonly anyReceiverRules = new Map<string, LibraryRule>();
  /** Attributes that hold a library's client on any object in this file (`memberClient`). */
  private readonly memberClientsByName = new Map<string, Instance>();
  /** Classes this file declares that extend a library's client class (`class DatabaseService extends PrismaClient`). */
  private readonly clientSubclasses = new Map<string, { rule: LibraryRule; path: string[] }>();
  /** Type aliases this file declares for client types (`SessionDep = Annotated[Session, …]`). */
  private readonly typeAliases = new Map<string, Instance>();
  /** Calls on project types declared in other files, for crossFile.ts. */
  readonly deferredCalls: DeferredCall[] = [];
  private deferring = false;

  /** `file` is the path relative to the scan root; it names the file's module where the language names modules by path. */
  constructor(private readonly facts: FileFacts, private readonly catalog: LanguageCatalog, private readonly options: ResolveOptions, private readonly file = '') {
    for (const binding of facts.imports) {
      if (binding.wildcard) this.wildcardModules.push(binding.module);
      else this.imports.set(binding.local, { module: binding.module, member: binding.member });
    }
    this.routes = new FileRoutes(facts, catalog, this.imports, options.defaultRouteLibrary, this.findings);
    this.retryLibraryImported = facts.imports.some((i) => /(^|[/.-])(axios-retry|retry-axios|p-retry|async-retry|tenacity|backoff|cockatiel|opossum|resilience4j|failsafe|backon|tokio-retry|retry)($|[/.])/.test(i.module));
  }

  resolve(): RawFinding[] {
    this.collectClientTypes();
    this.collectClientSubclasses();
    for (const alias of this.facts.typeAliases ?? []) {
      const instance = this.typedInstance({ name: alias.name, type: alias.type });
      if (instance && !instance.deferredType) this.typeAliases.set(alias.name, instance);
    }
    for (const typed of this.facts.typedNames) {
      const instance = this.typedInstance(typed);
      if (typed.scope) {
        this.scopedNames.add(typed.name, typed.scope, typed.type, instance);
        if (instance && (instance.rule.stubs || instance.rule.argMethods)) this.scopedArgumentClients = true;
      } else if (instance) this.bindings.set(typed.name, instance);
      this.routes.receiverOfType(typed);
    }
    this.decoratedTasks();
    this.memberClients();
    // Inner calls before outer ones: same start, shorter first.
    const calls = [...this.facts.calls].sort((a, b) => compareRange(a.range, b.range));
    for (const call of calls) this.resolveCall(call);
    this.bindStubTypes(calls);
    for (const call of calls) if (this.outcomes.get(call.id)?.type === 'none') this.routes.registeredBy(call);
    this.annotations();
    this.supertypes();
    this.targetsFromTheOnlyClient();
    return this.findings.sort((a, b) => compareRange(a.range, b.range));
  }

  /** What a name declared with this type holds: a client, a builder of one, a stub, or nothing the catalogue knows. */
  private typedInstance(typed: TypedName): Instance | undefined {
    if (typed.type.length === 0) return undefined;
    const typeName = typed.type[typed.type.length - 1];
    const aliased = typed.type.length === 1 ? this.typeAliases.get(typeName) : undefined;
    if (aliased) return { ...aliased };
    const subclass = typed.type.length === 1 ? this.clientSubclasses.get(typeName) : undefined;
    if (subclass) return { rule: subclass.rule, timeout: 'unknown' };
    const annotated = typed.type.length === 1 ? this.clientTypes.get(typeName) : undefined;
    if (annotated) return { rule: annotatedClientRule(annotated.rule), target: annotated.target, timeout: 'unknown' };
    const state = this.headState([{ name: typed.type[0], called: false }, ...typed.type.slice(1).map((name) => ({ name, called: false }))]);
    if (state.type === 'instance' && state.instance.stubPackage && state.instance.rule.generatedClients && typed.type.length === 1) {
      return { rule: stubRule(state.instance.rule), timeout: 'unknown' };
    }
    if (state.type === 'module' && state.rule?.types?.includes(typeName)) return { rule: state.rule, timeout: 'unknown' };
    // `RestClient.Builder builder` with `RestClient` imported: the member path is `RestClient.Builder`.
    const memberPath = state.type === 'module' ? [...state.path, ...typed.type.slice(1)].join('.') : '';
    if (state.type === 'module' && (state.rule?.builderTypes?.includes(memberPath) || state.rule?.builderTypes?.includes(typed.type.slice(state.path.length > 1 ? -2 : -1).join('.')))) {
      return { rule: state.rule, timeout: 'unknown', fromBuilderType: true };
    }
    const suffix = state.type === 'module' && state.rule ? undefined : this.catalog.typeSuffixes?.find((r) => typeName.endsWith(r.suffix) && typeName !== r.suffix);
    if (suffix) {
      const rule: LibraryRule = { library: suffix.library, kind: suffix.kind, modules: [], methods: suffix.methods, ignoreMethods: suffix.ignoreMethods, targetArg: -1 };
      return { rule, target: { display: typeName, literal: true, envVars: [] }, timeout: 'unknown' };
    }
    const projectType = this.options.typesAcrossFiles && !typed.local && typed.type.length === 1 && !(state.type === 'module' && state.rule) ? this.qualifiedType(typeName) : undefined;
    if (projectType) {
      this.deferring = true;
      return { rule: DEFERRED_RULE, timeout: 'unknown', deferredType: projectType };
    }
    return undefined;
  }

  /** `BillingClient` → `com.example.billing.BillingClient`: imported by name, or else from this file's own package. */
  private qualifiedType(name: string): string | undefined {
    const imported = this.imports.get(name);
    // The JDK's own types are never the project's clients.
    if (imported) return /^(java|javax|jakarta)\./.test(imported.module) ? undefined : [this.absoluteModule(imported.module), ...imported.member].join('.');
    if (IMPLICIT_TYPES.test(name) || !this.facts.packageName) return undefined;
    return `${this.facts.packageName}.${name}`;
  }

  /** Python: `.deps` imported from `app/api/routes/items.py` is `app.api.routes.deps`; other modules are named as written. */
  private absoluteModule(module: string): string {
    if (!this.options.pathModules) return module;
    if (/^\.\.?\//.test(module) || /^[@~#]\//.test(module)) return jsModulePath(this.file, module);
    const dots = /^\.+/.exec(module)?.[0].length ?? 0;
    if (dots === 0) return module;
    const packagePath = this.file.split('/').slice(0, -1);
    const base = packagePath.slice(0, Math.max(0, packagePath.length - (dots - 1)));
    return [...base, module.slice(dots)].filter(Boolean).join('.');
  }

  /** The name other files import this file by, for the types it exports. */
  private moduleName(): string | undefined {
    if (this.facts.packageName) return this.facts.packageName;
    if (!this.options.pathModules || !this.file) return undefined;
    return pathModuleName(this.file);
  }

  /**
   * What an import of one of the project's own modules names, for linking (`models.User.default`, `atmo.celery.celery`):
   * JS/TS relative and aliased paths; Python modules no catalogue library claims (only an export of the project links).
   */
  private projectImportType(imported: { module: string; member: string[] }): string | undefined {
    const projectPath = /^(\.\.?|[@~#])\//.test(imported.module);
    if (!projectPath) {
      if (!this.options.moduleLevelExports || imported.member.length === 0) return undefined;
      const state = this.moduleState(imported.module, imported.member);
      if (state.type !== 'module' || state.rule) return undefined;
    }
    return [this.absoluteModule(imported.module), ...(imported.member.length > 0 ? imported.member : ['default'])].join('.');
  }

  /**
   * JS/TS: `User.findById(id)`, `db.user.findMany()` or `new User()` with `User` / `db` imported from one of the project's modules. Whether that
   * module exports a client (a mongoose model, a pg pool) is known only to the scan, so the call is kept for linking
   * (crossFile.ts); what it returns (`const user = await User.findById(…)`) is followed the same way (`user.save()`).
   */
  private projectModuleCall(call: CallSite): CallOutcome | undefined {
    if (!this.options.pathModules || call.callee.some((seg) => seg.called)) return undefined;
    const imported = this.imports.get(call.callee[0].name);
    const deferredType = imported ? this.projectImportType(imported) : undefined;
    if (!imported || !deferredType) return undefined;
    const instance: Instance = { rule: DEFERRED_RULE, timeout: 'unknown', deferredType, deferredStub: true };
    // `User.findOne(…)`, `db.user.findMany(…)` (a Prisma client's model delegate): the last name is the method.
    if (call.callee.length >= 2 && !call.isConstruction) {
      const method = call.callee[call.callee.length - 1].name;
      this.deferredCalls.push({ type: deferredType, range: call.range, method, resilience: this.resilience(DEFERRED_RULE, call, instance) });
    } else if (!call.isConstruction) {
      // `readUsers({ query })` imported by name: a request if the module is a generated SDK that exports it.
      if (imported.member.length > 0) this.deferredCalls.push({ type: deferredType, range: call.range, resilience: this.resilience(DEFERRED_RULE, call, instance) });
      return undefined;
    }
    return { type: 'instance', instance };
  }

  /** `billing.voidInvoice(…)` on a field of a project type: kept, in case another file declares that type a client. */
  private deferCall(call: CallSite): void {
    const method = call.callee[call.callee.length - 1]?.name;
    if (call.isConstruction || !method || OBJECT_METHODS.has(method) || call.callee.length < 2) return;
    const state = this.headState(call.callee, call);
    // `billing.post(…)`, or through a member without calls between (`this.db.user.findUnique(…)`: a Prisma delegate).
    const head = state.type === 'instance' ? this.headLength(call.callee, state) : 0;
    if (state.type !== 'instance' || !state.instance.deferredType || head > call.callee.length - 1 || call.callee.slice(head, -1).some((seg) => seg.called)) return;
    this.deferredCalls.push({ type: state.instance.deferredType, range: call.range, method, resilience: this.resilience(DEFERRED_RULE, call, state.instance) });
  }

  /**
   * Go: `pb.NewCartServiceClient(conn)` where `pb` is one of the project's own packages and the connection was made
   * elsewhere (a struct field filled in another file). Whether `pb` holds generated gRPC stubs is known only to the
   * scan (the package's `_grpc.pb.go`), so the construction and the calls on the stub are kept for linking.
   */
  private projectStub(call: CallSite): CallOutcome | undefined {
    if (call.callee.length !== 2 || call.isConstruction) return undefined;
    const [pkg, constructor] = call.callee;
    const imported = this.imports.get(pkg.name);
    if (!imported || imported.member.length > 0 || pkg.called) return undefined;
    const state = this.headState(call.callee, call);
    if (state.type !== 'module' || state.rule) return undefined;
    const rule = this.catalog.libraries.find((r) => r.stubs && r.stubConstructorPrefix && constructor.name.startsWith(r.stubConstructorPrefix) && constructor.name.endsWith('Client'));
    if (!rule) return undefined;
    const instance: Instance = { rule: DEFERRED_RULE, timeout: 'unknown', deferredType: `${imported.module}.${constructor.name}`, deferredStub: true };
    this.deferredCalls.push({ type: instance.deferredType!, range: call.range, role: 'client', resilience: this.resilience(DEFERRED_RULE, call, instance) });
    return { type: 'instance', instance };
  }

  /** The client types this file declares, named for the other files of the scan. */
  exportedTypes(): ExportedType[] {
    if (!this.options.typesAcrossFiles) return [];
    const moduleName = this.moduleName();
    const prefix = moduleName ? `${moduleName}.` : '';
    const exported: ExportedType[] = [...this.clientTypes].map(([name, { rule, target }]) => ({ type: prefix + name, kind: rule.kind, library: rule.library, target }));
    const exportOf = (name: string, { rule, target }: Instance): ExportedType =>
      ({ type: prefix + name, kind: rule.kind, library: rule.library, target, methods: rule.methods?.includes('*') ? undefined : [...(rule.methods ?? []), ...(rule.argMethods ?? [])] });
    for (const [name, instance] of this.typeAliases) exported.push(exportOf(name, instance));
    for (const [name, { rule }] of this.clientSubclasses) exported.push(exportOf(name, { rule, timeout: 'unknown' }));
    // Python: `celery = AtmoCelery("atmo")`, `engine = create_engine(…)` at module level are importable as they are.
    if (this.options.moduleLevelExports) {
      for (const [name, bound] of this.bindings) {
        if (!name.includes('.') && bound.rule !== DEFERRED_RULE && !bound.deferredType && !this.scopedNames.declarations(name).length) exported.push(exportOf(name, bound));
      }
    }
    // JS/TS: a client or model bound at module level and exported (`module.exports = User`, `export const pool = new Pool()`).
    for (const { name, local } of this.facts.exports ?? []) {
      const bound = this.bindings.get(local);
      if (bound && bound.rule !== DEFERRED_RULE && !bound.deferredType) exported.push(exportOf(name, bound));
    }
    return exported;
  }

  /** A name as seen from `range`: a parameter of an enclosing function first, then the file's bindings, then the parameters' guess. */
  private binding(name: string, range: Range): Instance | undefined {
    const param = this.scopedNames.size > 0 ? this.scopedNames.find(name, range) : undefined;
    return param ? param.value : this.bindings.get(name) ?? this.parameterGuess(name);
  }

  /**
   * Outside every function that declares it, a name whose typed parameters hold clients of one library only
   * (`conn *pgx.Conn` in the helpers of a test file) most likely holds one there too (`conn := mustConnect(t)`).
   */
  private parameterGuess(name: string): Instance | undefined {
    return this.scopedNames.size > 0 ? this.scopedNames.guess(name, libraryOf) : undefined;
  }

  /**
   * `class DatabaseService extends PrismaClient` (NestJS), `class AtmoCelery(Celery)`: the subclass is the client.
   * Constructing it makes one, fields and parameters of its type hold one, and other files learn it (exportedTypes).
   */
  private collectClientSubclasses(): void {
    for (const declaration of this.facts.types) {
      for (const base of declaration.extends) {
        const state = this.headState(base.map((name) => ({ name, called: false })));
        if (state.type === 'module' && state.rule?.clients?.includes(state.path.join('.'))) {
          this.clientSubclasses.set(declaration.name, { rule: state.rule, path: state.path });
        }
      }
    }
  }

  /** `@FeignClient interface WarehouseApi`: fields and parameters of that type in this file are clients. */
  private collectClientTypes(): void {
    for (const annotation of this.facts.annotations) {
      if (!annotation.onType) continue;
      const last = annotation.name[annotation.name.length - 1];
      const rule = this.catalog.annotations?.find((r) => r.typeIsClient && r.names.includes(last));
      if (rule) this.clientTypes.set(annotation.onType, { rule, target: annotationTarget(rule, annotation) });
    }
  }

  /**
   * `pb.NewInventoryClient(conn)` made a stub: fields and parameters typed `pb.InventoryClient` are stubs too.
   * They were declared before the constructor was seen, so the calls on them are resolved again.
   */
  private bindStubTypes(calls: CallSite[]): void {
    if (this.stubTypes.size === 0) return;
    const names = new Map<string, Instance>();
    for (const typed of this.facts.typedNames) {
      const stub = this.stubTypes.get(typed.type.join('.'));
      if (stub) names.set(typed.name, stub);
    }
    if (names.size === 0) return;
    const pending = calls.filter((call) => {
      if (call.isAlias || this.outcomes.get(call.id)?.type !== 'none' || call.callee.length < 2) return false;
      const [first, second] = call.callee;
      if (!names.has(first.name) && !names.has(`*.${second.name}`) && !names.has(`${first.name}.${second.name}`)) return false;
      return this.headState(call.callee, call).type === 'none';
    });
    for (const [name, stub] of names) {
      const declarations = this.scopedNames.declarations(name);
      for (const entry of declarations) if (!entry.value && this.stubTypes.get(entry.type.join('.')) === stub) this.scopedNames.setValue(entry, stub);
      if (!this.bindings.has(name) && (name.startsWith('*.') || declarations.length === 0)) this.bindings.set(name, stub);
    }
    for (const call of pending) this.resolveCall(call);
  }

  private rememberStubType(call: CallSite, rule: LibraryRule, instance: Instance): void {
    const prefix = rule.stubConstructorPrefix;
    if (!prefix || call.callee.length !== 2) return;
    const [pkg, constructor] = call.callee;
    if (!constructor.name.startsWith(prefix) || constructor.name.length === prefix.length || !this.imports.has(pkg.name)) return;
    this.stubTypes.set(`${pkg.name}.${constructor.name.slice(prefix.length)}`, instance);
  }

  /**
   * A client reached through a typed field (`s.db.QueryContext`) has no target of its own; when the
   * file constructs exactly one client of that library (`sql.Open(…, os.Getenv("DATABASE_URL"))`),
   * that is the one the field holds in practice.
   */
  private targetsFromTheOnlyClient(): void {
    const clients = new Map<string, RawFinding[]>();
    for (const finding of this.findings) if (finding.role === 'client') clients.set(finding.library, [...(clients.get(finding.library) ?? []), finding]);
    for (const finding of this.findings) {
      if (finding.role !== 'call' || finding.target) continue;
      const candidates = clients.get(finding.library);
      if (candidates?.length === 1 && candidates[0].target) finding.target = candidates[0].target;
    }
  }

  private annotations(): void {
    for (const annotation of this.facts.annotations) {
      const last = annotation.name[annotation.name.length - 1];
      // Members of a client type (`@GetMapping` in a `@FeignClient` interface) describe requests it sends, not routes.
      const owner = annotation.enclosingType ? this.clientTypes.get(annotation.enclosingType) : undefined;
      if (owner) { this.clientDeclaration(annotation, last, owner); continue; }
      if (this.catalog.routeAnnotations?.includes(last)) {
        const path = annotationPath(annotation);
        const pattern = path?.literal ? routePattern(path.display) : undefined;
        if (pattern) this.routes.annotated(annotation, pattern, last);
        continue;
      }
      const rule = this.catalog.annotations?.find((r) => r.names.includes(last) && !r.within);
      if (!rule) continue;
      if (rule.modules) {
        const head = annotation.name[0];
        const imported = this.imports.get(head);
        const bound = this.bindings.get(head);
        const fromModule = imported && rule.modules.some((m) => imported.module === m || imported.module.startsWith(`${m}.`));
        const fromInstance = bound?.rule.library === rule.library;
        if (!fromModule && !fromInstance) {
          // `@celery.task` with `celery` the app another module of the project made: linked across files.
          const projectType = imported && annotation.name.length === 2 ? this.projectImportType(imported) : undefined;
          if (projectType) {
            this.deferredCalls.push({ type: projectType, range: annotation.range, role: 'handler', library: rule.library, resilience: { timeout: 'unknown', retry: 'unknown', circuitBreaker: 'unknown' } });
          }
          continue;
        }
      }
      this.findings.push({
        range: annotation.range, kind: rule.kind, library: rule.library, role: rule.role,
        direction: rule.role === 'handler' ? 'inbound' : rule.role === 'declaration' ? 'declaration' : 'outbound', target: annotationTarget(rule, annotation), snippet: annotation.snippet,
      });
    }
  }

  /** `@GetMapping("/invoices/{id}")` in a `@FeignClient(url = "${billing.url}")` interface: one request the client declares. */
  private clientDeclaration(annotation: Annotation, last: string, owner: { rule: AnnotationRule; target?: Value }): void {
    const rule = this.catalog.annotations?.find((r) => r.role === 'declaration' && r.names.includes(last) && r.within?.some((name) => owner.rule.names.includes(name)));
    if (!rule) return;
    const path = annotationPath(annotation);
    const target = owner.target && path?.literal ? concat([owner.target, path]) : path ?? owner.target;
    this.findings.push({ range: annotation.range, kind: rule.kind, library: rule.library, role: 'declaration', direction: 'declaration', target, snippet: annotation.snippet });
  }

  private supertypes(): void {
    for (const declaration of this.facts.types) {
      for (const rule of this.catalog.supertypes ?? []) {
        if (declaration.extends.some((path) => rule.supertypes.includes(path[path.length - 1]))) {
          this.findings.push({
            range: declaration.range, kind: rule.kind, library: rule.library, role: 'client', direction: 'outbound',
            target: { display: declaration.name, literal: true, envVars: [] }, snippet: declaration.name,
          });
        }
      }
    }
  }

  /** What a plain member path refers to, when it leads from a client: `client["shop"].orders`. */
  private aliasTarget(segments: Segment[], at: CallSite): Instance | undefined {
    const state = this.headState(segments, at);
    if (state.type !== 'instance') return undefined;
    return state.instance;
  }

  /** `order.save()` in a module that imports Django (see `anyReceiverMethods`); not on a library's own objects. */
  private anyReceiverCall(call: CallSite): CallOutcome | undefined {
    // Only on an object itself (`job.save()`, `super().save()`): `job.schedule.delete()` is some attribute's method.
    if (this.anyReceiverRules.size === 0 || call.callee.length !== 2 || call.isConstruction) return undefined;
    const rule = this.anyReceiverRules.get(call.callee[call.callee.length - 1]!.name);
    if (!rule) return undefined;
    // `form.save(commit=False)` builds the instance without writing it.
    if (rule.anyReceiverUnless && call.options.get(rule.anyReceiverUnless.option)?.display === rule.anyReceiverUnless.value) return undefined;
    const head = call.callee[0]!;
    if (!head.called && this.importsLibrary(head.name)) return undefined;
    return this.report(rule, call, 'call', undefined);
  }

  /** Whether `name` is imported from a module a catalogue library claims. */
  private importsLibrary(name: string): boolean {
    const state = this.importState(name);
    return state?.type === 'module' && Boolean(state.rule);
  }

  /** What an imported name refers to; asked for nearly every call and typed name, so worked out once per name (states are never mutated). */
  private importState(name: string): State | undefined {
    const imported = this.imports.get(name);
    if (!imported) return undefined;
    let state = this.importStates.get(name);
    if (!state) {
      state = this.moduleState(imported.module, imported.member);
      if (state.type === 'module' && !state.rule) state = this.generatedClient(imported.module, imported.member) ?? state;
      this.importStates.set(name, state);
    }
    return state;
  }

  /** `from locust import FastHttpUser`: `self.client` and a task's `l.client` are that library's client (see `memberClient`). */
  private memberClients(): void {
    for (const [local] of this.imports) {
      const state = this.headState([{ name: local, called: false }]);
      const rule = state.type === 'module' ? state.rule : undefined;
      for (const method of rule?.anyReceiverMethods ?? []) this.anyReceiverRules.set(method, rule!);
      if (rule?.memberClient && state.type === 'module' && (rule.memberClient.imports.includes('*') || rule.memberClient.imports.includes(state.path.join('.')))) {
        this.memberClientsByName.set(rule.memberClient.attribute, { rule, timeout: 'unknown' });
      }
    }
  }

  /** Functions decorated by a library's annotation rule become clients whose `callsOnDecorated` enqueue work. */
  private decoratedTasks(): void {
    for (const annotation of this.facts.annotations) {
      const rule = this.catalog.libraries.find((r) => r.callsOnDecorated && this.catalog.annotations?.some((a) => a.library === r.library && a.names.includes(annotation.name[annotation.name.length - 1])));
      if (rule && annotation.target) this.bindings.set(annotation.target.name, { rule: { ...rule, methods: rule.callsOnDecorated, derive: [], clients: [] }, timeout: 'unknown' });
    }
  }

  /** A generated gRPC stub constructed with an address: a client whose every method is a call. */
  private stubClient(rule: LibraryRule, call: CallSite): CallOutcome {
    const reported = this.report(rule, call, 'client', this.targetOf(rule, call, undefined));
    const instance: Instance = { rule: stubRule(rule), target: reported.type === 'call' ? reported.finding.target : undefined, timeout: 'unknown' };
    if (reported.type === 'call') instance.origin = reported.finding;
    return { type: 'instance', instance };
  }

  /** `new InventoryClient(addr, grpc.credentials.createInsecure())`: a static stub, known by its credentials argument. */
  private credentialClient(call: CallSite): CallOutcome | undefined {
    if (!call.isConstruction) return undefined;
    for (const [local, binding] of this.imports) {
      const state = this.moduleState(binding.module, binding.member);
      const rule = state.type === 'module' ? state.rule : undefined;
      if (!rule?.credentialCalls) continue;
      if (rule.credentialCalls.some((path) => call.snippet.includes(`${local}.${path}(`))) return this.stubClient(rule, call);
    }
    return undefined;
  }

  /** `users.filter(…).load(&mut conn)`: the library's client is an argument of the call. */
  private argumentClient(call: CallSite): CallOutcome | undefined {
    const method = call.callee[call.callee.length - 1]?.name;
    if (!method) return undefined;
    // `sqlx::query(…).bind(id).execute(&pool)`: the chain's query was the call already; its executor adds none.
    if (call.callee.some((seg) => seg.called && seg.callId !== undefined && this.outcomes.get(seg.callId)?.type === 'call')) return undefined;
    // Look at the arguments (which computes them) only when some bound client could use them.
    let relevant = false;
    for (const bound of this.bindings.values()) if (bound.rule.stubs || bound.rule.argMethods?.includes(method)) { relevant = true; break; }
    if (!relevant && this.scopedArgumentClients) relevant = this.scopedNames.some((bound) => Boolean(bound.rule.stubs || bound.rule.argMethods?.includes(method)));
    if (!relevant) return undefined;
    for (const name of call.argNames) {
      const bound = name ? this.binding(name, call.range) : undefined;
      if (bound?.rule.argMethods?.includes(method)) return this.report(bound.rule, call, 'call', bound.target, bound);
      if (bound?.rule.stubs) {
        const stub: LibraryRule = { ...bound.rule, methods: ['*'], ignoreMethods: ['close', 'Close'], derive: [], handlerMethods: [], stubs: false };
        const instance: Instance = { ...bound, rule: stub };
        // The stub names the service the channel reaches (`EmailServiceStub(channel)`): a client of its own.
        const reported = this.report(bound.rule, call, 'client', bound.target);
        if (reported.type === 'call') instance.origin = reported.finding;
        this.rememberStubType(call, bound.rule, instance);
        return { type: 'instance', instance };
      }
    }
    return undefined;
  }

  private resolveCall(call: CallSite): void {
    if (call.isAlias) {
      const instance = this.aliasTarget(call.callee, call);
      if (instance && call.assignedTo) this.bindings.set(call.assignedTo, instance);
      return;
    }
    let outcome = this.outcome(call);
    if (outcome.type === 'none') outcome = this.argumentClient(call) ?? this.credentialClient(call) ?? this.projectStub(call) ?? this.projectModuleCall(call) ?? this.anyReceiverCall(call) ?? outcome;
    this.outcomes.set(call.id, outcome);
    if (outcome.type === 'none' && this.deferring) this.deferCall(call);
    if (call.assignedTo) {
      if (outcome.type === 'instance') this.bindings.set(call.assignedTo, outcome.instance);
      else if (outcome.type === 'none') {
        const urlish = call.args.find((arg) => arg && (arg.envVars.length > 0 || /:\/\//.test(arg.display)));
        if (urlish) this.valueBindings.set(call.assignedTo, urlish);
        this.routes.receiverMadeBy(call, call.assignedTo);
      }
    }
  }

  private outcome(call: CallSite): CallOutcome {
    const segments = call.callee;
    let state = this.headState(segments, call);
    let consumed = state.type === 'none' ? 0 : this.headLength(segments, state);
    if (state.type === 'none') {
      // A chain that starts with a call we already resolved: `axios.create().get()`.
      const first = segments[0];
      if (first?.called && first.callId !== undefined) {
        const inner = this.outcomes.get(first.callId);
        if (inner?.type === 'instance') { state = { type: 'instance', instance: inner.instance, methodPath: [] }; consumed = 1; }
      }
      if (state.type === 'none') return { type: 'none' };
    }
    if (consumed >= segments.length) {
      // The head is itself the callee: `fetch(url)`, `axios(config)`, `new Pool()` imported by name, `knex('users')`.
      if (state.type === 'instance') {
        // `SessionLocal()`: a session factory called makes a session.
        if (state.instance.factory) return { type: 'instance', instance: { ...state.instance, factory: false } };
        return state.instance.rule.callable ? this.report(state.instance.rule, call, 'call', state.instance.target, state.instance) : { type: 'none' };
      }
      return this.finalStep(state, call);
    }
    for (let i = consumed; i < segments.length; i++) {
      const seg = segments[i];
      const isLast = i === segments.length - 1;
      if (seg.called && !isLast && seg.callId !== undefined) {
        const inner = this.outcomes.get(seg.callId);
        if (!inner || inner.type === 'none') {
          state = this.step(state, seg.name);
          // The call seen up to this segment. Not a spread copy: a LazyCallSite's details are getters on its prototype.
          const synthetic = this.finalStep(state, Object.create(call, { callee: { value: segments.slice(0, i + 1) } }) as CallSite);
          if (synthetic.type !== 'instance') return { type: 'none' };
          state = { type: 'instance', instance: synthetic.instance, methodPath: [] };
          continue;
        }
        if (inner.type === 'call') {
          this.applyChainedOptions(inner.finding, inner.rule, segments.slice(i + 1));
          return { type: 'none' };
        }
        state = { type: 'instance', instance: inner.instance, methodPath: [] };
        continue;
      }
      if (isLast) return this.finalStep(this.step(state, seg.name), call);
      state = this.step(state, seg.name);
      if (state.type === 'none') return { type: 'none' };
    }
    return { type: 'none' };
  }

  /** How many leading segments the head state consumed. */
  private headLength(segments: Segment[], state: State): number {
    if (state.type === 'instance' && segments.length > 1 && (this.bindings.has(`${segments[0].name}.${segments[1].name}`) || this.isReceiverField(segments) || this.memberClient(segments))) return 2;
    if (state.type === 'global') return segments[0].name === 'globalThis' || segments[0].name === 'window' || segments[0].name === 'self' ? 2 : 1;
    return 1;
  }

  private memberClient(segments: Segment[]): Instance | undefined {
    if (this.memberClientsByName.size === 0 || segments.length < 3 || segments[0].called || segments[1].called) return undefined;
    const member = this.memberClientsByName.get(segments[1].name);
    if (!member) return undefined;
    // `Spark.objects` with `Spark` from the project's models, not an attribute of a library module.
    return this.importsLibrary(segments[0].name) ? undefined : member;
  }

  private isReceiverField(segments: Segment[]): boolean {
    return Boolean(this.options.receiverFields && segments.length > 1 && !this.bindings.has(segments[0].name) && !this.imports.has(segments[0].name) && this.bindings.has(`*.${segments[1].name}`));
  }

  /** A local declaration of the same name in a scope enclosing the call hides the global (`const fetch = …`). */
  private shadowed(name: string, call: CallSite | undefined): boolean {
    const scopes = this.facts.declaredNames.get(name);
    if (!scopes) return false;
    if (!call) return true;
    return scopes.some((scope) => contains(scope, call.range));
  }

  private headState(segments: Segment[], call?: CallSite): State {
    const first = segments[0];
    if (!first) return { type: 'none' };
    const second = segments[1];
    if (second) {
      const dotted = this.bindings.get(`${first.name}.${second.name}`);
      if (dotted && !second.called) return { type: 'instance', instance: dotted, methodPath: [] };
      if (this.isReceiverField(segments)) return { type: 'instance', instance: this.bindings.get(`*.${second.name}`)!, methodPath: [] };
      const member = this.memberClient(segments);
      if (member) return { type: 'instance', instance: member, methodPath: [] };
    }
    if (first.called) return { type: 'none' };
    // A parameter of an enclosing function hides what the name means elsewhere in the file.
    const param = call && this.scopedNames.size > 0 ? this.scopedNames.find(first.name, call.range) : undefined;
    if (param) return param.value ? { type: 'instance', instance: param.value, methodPath: [] } : { type: 'none' };
    const bound = this.bindings.get(first.name) ?? (call ? this.parameterGuess(first.name) : undefined);
    if (bound) return { type: 'instance', instance: bound, methodPath: [] };
    const imported = this.importState(first.name);
    if (imported) return imported;
    const subclass = this.clientSubclasses.get(first.name);
    if (subclass) return { type: 'module', module: '', rule: subclass.rule, path: subclass.path };
    if (this.options.cratePaths) {
      const rule = catalogIndex(this.catalog).crateRoots.get(first.name);
      if (rule) return this.moduleState(first.name, []);
    }
    if (/^[A-Z]/.test(first.name)) {
      for (const module of this.wildcardModules) {
        const state = this.moduleState(module, [first.name]);
        if (state.type === 'module' && state.rule) return state;
      }
    }
    if ((first.name === 'globalThis' || first.name === 'window' || first.name === 'self') && second && segments.length === 2) {
      const viaGlobal = catalogIndex(this.catalog).globals.get(second.name);
      if (viaGlobal) return { type: 'global', rule: viaGlobal };
    }
    const globalObject = second && !second.called ? catalogIndex(this.catalog).globalObjects.get(first.name) : undefined;
    if (globalObject && !this.shadowed(first.name, call)) return { type: 'instance', instance: { rule: globalObject, timeout: 'unknown' }, methodPath: [] };
    const global = catalogIndex(this.catalog).globals.get(first.name);
    if (global && !this.shadowed(first.name, call)) return { type: 'global', rule: global };
    return { type: 'none' };
  }

  /** `use pb::inventory_service_client::InventoryServiceClient;` in a file that uses tonic: a generated client type. */
  private generatedClient(module: string, member: string[]): State | undefined {
    const name = member[member.length - 1] ?? module.split('::').pop() ?? '';
    const lastModule = member.length > 0 ? module.split('::').pop() ?? '' : module.split('::').slice(-2, -1)[0] ?? '';
    if (!/Client$/.test(name)) return undefined;
    for (const rule of this.catalog.libraries) {
      const generated = rule.generatedClients;
      if (!generated || !lastModule.endsWith(generated.moduleSuffix)) continue;
      const usesLibrary = [...this.imports.values()].some((binding) => rule.modules.some((m) => binding.module === m || binding.module.startsWith(`${m}::`)));
      if (usesLibrary) return { type: 'instance', instance: { rule, timeout: 'unknown', stubPackage: true }, methodPath: [] };
    }
    return undefined;
  }

  private moduleState(module: string, member: string[]): State {
    const direct = this.moduleStateOf(module, member);
    // Python `from google.cloud import secretmanager_v1`: the library is the module joined with the imported name.
    if (direct.type === 'module' && !direct.rule && member.length > 0 && /^[\w]+(\.[\w]+)+$/.test(module)) {
      const joined = this.moduleStateOf(`${module}.${member[0]}`, member.slice(1));
      if (joined.type === 'module' && joined.rule) return joined;
    }
    return direct;
  }

  private moduleStateOf(module: string, member: string[]): State {
    const normalised = normaliseModule(module);
    if (normalised.startsWith('.')) {
      // A project's own module (`../integrations/resilience.js`) matches a catalogue entry by its path's end.
      const bare = normalised.replace(/^(\.\.?\/)+/, '').replace(/\.[cm]?[jt]sx?$/, '');
      // Only project-module entries (the generated resilience module): a local `./redis` is not the redis library.
      const rule = this.catalog.libraries.find((r) => r.resilient && r.modules.some((m) => bare === m || bare.endsWith(`/${m}`)));
      return rule ? { type: 'module', module, rule, path: member } : { type: 'module', module, path: member };
    }
    let best: { rule: LibraryRule; rest: string[]; length: number } | undefined;
    for (const rule of this.catalog.libraries) {
      for (const candidate of rule.modules) {
        const c = normaliseModule(candidate);
        if (normalised === c) {
          if (betterMatch(best, rule, c.length, member)) best = { rule, rest: [], length: c.length };
        } else if (normalised.startsWith(`${c}/`) || normalised.startsWith(`${c}.`) || normalised.startsWith(`${c}::`)) {
          if (betterMatch(best, rule, c.length, member)) best = { rule, rest: normalised.slice(c.length + (normalised[c.length] === ':' ? 2 : 1)).split(/::|[./]/), length: c.length };
        }
      }
    }
    if (!best) return { type: 'module', module, path: member };
    // Go modules: the rest of the path is a subpackage (`pgx/v5/pgxpool`), not a member.
    const rest = best.rest.filter((part) => part && !/^v\d+$/.test(part));
    return { type: 'module', module, rule: best.rule, path: [...(rest.length > 0 && module.includes('/') && !module.startsWith('@') ? [] : rest), ...member] };
  }

  private step(state: State, name: string): State {
    switch (state.type) {
      case 'module': return { ...state, path: [...state.path, name] };
      case 'instance': return { ...state, methodPath: [...state.methodPath, name] };
      default: return { type: 'none' };
    }
  }

  /** The call itself: what `state` (already stepped onto the called name) makes of it. */
  private finalStep(state: State, call: CallSite): CallOutcome {
    if (state.type === 'global') {
      return this.report(state.rule, call, 'call', undefined);
    }
    if (state.type === 'module' && state.rule) {
      const rule = state.rule;
      const path = state.path.join('.');
      if (rule.clients?.includes(path)) {
        const serviceRule = withService(rule, call);
        if (serviceRule !== rule) return this.finalStep({ ...state, rule: serviceRule }, call);
        const instance = this.instanceFrom(rule, call);
        const reported = this.report(rule, call, 'client', instance.target, undefined, rule.libraryFromModule ? state.module : undefined);
        if (reported.type === 'call') instance.origin = reported.finding;
        return { type: 'instance', instance };
      }
      if (rule.models?.includes(path)) return { type: 'instance', instance: { rule, timeout: 'unknown' } };
      if (rule.sessions?.includes(path)) {
        // `Session(engine)`: a unit of work on the engine made earlier, whose target it shares.
        const engine = call.argNames.map((name) => (name ? this.binding(name, call.range) : undefined)).find((bound) => bound?.rule === rule);
        const instance: Instance = { rule, target: engine?.target, timeout: 'unknown' };
        const reported = this.report(rule, call, 'client', engine?.target);
        if (reported.type === 'call') instance.origin = reported.finding;
        return { type: 'instance', instance };
      }
      if (rule.factories?.includes(path)) {
        // `sessionmaker(engine)`: bound to the engine made earlier, whose target its sessions share.
        const engine = call.argNames.map((name) => (name ? this.binding(name, call.range) : undefined)).find((bound) => bound?.rule === rule);
        return { type: 'instance', instance: { rule, target: engine?.target, timeout: 'unknown', factory: true } };
      }
      if (rule.stubPackages?.includes(path)) return { type: 'instance', instance: { rule, timeout: 'unknown', stubPackage: true } };
      if (rule.calls && pathListed(rule.calls, state.path)) return this.report(rule, call, 'call', undefined);
      if (rule.handlers?.includes(path)) { this.report(rule, call, 'handler', undefined); return { type: 'none' }; }
      // One module, several libraries (`googleapis`: `drive()` an HTTP API, `auth.OAuth2` an auth client).
      const sibling = this.catalog.libraries.find((r) => r !== rule && r.modules.includes(state.module) && r.clients?.includes(path));
      if (sibling) return this.finalStep({ ...state, rule: sibling }, call);
      return { type: 'none' };
    }
    if (state.type === 'instance') {
      const { instance } = state;
      // A type declared in another file: nothing is known of its methods here (see deferCall).
      if (instance.deferredType) {
        // Only the stub's (or document's) own methods: `user.tokens.find(…)` is an array's.
        if (instance.deferredStub && !call.isConstruction && state.methodPath.length === 1) {
          const method = state.methodPath[state.methodPath.length - 1];
          this.deferredCalls.push({ type: instance.deferredType, range: methodRange(call, method), method, resilience: this.resilience(DEFERRED_RULE, call, instance) });
        }
        return { type: 'none' };
      }
      const rule = instance.rule;
      const methodPath = state.methodPath.join('.');
      const method = state.methodPath[state.methodPath.length - 1];
      if (instance.stubPackage) {
        if (call.isConstruction || rule.generatedClients?.connect.includes(method)) return this.stubClient(rule, call);
        if (rule.generatedClients?.wrap.includes(method)) {
          // Around a channel made elsewhere in the file: that channel was the client; this inherits its target.
          const channel = call.argNames[0] ? this.bindings.get(call.argNames[0]) : undefined;
          return { type: 'instance', instance: { rule: stubRule(rule), target: channel?.target, timeout: channel?.timeout ?? 'unknown' } };
        }
        return { type: 'instance', instance };
      }
      if (rule.ignoreMethods?.includes(methodPath)) return { type: 'none' };
      if (instance.pipeline) {
        // Commands queued on a pipeline are one round trip, made by its execute call.
        return rule.pipeline?.execute.includes(method) ? this.report(rule, call, 'call', instance.target, instance) : { type: 'instance', instance };
      }
      if (rule.pipeline?.create.includes(method)) return { type: 'instance', instance: { ...instance, pipeline: true } };
      if (instance.fromBuilderType && method === 'build') {
        const built: Instance = { ...this.withUrlFrom(instance, call), fromBuilderType: false };
        this.report(rule, call, 'client', built.target);
        return { type: 'instance', instance: built };
      }
      if (rule.timeoutKeys?.includes(method)) return { type: 'instance', instance: { ...instance, timeout: true } };
      if (rule.derive?.includes(method)) {
        // `supabase.storage.from("avatars")`: what is derived through such a member keeps that member's kind.
        const memberKind = state.methodPath.length > 1 ? rule.memberKinds?.[state.methodPath[0]!] : undefined;
        const derived = this.withUrlFrom(instance, call);
        return { type: 'instance', instance: memberKind ? { ...derived, rule: { ...rule, kind: memberKind, memberKinds: undefined } } : derived };
      }
      if (rule.handlerMethods?.includes(method)) { this.report(rule, call, 'handler', instance.target, instance); return { type: 'none' }; }
      if (rule.methods?.includes(method) || (rule.methods?.includes('*') && !['then', 'catch', 'finally', 'on', 'once', 'close', 'end', 'quit', 'disconnect', 'release'].includes(method))) {
        // `supabase.auth.getUser()`: a member of the client that talks to another kind of service.
        const memberKind = state.methodPath.length > 1 ? rule.memberKinds?.[state.methodPath[0]!] : undefined;
        return this.report(memberKind ? { ...rule, kind: memberKind } : rule, call, 'call', instance.target, instance);
      }
      // Any other method keeps the client: builders and fluent configuration are everywhere
      // (`Client::builder().timeout(d).build()`, `redis.multi().incr(k)`, `client.R().SetHeader(…)`).
      return { type: 'instance', instance: this.withUrlFrom(instance, call) };
    }
    return { type: 'none' };
  }

  /** Builders learn their target late: `PgPoolOptions::new().connect(&env::var("DATABASE_URL")?)`. */
  private withUrlFrom(instance: Instance, call: CallSite): Instance {
    if (instance.target) return { ...instance };
    const urlish = call.args.find((arg) => arg && (arg.envVars.length > 0 || /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.display)));
    return urlish ? { ...instance, target: urlish } : { ...instance };
  }

  private instanceFrom(rule: LibraryRule, call: CallSite): Instance {
    const timeoutSet = rule.timeoutKeys?.some((key) => call.options.has(key)) ?? false;
    return {
      rule,
      target: this.targetOf(rule, call, undefined),
      timeout: timeoutSet ? true : call.optionsOpaque ? 'unknown' : false,
    };
  }

  private targetOf(rule: LibraryRule, call: CallSite, base: Value | undefined, onlyUrlArgs = false): Value | undefined {
    for (const key of rule.targetKeys ?? []) {
      const value = call.options.get(key);
      if (value) return value;
    }
    if (onlyUrlArgs) {
      const urlish = call.args.find((arg) => arg && (arg.envVars.length > 0 || /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.display)));
      return urlish ?? base ?? (rule.fixedTarget ? { display: rule.fixedTarget, literal: true, envVars: [] } : undefined);
    }
    const index = rule.targetArg ?? 0;
    if (index >= 0) {
      const arg = call.args[index] ?? (call.argNames[index] ? this.valueBindings.get(call.argNames[index]!) : undefined);
      if (arg) {
        if (base && /^\//.test(arg.display)) return { display: base.display.replace(/\/$/, '') + arg.display, literal: base.literal && arg.literal, envVars: [...base.envVars, ...arg.envVars] };
        if (base && !arg.literal && arg.envVars.length === 0) return base;
        return arg;
      }
      // Go `client.Do(req)` / Java `client.send(request)`: a request built earlier.
      for (const name of call.argNames) {
        const bound = name ? this.valueBindings.get(name) : undefined;
        if (bound) return bound;
      }
    }
    if (base) return base;
    if (rule.fixedTarget) return { display: rule.fixedTarget, literal: true, envVars: [] };
    return undefined;
  }

  private report(rule: LibraryRule, call: CallSite, role: 'client' | 'call' | 'handler', base: Value | undefined, instance?: Instance,
    // A call through a client named after its module (`@langchain/groq`) is reported under the client's name.
    library = rule.libraryFromModule && instance?.origin ? instance.origin.library : rule.library): CallOutcome {
    // For HTTP the call's own argument is the URL; for a query, a key or a message it is not a target.
    const target = role === 'client' ? base : HTTP_KINDS.has(rule.kind) || !instance ? this.targetOf(rule, call, base, !HTTP_KINDS.has(rule.kind)) : base ?? (rule.fixedTarget ? { display: rule.fixedTarget, literal: true, envVars: [] } : undefined);
    let kind = rule.kind;
    if (kind === 'http' && target && /graphql/i.test(target.display)) kind = 'graphql';
    const finding: RawFinding = {
      range: call.range,
      kind,
      library,
      role,
      direction: role === 'handler' ? 'inbound' : 'outbound',
      target,
      snippet: call.snippet,
    };
    if (role === 'call') finding.resilience = this.resilience(rule, call, instance);
    // `&http.Client{Timeout: …}` names no host; the first call made through it does.
    if (role !== 'client' && target && instance?.origin && !instance.origin.target) instance.origin.target = target;
    this.findings.push(finding);
    return { type: 'call', finding, rule };
  }

  private resilience(rule: LibraryRule, call: CallSite, instance: Instance | undefined): ResilienceFacts {
    if (rule.resilient) return { timeout: true, retry: true, circuitBreaker: true };
    const timeoutInCall = rule.timeoutKeys?.some((key) => call.options.has(key)) ?? false;
    const timeout: Tristate = timeoutInCall ? true : instance?.timeout === true ? true : call.optionsOpaque || instance?.timeout === 'unknown' ? 'unknown' : false;
    const wrapped = call.wrappers.join(' ');
    const retry: Tristate = RETRY_WRAPPER.test(wrapped) || rule.retriesByDefault ? true : this.retryLibraryImported ? 'unknown' : false;
    const circuitBreaker: Tristate = BREAKER_WRAPPER.test(wrapped) ? true : this.retryLibraryImported ? 'unknown' : false;
    return { timeout, retry, circuitBreaker };
  }

  /** `client.get(url).timeout(d).send()`: options set further along the chain of a reported call. */
  private applyChainedOptions(finding: RawFinding, rule: LibraryRule, rest: Segment[]): void {
    if (finding.resilience && rest.some((seg) => rule.timeoutKeys?.includes(seg.name))) finding.resilience.timeout = true;
  }
}

/**
 * A longer module match wins; two rules of one module (`org.springframework.web.client`: RestTemplate and
 * RestClient) are told apart by the name imported from it.
 */
function betterMatch(best: { rule: LibraryRule; length: number } | undefined, rule: LibraryRule, length: number, member: string[]): boolean {
  if (!best || length > best.length) return true;
  return length === best.length && best.rule !== rule && member.length > 0 && !knowsName(best.rule, member[0]) && knowsName(rule, member[0]);
}

/** Whether a rule names `name` as something it makes or types (a class imported from a module several rules share). */
function knowsName(rule: LibraryRule, name: string): boolean {
  const names = (paths: string[] | undefined) => paths?.some((path) => path === name || path.startsWith(`${name}.`)) ?? false;
  return names(rule.clients) || names(rule.types) || names(rule.builderTypes) || names(rule.calls) || names(rule.factories);
}

/** A client type declared by an annotation (a Feign interface): every method but Object's is a request. */
function annotatedClientRule(rule: AnnotationRule): LibraryRule {
  return { library: rule.library, kind: rule.kind, modules: [], methods: ['*'], ignoreMethods: ['toString', 'hashCode', 'equals', 'getClass'], targetArg: -1 };
}

function annotationTarget(rule: AnnotationRule, annotation: Annotation): Value | undefined {
  for (const key of rule.targetKeys ?? []) {
    const target = annotation.options.get(key);
    if (target) return target;
  }
  return annotation.args[0];
}

/** `@PostMapping("/x")`, `@PostMapping(path = "/x")`, `@RequestMapping(value = "/x")`, `@app.post("/x")`. */
function annotationPath(annotation: Annotation): Value | undefined {
  return annotation.args[0] ?? annotation.options.get('value') ?? annotation.options.get('path');
}

function normaliseModule(module: string): string {
  return module.replace(/^node:/, 'node:').replace(/\/v\d+(?=\/|$)/g, '');
}

function contains(outer: Range, inner: Range): boolean {
  const startsBefore = outer.startLine < inner.startLine || (outer.startLine === inner.startLine && outer.startColumn <= inner.startColumn);
  const endsAfter = outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn);
  return startsBefore && endsAfter;
}

function compareRange(a: Range, b: Range): number {
  return a.startLine - b.startLine || a.startColumn - b.startColumn || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

/**
 * A chained call reported where its method is named: `pb.NewCartClient(conn).\n    GetCart(ctx, req)` is the
 * RPC on the second line, the stub's construction the first (one finding per line, as a reader looks for them).
 */
function methodRange(call: CallSite, method: string | undefined): Range {
  if (!method) return call.range;
  // The last `.method` of the chain, the dot possibly on the line before (`…Client(conn).\n    GetCart(…)`), a comment between.
  let at = -1;
  for (const match of call.snippet.matchAll(/\.(?:\s|\/\/[^\n]*|#[^\n]*)*([\w$]+)/g)) if (match[1] === method) at = match.index + match[0].length - method.length;
  if (at < 0) return call.range;
  const before = call.snippet.slice(0, at);
  const lines = before.split('\n').length - 1;
  if (lines === 0) return call.range;
  return { ...call.range, startLine: call.range.startLine + lines, startColumn: before.length - before.lastIndexOf('\n') - 1 };
}

/** `../models/User` imported from `controllers/user.js` → `models.User`; `@/lib/db` (a tsconfig path alias) → `lib.db`. */
function jsModulePath(file: string, module: string): string {
  const folder = /^[@~#]\//.test(module) ? '' : file.split('/').slice(0, -1).join('/');
  return joinRelative(folder, module.replace(/^[@~#]\//, '')).replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '').split('/').join('.');
}

/** `src/client` + `./sdk.gen` → `src/client/sdk.gen`; `..` climbs a folder. */
export function joinRelative(folder: string, relative: string): string {
  const parts = folder.split('/').filter(Boolean);
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The module a file is by its path: `backend/app/api/deps.py` → `backend.app.api.deps`, `src/client/index.ts` → `src.client`. */
export function pathModuleName(file: string): string {
  return file.replace(/\.[a-z]+$/i, '').replace(/\/(__init__|index)$/, '').split('/').join('.');
}

/** `boto3.client("sqs")`: the rule with the service's kind and host (see `serviceKinds`); other rules as they are. */
function withService(rule: LibraryRule, call: CallSite): LibraryRule {
  const service = rule.serviceKinds ? call.args[0] : undefined;
  if (!rule.serviceKinds || !service?.literal || !/^[a-z0-9-]+$/.test(service.display)) return rule;
  const host = `${service.display}.${rule.serviceKinds.serviceHost}`;
  return { ...rule, kind: rule.serviceKinds.kinds[service.display] ?? rule.kind, serviceKinds: undefined, fixedTarget: host, targetArg: -1 };
}

/** Whether a module path is listed, where `*` stands for one segment (`*.create`: `Customer.create`, `checkout.Session` no). */
function pathListed(list: string[], path: string[]): boolean {
  const joined = path.join('.');
  return list.some((entry) => {
    if (!entry.includes('*')) return entry === joined;
    const parts = entry.split('.');
    return parts.length === path.length && parts.every((part, i) => part === '*' || part === path[i]);
  });
}
