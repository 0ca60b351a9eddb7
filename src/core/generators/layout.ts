/**
 * Where an integration's files go, following the layout the project already has:
 * `src/` for TypeScript, the existing Python package, the Go module path from go.mod,
 * the Java base package declared under src/main/java, `src/` modules for Rust.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { flatCase, moduleName } from './naming';
import type { LanguageId, OutputLayout, PatternId } from './types';

const exists = async (file: string): Promise<boolean> => stat(file).then(() => true, () => false);
const isDir = async (file: string): Promise<boolean> => stat(file).then((s) => s.isDirectory(), () => false);

/** The layout when nothing is known about the workspace (and the shape of every layout). */
export function defaultLayout(language: LanguageId, name: string): OutputLayout {
  switch (language) {
    case 'typescript': return { dir: `src/integrations/${name}`, module: name };
    case 'python': return { dir: `integrations/${moduleName(name)}`, module: `integrations.${moduleName(name)}`, packageInits: ['integrations/__init__.py'] };
    case 'go': return { dir: `internal/${flatCase(name)}`, module: flatCase(name) };
    case 'java': return { dir: `src/main/java/integrations/${flatCase(name)}`, module: `integrations.${flatCase(name)}` };
    case 'rust': return { dir: `src/${moduleName(name)}`, module: moduleName(name) };
  }
}

/**
 * Plans the output folder and module name of `name` in `workspaceRoot`. Reads the workspace
 * (never writes); `pattern` is accepted so a pattern may later choose its own sub-folder.
 */
export async function planOutputPaths(workspaceRoot: string, language: LanguageId, _pattern: PatternId, name: string): Promise<OutputLayout> {
  switch (language) {
    case 'typescript': {
      const base = await isDir(path.join(workspaceRoot, 'src')) ? 'src/integrations' : 'integrations';
      return { dir: `${base}/${name}`, module: name };
    }
    case 'python': return planPython(workspaceRoot, name);
    case 'go': return planGo(workspaceRoot, name);
    case 'java': return planJava(workspaceRoot, name);
    case 'rust': return defaultLayout('rust', name);
  }
}

const SKIP_DIRS = new Set(['tests', 'test', 'docs', 'build', 'dist', 'node_modules', 'venv', '.venv', 'env', 'site-packages']);

/** The project's own top-level package: `src/<pkg>/__init__.py` first, then `<pkg>/__init__.py`. */
async function findPythonPackage(root: string): Promise<string | undefined> {
  for (const base of ['src', '.']) {
    const folder = path.join(root, base);
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const packages = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || SKIP_DIRS.has(entry.name) || !/^[A-Za-z_]\w*$/.test(entry.name)) continue;
      if (await exists(path.join(folder, entry.name, '__init__.py'))) packages.push(entry.name);
    }
    packages.sort();
    if (packages.length > 0) return base === 'src' ? `src/${packages[0]}` : packages[0];
  }
  return undefined;
}

async function planPython(root: string, name: string): Promise<OutputLayout> {
  const pkg = await findPythonPackage(root);
  if (!pkg) return defaultLayout('python', name);
  const dotted = pkg.replace(/^src\//, '');
  return {
    dir: `${pkg}/integrations/${moduleName(name)}`,
    module: `${dotted}.integrations.${moduleName(name)}`,
    packageInits: [`${pkg}/integrations/__init__.py`],
  };
}

async function planGo(root: string, name: string): Promise<OutputLayout> {
  const layout = defaultLayout('go', name);
  const goMod = await readFile(path.join(root, 'go.mod'), 'utf8').catch(() => undefined);
  const modulePath = goMod ? /^module\s+("?)([^\s"]+)\1\s*$/m.exec(goMod)?.[2] : undefined;
  return modulePath ? { ...layout, importPath: `${modulePath}/${layout.dir}` } : layout;
}

/** Collects `package a.b.c;` declarations under src/main/java (bounded, for big repos). */
async function javaPackages(javaRoot: string, limit = 400): Promise<string[]> {
  const found: string[] = [];
  const queue = [javaRoot];
  let files = 0;
  while (queue.length > 0 && files < limit) {
    const folder = queue.shift()!;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) queue.push(full);
      else if (entry.name.endsWith('.java') && files++ < limit) {
        const text = await readFile(full, 'utf8').catch(() => '');
        const match = /^\s*package\s+([\w.]+)\s*;/m.exec(text);
        if (match) found.push(match[1]!);
      }
    }
  }
  return found;
}

/** The longest package prefix shared by every declaration: the project's base package. */
export function commonPackage(packages: string[]): string | undefined {
  if (packages.length === 0) return undefined;
  let prefix = packages[0]!.split('.');
  for (const pkg of packages.slice(1)) {
    const parts = pkg.split('.');
    let i = 0;
    while (i < prefix.length && i < parts.length && prefix[i] === parts[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix.length > 0 ? prefix.join('.') : undefined;
}

async function planJava(root: string, name: string): Promise<OutputLayout> {
  const base = commonPackage(await javaPackages(path.join(root, 'src/main/java')));
  if (!base) return defaultLayout('java', name);
  const pkg = `${base}.integrations.${flatCase(name)}`;
  return { dir: `src/main/java/${pkg.replaceAll('.', '/')}`, module: pkg };
}
