import type { IntegrationKind } from '../types';

/**
 * One library in the catalogue. Catalogue files are data: adding a library is adding one
 * of these objects to the file of its language, never new code.
 *
 * Paths are member paths inside the module, joined with dots; '' is the module object (or
 * default export) itself. `import axios from 'axios'; axios.get()` → module 'axios', path 'get'.
 */
export interface LibraryRule {
  /** The name reported in findings (npm / PyPI / module name, lower case). */
  library: string;
  kind: IntegrationKind;
  /** Import sources that bring the library in (exact, or a prefix ending in '/' or '.'). */
  modules: string[];
  /** Functions called without an import (JS `fetch`); shadowed by a local declaration of the same name. */
  globals?: string[];
  /**
   * In a file that imports the library, these methods are calls on whatever receives them: Django's model
   * instances (`order.save()`, `super().save()`, `job.delete()`) have no type the file names.
   */
  anyReceiverMethods?: string[];
  /** An option that makes such a call local (`save(commit=False)`). */
  anyReceiverUnless?: { option: string; value: string };
  /** Members of a client whose calls are of another kind (`supabase.auth.signInWithOAuth`: auth). */
  memberKinds?: Record<string, IntegrationKind>;
  /** Objects used without an import whose `methods` are calls (jQuery's `$.ajax`, `$.get`); shadowed like `globals`. */
  globalObjects?: string[];
  /** Module paths whose call or construction creates a client (role `client`). */
  clients?: string[];
  /** Module paths whose call is itself a request (role `call`); `*` stands for any one segment (`*.create`: a resource's static API). */
  calls?: string[];
  /** Module paths whose call registers an inbound consumer/handler (role `handler`). */
  handlers?: string[];
  /** Methods on a client that are requests (role `call`); '*' = every method. */
  methods?: string[];
  /** Methods on a client that register an inbound consumer (role `handler`). */
  handlerMethods?: string[];
  /** Methods on a client that return another client of the same library (pool.connect(), conn.channel()). */
  derive?: string[];
  /** Methods never reported even when `methods` is '*' (e.g. stripe.webhooks.constructEvent: local). */
  ignoreMethods?: string[];
  /** Type names (last path segment) whose declared instances are clients (DI fields, parameters). */
  types?: string[];
  /** Option keys / kwargs / builder methods that set a timeout. */
  timeoutKeys?: string[];
  /** Option keys that carry the target, in order of preference (`url`, `baseURL`, `connectionString`, `host`). */
  targetKeys?: string[];
  /** Index of the positional argument that carries the target (default 0; -1 = none). */
  targetArg?: number;
  /** The library retries by default (got, ky): resilience.retry is true unless turned off. */
  retriesByDefault?: boolean;
  /** A fixed target when the SDK always talks to one host (stripe → api.stripe.com). */
  fixedTarget?: string;
  /** The client itself is called like a function: `knex('users')`, postgres' sql`…`. */
  callable?: boolean;
  /** Report the import's module as the library (passport strategies: `passport-github2`). */
  libraryFromModule?: boolean;
  /** Methods whose *argument* is a client of the library (diesel `query.load(&mut conn)`, redis-rs `cmd.query(&mut con)`). */
  argMethods?: string[];
  /** Methods on functions decorated by this library that enqueue work (Celery `task.delay()`). */
  callsOnDecorated?: string[];
  /** Methods that start a pipeline/transaction and the ones that send it (`multi`/`exec`, `TxPipeline`/`Exec`). */
  pipeline?: { create: string[]; execute: string[] };
  /** Calls already go through a retry + timeout + breaker wrapper (the module our quick fix writes). */
  resilient?: boolean;
  /** Module paths returning a package of generated stub constructors (`grpc.loadPackageDefinition(def)`). */
  stubPackages?: string[];
  /** Calls whose presence among a constructor's arguments makes it a client (`new X(addr, grpc.credentials.createInsecure())`). */
  credentialCalls?: string[];
  /** A client passed to a constructor or factory makes a generated stub whose every method is a call (gRPC). */
  stubs?: boolean;
  /**
   * Client types generated into the project (tonic-build's `<service>_client::<Service>Client`):
   * imported from a module whose last segment ends with `moduleSuffix`, in a file that uses the
   * library. `connect` makes a client of an address; `wrap` makes one around an existing channel.
   * Every method of one is a call.
   */
  generatedClients?: { moduleSuffix: string; connect: string[]; wrap: string[] };
  /** Injected builder types whose `.build()` makes a client (`RestTemplateBuilder`, `WebClient.Builder`). */
  builderTypes?: string[];
  /** Module paths that return model classes whose methods are calls (mongoose.model('User', schema)). */
  models?: string[];
  /**
   * Module paths that make an object bound to a client without connecting (SQLAlchemy `sessionmaker(engine)`,
   * `Session(engine)`): not a finding; its methods are calls, and calling it (`SessionLocal()`) gives another such object.
   */
  factories?: string[];
  /**
   * Generated stub constructors are named this prefix plus the stub's type (Go `pb.NewInventoryClient(conn)`
   * returns `pb.InventoryClient`): once one is seen taking a client, fields and parameters of that type are stubs too.
   */
  stubConstructorPrefix?: string;
  /**
   * Module paths that open a session bound to an engine (SQLAlchemy `Session(engine)`): a client finding, whose
   * methods are calls. Unlike `factories` (`sessionmaker`), the session is the connection's unit of work itself.
   */
  sessions?: string[];
  /**
   * The client's first argument names the service it talks to (`boto3.client("sqs")`), which decides the kind
   * (services not listed keep the rule's kind); the target is `<service>.<serviceHost>` unless a target key is given.
   */
  serviceKinds?: { kinds: Record<string, IntegrationKind>; serviceHost: string };
  /**
   * In a file that imports one of `imports` from the library ('*': anything), `<name>.<attribute>` is a client:
   * locust hands its users' HTTP session to every task as `self.client` or `l.client`; a Django model's
   * `Model.objects` is the manager whose query methods run SQL.
   */
  memberClient?: { imports: string[]; attribute: string };
}

