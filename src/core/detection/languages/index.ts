/** Which grammar, extractor, catalogue and resolver options serve a source file. */
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { LanguageCatalog } from '../catalog/rule';
import { javascriptCatalog } from '../catalog/javascript';
import { pythonCatalog } from '../catalog/python';
import { goCatalog } from '../catalog/go';
import { rustCatalog } from '../catalog/rust';
import { javaCatalog } from '../catalog/java';
import type { ResolveOptions } from '../resolve';
import type { FileFacts } from './facts';
import type { GrammarId } from './parser';
import { extractJavaScript } from './javascript';
import { extractPython } from './python';
import { extractGo } from './go';
import { extractRust } from './rust';
import { extractJava } from './java';

export interface SourceLanguage {
  id: 'typescript' | 'javascript' | 'python' | 'go' | 'rust' | 'java';
  grammar: GrammarId;
  catalog: LanguageCatalog;
  extract: (tree: Tree, text: string) => FileFacts;
  resolveOptions: ResolveOptions;
  /** Cheap text test: a file that fails it cannot hold an integration and is never parsed. */
  prefilter: RegExp;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (items: Iterable<string>) => [...new Set(items)].sort((a, b) => b.length - a.length).map(escape).join('|');

/** Inbound routes only count when their path names a webhook or a callback (see inbound.ts). */
const ROUTE_PATH = String.raw`[^'"\x60]*(?:webhook|hook|callback|oauth|events|stripe|github|slack|twilio|shopify)`;

/**
 * The prefilter asks for evidence in the language's own import syntax (a quoted module in
 * JS and Go, an import line in Python and Java, a crate path in Rust), a global call, or an
 * inbound route or annotation: a comment that mentions "redis" is not enough to be parsed.
 */
function prefilterFor(language: 'js' | 'python' | 'go' | 'rust' | 'java', catalog: LanguageCatalog): RegExp {
  const modules = catalog.libraries.flatMap((rule) => rule.modules);
  const globals = catalog.libraries.flatMap((rule) => rule.globals ?? []);
  const annotations = [...(catalog.annotations ?? []).flatMap((rule) => rule.names), ...(catalog.routeAnnotations ?? []), ...(catalog.injectionAnnotations ?? [])];
  const supertypes = (catalog.supertypes ?? []).flatMap((rule) => rule.supertypes);
  const parts: string[] = [];
  switch (language) {
    case 'js':
      // A quoted module, possibly a project path ending in one (`../integrations/resilience.js`).
      parts.push(String.raw`['"](?:\.{1,2}/(?:[^'"]*/)?)?(?:node:)?(?:${alternation(modules.map((m) => m.replace(/^node:/, '')))})(?:[/.][^'"]*)?['"]`);
      parts.push(String.raw`\b(?:${alternation(globals)})\s*\(`);
      for (const rule of catalog.libraries) if (rule.globalObjects && rule.methods) parts.push(String.raw`(?:^|[^\w$.])(?:${alternation(rule.globalObjects)})\.(?:${alternation(rule.methods)})\s*\(`);
      // A project module (`require('../models/User')`, `from '@/lib/db'`): it may export a client or model (crossFile.ts).
      parts.push(String.raw`(?:\brequire\s*\(\s*|\bfrom\s+)['"](?:\.{1,2}|[@~#])/`);
      parts.push(String.raw`\.(?:${alternation(catalog.routeMethods ?? [])})\(\s*['"\x60]${ROUTE_PATH}`);
      break;
    case 'python':
      // `import requests`, `import os, requests`, `from redis.asyncio import Redis`
      parts.push(String.raw`^\s*(?:from\s+|import\s+(?:[\w.]+\s*(?:as\s+\w+\s*)?,\s*)*)(?:${alternation(modules.map((m) => m.split('.')[0]))})\b`);
      parts.push(String.raw`@[\w.]*(?:${alternation(annotations)})\b`);
      break;
    case 'go':
      parts.push(String.raw`"(?:${alternation(modules)})(?:/[^"]*)?"`);
      // A generated gRPC stub constructor of the project's own package (linked across files, crossFile.ts).
      if (catalog.libraries.some((rule) => rule.stubConstructorPrefix)) parts.push(String.raw`\.New\w+Client\(`);
      parts.push(String.raw`\.(?:${alternation(catalog.routeMethods ?? [])})\(\s*"${ROUTE_PATH}`);
      break;
    case 'rust':
      parts.push(String.raw`\b(?:${alternation(modules.map((m) => m.split('::')[0]))})::`);
      parts.push(String.raw`\.route\(\s*"${ROUTE_PATH}`);
      break;
    case 'java':
      parts.push(String.raw`^\s*import\s+(?:${alternation(modules)})\.`);
      parts.push(String.raw`@(?:${alternation(annotations)})\b`);
      if (supertypes.length > 0) parts.push(String.raw`\b(?:${alternation(supertypes)})\s*<`);
      break;
  }
  return new RegExp(parts.join('|'), 'm');
}

const JS_OPTIONS: ResolveOptions = { defaultRouteLibrary: 'http-route', typesAcrossFiles: true, pathModules: true };
const JS_PREFILTER = prefilterFor('js', javascriptCatalog);

function js(id: 'typescript' | 'javascript', grammar: GrammarId): SourceLanguage {
  return { id, grammar, catalog: javascriptCatalog, extract: extractJavaScript, resolveOptions: JS_OPTIONS, prefilter: JS_PREFILTER };
}

const LANGUAGES: Record<string, SourceLanguage> = {
  ts: js('typescript', 'typescript'), mts: js('typescript', 'typescript'), cts: js('typescript', 'typescript'),
  tsx: js('typescript', 'tsx'),
  js: js('javascript', 'javascript'), jsx: js('javascript', 'javascript'), mjs: js('javascript', 'javascript'), cjs: js('javascript', 'javascript'),
  py: { id: 'python', grammar: 'python', catalog: pythonCatalog, extract: extractPython, resolveOptions: { defaultRouteLibrary: 'python-web', typesAcrossFiles: true, pathModules: true, moduleLevelExports: true }, prefilter: prefilterFor('python', pythonCatalog) },
  go: { id: 'go', grammar: 'go', catalog: goCatalog, extract: extractGo, resolveOptions: { receiverFields: true, defaultRouteLibrary: 'net/http' }, prefilter: prefilterFor('go', goCatalog) },
  rs: { id: 'rust', grammar: 'rust', catalog: rustCatalog, extract: extractRust, resolveOptions: { cratePaths: true, defaultRouteLibrary: 'axum' }, prefilter: prefilterFor('rust', rustCatalog) },
  java: { id: 'java', grammar: 'java', catalog: javaCatalog, extract: extractJava, resolveOptions: { receiverFields: false, defaultRouteLibrary: 'spring-web', typesAcrossFiles: true }, prefilter: prefilterFor('java', javaCatalog) },
};

export function sourceLanguageFor(file: string): SourceLanguage | undefined {
  const dot = file.lastIndexOf('.');
  if (dot < 0) return undefined;
  return LANGUAGES[file.slice(dot + 1).toLowerCase()];
}
