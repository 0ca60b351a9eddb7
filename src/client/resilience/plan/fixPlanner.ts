/**
 * Plans the resilience fix of one file: the text edits (through the core rewriters) and the files
 * those edits rely on (the TS/JS module once per project, resilience.py or resilience_http.go once
 * per folder). Shared by the code actions and `integration-orchestrator fix`; never writes.
 * No `vscode` import: the CLI runs it too.
 */
import path from 'node:path';
import type { Integration } from '../../../core/detection/types';
import { DEFAULT_POLICY, type ResiliencePolicyData } from '../../../core/resilience/policy';
import { chooseModuleFlavor, renderResilienceModule, type ModuleFlavor, type ProjectFacts } from '../../../core/resilience/renderModule';
import { renderGoHelper, renderPythonHelper } from '../../../core/resilience/renderHelpers';
import { fixAllInFile, type HttpCallSite, type HttpLibrary } from '../../../core/resilience/rewrite/rewriteHttpCall';
import { goFixEdits, goPackageName } from '../../../core/resilience/rewrite/go';
import { pythonTimeoutEdits } from '../../../core/resilience/rewrite/python';
import { applyTextEdits, type TextEdit } from '../../../core/resilience/rewrite/textEdit';
import { CONFIG_FILE_NAMES, NO_CONFIG, policyConfigFromYaml, type PolicyConfig } from './configPolicies';
import { fixLanguageOf, GENERATED_MARKER, type FixLanguage } from './httpCallRules';
import { findingOffsets, lineStarts } from './offsets';
import { hasSyntaxErrors } from './parseCheck';
import type { PlanFs } from './planFs';

export interface PlannerOptions {
  /** Nothing outside this folder is rewritten or created. */
  boundary: string;
  /**
   * How far up package.json, tsconfig.json and integration-config.yml are looked for (reading
   * above the boundary is fine: `fix services/orders/src` still finds the project's package.json).
   * Default: the file system root.
   */
  lookupRoot?: string;
  fs: PlanFs;
  /** Path of the TS/JS module relative to its project (nearest package.json); default: an existing module, else chooseModuleFlavor's. */
  modulePath?: string;
  /** Build the module on cockatiel (true) or without dependencies (false); default: when the project depends on cockatiel. */
  useCockatiel?: boolean;
  /**
   * `strict` (CLI): refuse a result with any syntax error. `no-new-errors` (editor): refuse only a
   * result that has errors the text before it did not (the user may be mid-edit elsewhere).
   */
  parseCheck?: 'strict' | 'no-new-errors';
}

export interface PlannedFile {
  path: string;
  content: string;
}

export interface SkippedFinding {
  finding: Integration;
  reason: string;
}

export interface FilePlan {
  language: FixLanguage;
  /**
   * What the edits give the calls: the module's retry, timeouts and breaker; a Python `timeout=`;
   * or (Go `client.Do` → `doWithDeadline`) a context deadline only.
   */
  adds: 'resilience' | 'timeout' | 'deadline';
  /** Non-overlapping edits of the file: apply them as one edit. */
  edits: TextEdit[];
  /** Files the edits rely on that do not exist yet (the module or helper). */
  creates: PlannedFile[];
  /** Calls that go through the module (or got a timeout) once the edits are applied. */
  fixed: number;
  skipped: SkippedFinding[];
  /** The TS/JS module, Python or Go helper the calls use. */
  helperPath?: string;
  /** Which TS/JS module `creates` holds, when it holds one. */
  moduleVariant?: 'native' | 'cockatiel';
}

interface JsProject {
  root: string;
  packageJson?: ProjectFacts['packageJson'];
  hasTsconfig: boolean;
}

