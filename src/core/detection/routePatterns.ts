/**
 * Route paths as web frameworks spell them, read into a method and an absolute path before
 * inbound.ts classifies them: Go 1.22 ServeMux patterns carry the method (`"POST /hooks/x"`),
 * routers mounted under a prefix (`APIRouter(prefix="/webhooks")`, `Blueprint(url_prefix=…)`)
 * hold only the rest of the path.
 */

/** The options that give a router its path prefix: FastAPI `APIRouter(prefix=…)`, Flask `Blueprint(url_prefix=…)`. */
export const PREFIX_OPTIONS = ['prefix', 'url_prefix'] as const;

export interface RoutePattern {
  /** The HTTP method written into the pattern itself, if any (`GET`, `POST`). */
  method?: string;
  /** The path, starting with `/`. */
  path: string;
}

const METHOD_PATTERN = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE)\s+(\/\S*)$/;

/** `/hooks/x` or `POST /hooks/x`; undefined for anything that is not an absolute path (a host pattern, a name). */
export function routePattern(text: string): RoutePattern | undefined {
  if (text.startsWith('/')) return { path: text };
  const match = METHOD_PATTERN.exec(text);
  return match ? { method: match[1], path: match[2] } : undefined;
}

/** `/webhooks` + `/stripe` → `/webhooks/stripe`; `/api/orders` + `/` → `/api/orders/`. */
export function withPrefix(prefix: string | undefined, path: string): string {
  if (!prefix) return path;
  return prefix.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
