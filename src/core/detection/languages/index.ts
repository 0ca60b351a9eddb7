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

function prefilterFor(catalog: LanguageCatalog): RegExp {
  const tokens = new Set<string>(catalog.prefilterTokens ?? []);
  for (const rule of catalog.libraries) {
    for (const module of rule.modules) tokens.add(module.replace(/^node:/, '').split(/::|\//)[0] === module ? module : module.split(/::/)[0]);
    for (const global of rule.globals ?? []) tokens.add(global);
  }
  for (const rule of catalog.annotations ?? []) for (const name of rule.names) tokens.add(name);
  for (const rule of catalog.supertypes ?? []) for (const name of rule.supertypes) tokens.add(name);
  const escaped = [...tokens].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'));
}

const JS_OPTIONS: ResolveOptions = { defaultRouteLibrary: 'http-route' };

function js(id: 'typescript' | 'javascript', grammar: GrammarId): SourceLanguage {
  return { id, grammar, catalog: javascriptCatalog, extract: extractJavaScript, resolveOptions: JS_OPTIONS, prefilter: prefilterFor(javascriptCatalog) };
}

const LANGUAGES: Record<string, SourceLanguage> = {
  ts: js('typescript', 'typescript'), mts: js('typescript', 'typescript'), cts: js('typescript', 'typescript'),
  tsx: js('typescript', 'tsx'),
  js: js('javascript', 'javascript'), jsx: js('javascript', 'javascript'), mjs: js('javascript', 'javascript'), cjs: js('javascript', 'javascript'),
  py: { id: 'python', grammar: 'python', catalog: pythonCatalog, extract: extractPython, resolveOptions: { defaultRouteLibrary: 'python-web' }, prefilter: prefilterFor(pythonCatalog) },
  go: { id: 'go', grammar: 'go', catalog: goCatalog, extract: extractGo, resolveOptions: { receiverFields: true, defaultRouteLibrary: 'net/http' }, prefilter: prefilterFor(goCatalog) },
  rs: { id: 'rust', grammar: 'rust', catalog: rustCatalog, extract: extractRust, resolveOptions: { cratePaths: true, defaultRouteLibrary: 'axum' }, prefilter: prefilterFor(rustCatalog) },
  java: { id: 'java', grammar: 'java', catalog: javaCatalog, extract: extractJava, resolveOptions: { receiverFields: false, defaultRouteLibrary: 'spring-web' }, prefilter: prefilterFor(javaCatalog) },
};

export function sourceLanguageFor(file: string): SourceLanguage | undefined {
  const dot = file.lastIndexOf('.');
  if (dot < 0) return undefined;
  return LANGUAGES[file.slice(dot + 1).toLowerCase()];
}
