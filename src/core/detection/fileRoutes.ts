/**
 * One file's inbound routes: which names receive route registrations (an `express()` app, a
 * FastAPI `APIRouter(prefix=…)`, a `server: FastifyInstance` parameter), which framework and
 * prefix each carries, and the webhook / OAuth-callback handlers their registrations and route
 * annotations make. The resolver (resolve.ts) feeds it the calls it could not match to a client.
 */
import type { LanguageCatalog } from './catalog/rule';
import { classifyRoute, mentionsSignatureHeader } from './inbound';
import type { Annotation, CallSite, FileFacts, Range, TypedName } from './languages/facts';
import type { RawFinding } from './resolve';
import { PREFIX_OPTIONS, routePattern, withPrefix, type RoutePattern } from './routePatterns';

const FRAMEWORKS: [RegExp, string][] = [
  [/^express$/, 'express'], [/^fastify$/, 'fastify'], [/^koa(-router)?$|^@koa\/router$/, 'koa'], [/^hono$/, 'hono'], [/^@nestjs\/common$/, 'nestjs'], [/^next\//, 'next'],
  [/^flask$/, 'flask'], [/^fastapi$/, 'fastapi'], [/^django/, 'django'], [/^starlette/, 'starlette'], [/^aiohttp$/, 'aiohttp'],
  [/gin-gonic\/gin/, 'gin'], [/labstack\/echo/, 'echo'], [/go-chi\/chi/, 'chi'], [/gorilla\/mux/, 'gorilla/mux'], [/gofiber\/fiber/, 'fiber'],
  [/^axum/, 'axum'], [/^actix_web/, 'actix-web'], [/^org\.springframework\.web\.bind/, 'spring-web'],
];

/** Where routes registered on a receiver go: its framework and the prefix it is mounted under. */
interface RouteReceiver {
  framework?: string;
  prefix?: string;
}

export class FileRoutes {
  /** `app = FastAPI()`, `hooks = APIRouter(prefix="/webhooks")`, `server: FastifyInstance`: receivers of route registrations. */
  private readonly receivers = new Map<string, RouteReceiver>();
  private readonly frameworks = new Map<string, string | undefined>();

  constructor(
    private readonly facts: FileFacts,
    private readonly catalog: LanguageCatalog,
    private readonly imports: ReadonlyMap<string, { module: string; member: string[] }>,
    private readonly defaultLibrary: string,
    /** The resolver's findings: handlers are added to them. */
    private readonly findings: RawFinding[],
  ) {}

  /** `router: Router` (express), `server: FastifyInstance`: a parameter whose routes belong to that framework. */
  receiverOfType(typed: TypedName): void {
    const imported = typed.type.length > 0 ? this.imports.get(typed.type[0]) : undefined;
    const framework = imported ? this.frameworkOf(imported.module) : undefined;
    if (framework) this.receivers.set(typed.name, { framework });
  }

  /** `app = FastAPI()`, `hooks = Blueprint("hooks", __name__, url_prefix="/hooks")`, `mux := chi.NewRouter()`. */
  receiverMadeBy(call: CallSite, name: string): void {
    const head = call.callee[0];
    const imported = head && !head.called ? this.imports.get(head.name) : undefined;
    const framework = imported ? this.frameworkOf(imported.module) : undefined;
    if (!framework) return;
    let prefix: string | undefined;
    for (const key of PREFIX_OPTIONS) {
      const value = call.options.get(key);
      if (value?.literal && value.display.startsWith('/')) { prefix = value.display; break; }
    }
    this.receivers.set(name, { framework, prefix });
  }

  /** `app.post('/webhooks/stripe', …)`, `http.HandleFunc("/oauth/callback", …)`, axum `.route("/hooks/x", …)`. */
  registeredBy(call: CallSite): void {
    const method = call.callee[call.callee.length - 1]?.name;
    if (call.callee.length < 2 && !(call.callee.length === 1 && method === 'HandleFunc')) return;
    if (!method || !this.catalog.routeMethods?.includes(method)) return;
    // `nock(url).post('/v1/events')` and other chains are not the app registering a route, unless
    // the chain starts at a router (`Router::new().route(…)`).
    const chained = call.callee.slice(0, -1).some((seg) => seg.called);
    if (chained && !this.catalog.routeChainRoots?.includes(call.callee[0]?.name ?? '')) return;
    const path = call.args[0];
    const pattern = path?.literal ? routePattern(path.display) : undefined;
    if (!pattern) return;
    const receiver = this.receivers.get(call.callee[0]?.name ?? '');
    const routePath = withPrefix(receiver?.prefix, pattern.path);
    if (this.oauthStart(routePath, call)) return;
    this.inbound(routePath, call.range, call.snippet, pattern.method ?? method, receiver?.framework);
  }

  /** `app.get('/auth/github', passport.authenticate('github'))`: not a callback, the redirect that starts the OAuth flow. */
  private oauthStart(path: string, call: CallSite): boolean {
    const start = this.catalog.oauthStartCalls;
    if (!start || classifyRoute(path, 'get') === 'auth' || !start.calls.some((name) => call.snippet.includes(`${name}(`))) return false;
    this.findings.push({
      range: call.range, kind: 'auth', library: start.library, role: 'call', direction: 'outbound',
      target: { display: path, literal: true, envVars: [] }, snippet: call.snippet,
    });
    return true;
  }

  /** `@app.post("/stripe")`, `@PostMapping("/webhooks/x")`: a route annotation (`last` is its name). */
  annotated(annotation: Annotation, pattern: RoutePattern, last: string): void {
    const receiver = annotation.name.length > 1 ? this.receivers.get(annotation.name[0]) : undefined;
    this.inbound(withPrefix(receiver?.prefix, pattern.path), annotation.range, annotation.snippet, last, receiver?.framework);
  }

  private inbound(path: string, range: Range, snippet: string, method: string, library = this.routeLibrary()): void {
    const kind = classifyRoute(path, method);
    if (!kind) return;
    const finding: RawFinding = {
      range, kind, library, role: 'handler', direction: 'inbound',
      target: { display: path, literal: true, envVars: [] }, snippet,
    };
    if (kind === 'webhook') finding.signatureVerified = this.facts.verifiesSignature || (mentionsSignatureHeader(snippet) && /verify|hmac|digest/i.test(snippet));
    this.findings.push(finding);
  }

  private routeLibrary(): string {
    for (const binding of this.facts.imports) {
      const framework = this.frameworkOf(binding.module);
      if (framework) return framework;
    }
    return this.defaultLibrary;
  }

  /** The web framework a module belongs to, asked for many calls' heads: remembered per module. */
  private frameworkOf(module: string): string | undefined {
    if (this.frameworks.has(module)) return this.frameworks.get(module);
    const framework = FRAMEWORKS.find(([pattern]) => pattern.test(module))?.[1];
    this.frameworks.set(module, framework);
    return framework;
  }
}
