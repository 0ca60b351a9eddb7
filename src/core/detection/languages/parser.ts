/**
 * Loads tree-sitter (the WASM build VS Code itself ships) and its grammars once per thread.
 * WASM files are found next to the bundle (dist/wasm) or in node_modules during development.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import type { Language as LanguageType, Parser as ParserType } from '@vscode/tree-sitter-wasm';

// A CommonJS module whose types describe an ES namespace; load it once, lazily.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const treeSitter = (): typeof TreeSitter => require('@vscode/tree-sitter-wasm');

export type GrammarId = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'java' | 'rust';

function wasmDirectory(): string {
  const candidates = [
    // Next to a bundle (dist/wasm), as packaged.
    path.join(__dirname, 'wasm'),
    path.join(__dirname, '..', 'wasm'),
    // From the sources (tests, benchmarks under tsx): the package in the repository's node_modules.
    path.resolve(__dirname, '../../../../node_modules/@vscode/tree-sitter-wasm/wasm'),
  ];
  for (const dir of candidates) if (existsSync(path.join(dir, 'tree-sitter.wasm'))) return dir;
  throw new Error(`tree-sitter WASM files not found (looked in ${candidates.join(', ')})`);
}

let initialised: Promise<void> | undefined;
const languages = new Map<GrammarId, Promise<LanguageType>>();
const parsers = new Map<GrammarId, ParserType>();

async function init(): Promise<void> {
  const dir = wasmDirectory();
  initialised ??= treeSitter().Parser.init({ locateFile: (file: string) => path.join(dir, file) });
  return initialised;
}

/** A parser for the grammar, created once per thread and reused (parsers are not thread-safe, threads do not share). */
export async function parserFor(grammar: GrammarId): Promise<ParserType> {
  const cached = parsers.get(grammar);
  if (cached) return cached;
  await init();
  let language = languages.get(grammar);
  if (!language) {
    language = treeSitter().Language.load(path.join(wasmDirectory(), `tree-sitter-${grammar}.wasm`));
    languages.set(grammar, language);
  }
  const parser = new (treeSitter().Parser)();
  parser.setLanguage(await language);
  parsers.set(grammar, parser);
  return parser;
}