/** Instances known only by the name of their type (Spring Data: `OrderRepository`). */
export interface TypeSuffixRule {
  library: string;
  kind: IntegrationKind;
  suffix: string;
  methods: string[];
  ignoreMethods?: string[];
}

/** Annotation/decorator-driven rules (Java Spring, Python Celery …). */
export interface AnnotationRule {
  library: string;
  kind: IntegrationKind;
  /** Last segment(s) of the annotation name, e.g. 'KafkaListener' or 'task'. */
  names: string[];
  /** If set, the annotation's first path segment must resolve to an import of one of these modules (Python decorators). */
  modules?: string[];
  role: 'client' | 'call' | 'handler' | 'declaration';
  targetKeys?: string[];
  /** Only on members of a type carrying one of these annotations (Feign's `@GetMapping` inside a `@FeignClient` interface). */
  within?: string[];
  /** The annotated type is a client (`@FeignClient interface BillingClient`): every method called on a field or parameter of that type is a call. */
  typeIsClient?: boolean;
}

/** `interface X extends JpaRepository<…>` → a database client. */
export interface SupertypeRule {
  library: string;
  kind: IntegrationKind;
  supertypes: string[];
}

export interface LanguageCatalog {
  libraries: LibraryRule[];
  annotations?: AnnotationRule[];
  supertypes?: SupertypeRule[];
  typeSuffixes?: TypeSuffixRule[];
  /** Route registration methods (inbound HTTP): `app.post`, `router.post`, `HandleFunc` … */
  routeMethods?: string[];
  /**
   * Middleware that sends the browser to an OAuth provider when it sits in a route registration
   * (`app.get('/auth/github', passport.authenticate('github'))`): the route starts the flow, an outbound auth call.
   */
  oauthStartCalls?: { calls: string[]; library: string };
  /** Router types whose routes are registered by a chain from their constructor (axum `Router::new().route(…)`). */
  routeChainRoots?: string[];
  /** Annotation names that register routes (`PostMapping`, `post`, `route`). */
  routeAnnotations?: string[];
  /**
   * Annotations of classes that receive clients by injection (Spring's `@Service`): such a file may call a
   * client type declared in another file (a Feign interface), so the prefilter lets it be parsed.
   */
  injectionAnnotations?: string[];
  /** Extra literal tokens for the prefilter beyond module names (route helpers, globals). */
  prefilterTokens?: string[];
}