/** `fetch` bound to a ponyfill: its Response is not the global one, so it stays as written. */
const FETCH_PONYFILL = /(?:from\s*|require\(\s*)['"](?:node-fetch|cross-fetch|isomorphic-fetch)['"]/;
const MODULE_CANDIDATES = ['src/integrations/resilience.ts', 'src/integrations/resilience.js', 'src/integrations/resilience.mjs', 'src/integrations/resilience.cjs'];

const isInside = (root: string, file: string): boolean => {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

const countMatches = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

function flavorOfPath(modulePath: string, packageType: string | undefined): ModuleFlavor {
  if (/\.(ts|mts|cts)$/.test(modulePath)) return 'ts';
  if (modulePath.endsWith('.mjs')) return 'js-esm';
  if (modulePath.endsWith('.cjs')) return 'js-cjs';
  return packageType === 'module' ? 'js-esm' : 'js-cjs';
}

/** Policy names a generated module declares (`name: 'payments-api',` lines of its `policies` block). */
function modulePolicyNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^\s+name:\s*(['"])(.+?)\1,\s*$/gm)].map((match) => match[2]!));
}

export class FixPlanner {
  private readonly boundary: string;
  private readonly lookupRoot: string | undefined;
  /** Files planned for creation by this planner: each is created once, by the first file needing it. */
  private readonly planned = new Map<string, string>();
  private readonly configs = new Map<string, Promise<PolicyConfig>>();
  private readonly projects = new Map<string, Promise<JsProject>>();

  constructor(private readonly options: PlannerOptions) {
    this.boundary = path.resolve(options.boundary);
    this.lookupRoot = options.lookupRoot === undefined ? undefined : path.resolve(options.lookupRoot);
  }

  /** Every file planned for creation so far, in planning order. */
  get plannedFiles(): PlannedFile[] {
    return [...this.planned].map(([file, content]) => ({ path: file, content }));
  }

  /** Plans the fix of `findings` (rewritable calls of `file`, absolute path) in `text`. */
  async planFile(file: string, text: string, findings: readonly Integration[]): Promise<FilePlan> {
    const language = fixLanguageOf(file);
    if (!language) throw new Error(`no resilience fix for ${path.basename(file)}`);
    const empty: FilePlan = { language, adds: language === 'python' ? 'timeout' : 'resilience', edits: [], creates: [], fixed: 0, skipped: [] };
    if (!isInside(this.boundary, file)) return { ...empty, skipped: findings.map((finding) => ({ finding, reason: 'outside the folder being fixed' })) };
    if (text.slice(0, 4096).includes(GENERATED_MARKER)) return { ...empty, skipped: findings.map((finding) => ({ finding, reason: 'generated resilience helper' })) };
    const plan = language === 'js' ? await this.planJs(file, text, findings)
      : language === 'python' ? await this.planPython(file, text, findings)
        : await this.planGo(file, text, findings);
    if (plan.edits.length === 0) return plan;
    const after = applyTextEdits(text, plan.edits);
    const broken = await hasSyntaxErrors(after, file);
    if (broken && (this.options.parseCheck !== 'no-new-errors' || !(await hasSyntaxErrors(text, file)))) {
      return { ...empty, skipped: findings.map((finding) => ({ finding, reason: 'the rewritten file would not parse cleanly' })) };
    }
    for (const create of plan.creates) this.planned.set(create.path, create.content);
    return plan;
  }

  /** A file exists on disk or is already planned by this planner. */
  private async textOf(file: string): Promise<string | undefined> {
    return this.planned.get(file) ?? this.options.fs.readText(file);
  }

  /** The folder above `dir` to look in next, or undefined at the lookup root. */
  private parentOf(dir: string): string | undefined {
    const parent = path.dirname(dir);
    if (parent === dir || dir === this.lookupRoot) return undefined;
    return this.lookupRoot === undefined || isInside(this.lookupRoot, parent) ? parent : undefined;
  }

  /** The nearest integration-config.yml from the file's folder up to the lookup root. */
  private configFor(dir: string): Promise<PolicyConfig> {
    let cached = this.configs.get(dir);
    if (!cached) {
      cached = (async () => {
        for (const name of CONFIG_FILE_NAMES) {
          const file = path.join(dir, name);
          const text = await this.options.fs.readText(file);
          if (text !== undefined) return policyConfigFromYaml(text, file);
        }
        const parent = this.parentOf(dir);
        return parent === undefined ? NO_CONFIG : this.configFor(parent);
      })();
      this.configs.set(dir, cached);
    }
    return cached;
  }

  /** The nearest folder with a package.json up to the lookup root; without one, the folder being fixed. */
  private projectFor(dir: string): Promise<JsProject> {
    let cached = this.projects.get(dir);
    if (!cached) {
      cached = (async () => {
        for (let current: string | undefined = dir; current !== undefined; current = this.parentOf(current)) {
          const manifest = await this.options.fs.readText(path.join(current, 'package.json'));
          if (manifest !== undefined) return this.describeProject(current, manifest);
        }
        return this.describeProject(this.boundary, undefined);
      })();
      this.projects.set(dir, cached);
    }
    return cached;
  }

  private async describeProject(root: string, manifest: string | undefined): Promise<JsProject> {
    let packageJson: JsProject['packageJson'];
    try {
      packageJson = manifest === undefined ? undefined : JSON.parse(manifest) as JsProject['packageJson'];
    } catch {
      packageJson = undefined;
    }
    const hasTsconfig = (await this.options.fs.readText(path.join(root, 'tsconfig.json'))) !== undefined;
    return { root, packageJson, hasTsconfig };
  }

  private policyData(config: PolicyConfig, name: string): ResiliencePolicyData {
    return config.policies.find((policy) => policy.name === name) ?? config.policies.find((policy) => policy.name === 'default') ?? DEFAULT_POLICY;
  }

  private async planJs(file: string, text: string, findings: readonly Integration[]): Promise<FilePlan> {
    const plan: FilePlan = { language: 'js', adds: 'resilience', edits: [], creates: [], fixed: 0, skipped: [] };
    const project = await this.projectFor(path.dirname(file));
    const config = await this.configFor(path.dirname(file));
    const choice = chooseModuleFlavor({ packageJson: project.packageJson, typescript: project.hasTsconfig || /\.(ts|tsx|mts|cts)$/.test(file) });
    let modulePath: string | undefined;
    if (this.options.modulePath) {
      modulePath = path.resolve(project.root, this.options.modulePath);
    } else {
      for (const candidate of MODULE_CANDIDATES) {
        const absolute = path.join(project.root, candidate);
        if ((await this.textOf(absolute)) !== undefined) { modulePath = absolute; break; }
      }
      modulePath ??= path.join(project.root, choice.defaultPath);
    }
    plan.helperPath = modulePath;
    const skipAll = (reason: string): FilePlan => ({ ...plan, skipped: findings.map((finding) => ({ finding, reason })) });
    if (!isInside(this.boundary, modulePath)) return skipAll(`the module path ${modulePath} is outside the folder being fixed`);
    const existing = await this.textOf(modulePath);
    if (existing !== undefined && !(existing.includes('withResilience') && existing.includes('resilientFetch'))) {
      return skipAll(`${path.relative(project.root, modulePath)} exists but is not the resilience module`);
    }
    // An existing module may predate a policy of the config: such calls use `default` rather than a missing key.
    const available = existing !== undefined ? modulePolicyNames(existing) : new Set(config.policies.map((policy) => policy.name));

    const starts = lineStarts(text);
    const sites: HttpCallSite[] = [];
    const findingOf = new Map<HttpCallSite, Integration>();
    for (const finding of findings) {
      const range = findingOffsets(text, starts, finding);
      if (!range) { plan.skipped.push({ finding, reason: 'the file changed since it was scanned' }); continue; }
      if (finding.library === 'fetch' && FETCH_PONYFILL.test(text)) {
        plan.skipped.push({ finding, reason: 'fetch comes from a ponyfill (node-fetch, cross-fetch) here' });
        continue;
      }
      const wanted = config.policyFor(finding);
      const site: HttpCallSite = { ...range, library: finding.library as HttpLibrary, policy: available.has(wanted) ? wanted : 'default' };
      sites.push(site);
      findingOf.set(site, finding);
    }
    if (sites.length === 0) return plan;
    const result = await fixAllInFile(text, sites, { fileName: file, modulePath, packageType: project.packageJson?.type });
    for (const skipped of result.skipped) plan.skipped.push({ finding: findingOf.get(skipped.call)!, reason: skipped.reason });
    plan.edits = result.edits;
    if (plan.edits.length === 0) return plan;
    const wrapper = /\b(?:resilientFetch|withResilience)\(/g;
    plan.fixed = countMatches(applyTextEdits(text, plan.edits), wrapper) - countMatches(text, wrapper);
    if (existing === undefined) {
      const useCockatiel = this.options.useCockatiel ?? choice.useCockatiel;
      const flavor = this.options.modulePath ? flavorOfPath(modulePath, project.packageJson?.type) : choice.flavor;
      plan.creates.push({ path: modulePath, content: renderResilienceModule({ flavor, useCockatiel, policies: config.policies }) });
      plan.moduleVariant = useCockatiel ? 'cockatiel' : 'native';
    }
    return plan;
  }

  private async planPython(file: string, text: string, findings: readonly Integration[]): Promise<FilePlan> {
    const plan: FilePlan = { language: 'python', adds: 'timeout', edits: [], creates: [], fixed: 0, skipped: [] };
    const config = await this.configFor(path.dirname(file));
    const starts = lineStarts(text);
    // pythonTimeoutEdits takes one timeout per run: one run per distinct policy timeout.
    const bySeconds = new Map<number, Array<{ start: number; end: number; finding: Integration }>>();
    for (const finding of findings) {
      const range = findingOffsets(text, starts, finding);
      if (!range) { plan.skipped.push({ finding, reason: 'the file changed since it was scanned' }); continue; }
      const policy = this.policyData(config, config.policyFor(finding));
      const seconds = (policy.attemptTimeoutMs || policy.deadlineMs || DEFAULT_POLICY.attemptTimeoutMs) / 1000;
      bySeconds.set(seconds, [...(bySeconds.get(seconds) ?? []), { ...range, finding }]);
    }
    const edits: TextEdit[] = [];
    for (const [seconds, sites] of bySeconds) {
      const result = await pythonTimeoutEdits(text, sites, seconds);
      for (const skipped of result.skipped) plan.skipped.push({ finding: (skipped.call as (typeof sites)[number]).finding, reason: skipped.reason });
      for (const edit of result.edits) if (!edits.some((e) => e.start === edit.start)) edits.push(edit);
    }
    plan.edits = edits.sort((a, b) => a.start - b.start);
    plan.fixed = plan.edits.length;
    plan.helperPath = path.join(path.dirname(file), 'resilience.py');
    if (plan.edits.length > 0 && (await this.textOf(plan.helperPath)) === undefined) {
      plan.creates.push({ path: plan.helperPath, content: renderPythonHelper(config.policies) });
    }
    return plan;
  }

  private async planGo(file: string, text: string, findings: readonly Integration[]): Promise<FilePlan> {
    const plan: FilePlan = { language: 'go', adds: 'resilience', edits: [], creates: [], fixed: 0, skipped: [] };
    plan.helperPath = path.join(path.dirname(file), 'resilience_http.go');
    const skipAll = (reason: string): FilePlan => ({ ...plan, skipped: findings.map((finding) => ({ finding, reason })) });
    const existing = await this.textOf(plan.helperPath);
    if (existing !== undefined && !existing.includes('resilientHTTPClient')) return skipAll('resilience_http.go exists but is not the generated helper');
    const packageName = await goPackageName(text);
    if (!packageName) return skipAll('no package clause');
    const starts = lineStarts(text);
    const sites: Array<{ start: number; end: number; finding: Integration }> = [];
    for (const finding of findings) {
      const range = findingOffsets(text, starts, finding);
      if (range) sites.push({ ...range, finding });
      else plan.skipped.push({ finding, reason: 'the file changed since it was scanned' });
    }
    const result = await goFixEdits(text, sites);
    for (const skipped of result.skipped) plan.skipped.push({ finding: (skipped.call as (typeof sites)[number]).finding, reason: skipped.reason });
    plan.edits = result.edits;
    if (plan.edits.length === 0) return plan;
    const after = applyTextEdits(text, plan.edits);
    const retrying = countMatches(after, /\bresilientHTTPClient\./g) - countMatches(text, /\bresilientHTTPClient\./g);
    plan.fixed = retrying + countMatches(after, /\bdoWithDeadline\(/g) - countMatches(text, /\bdoWithDeadline\(/g);
    if (retrying === 0) plan.adds = 'deadline';
    if (existing === undefined) {
      const config = await this.configFor(path.dirname(file));
      plan.creates.push({ path: plan.helperPath, content: renderGoHelper({ packageName, policies: config.policies }) });
    }
    return plan;
  }
}
