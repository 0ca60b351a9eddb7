/**
 * Renders the resilience module written into a user's project: TypeScript, or JavaScript as ESM
 * or CommonJS, dependency-free or built on cockatiel, with the policies of integration-config.yml.
 */
import { TEMPLATES } from './templates.generated';
import { jsString, normalisePolicies, type ResiliencePolicyData } from './policy';

export type ModuleFlavor = 'ts' | 'js-esm' | 'js-cjs';

export interface RenderModuleOptions {
  flavor: ModuleFlavor;
  /** Build on cockatiel (offer it when the project already depends on it). */
  useCockatiel: boolean;
  /** Policies by name or as a list; `default` is added from the defaults when missing. */
  policies?: Iterable<ResiliencePolicyData> | Record<string, ResiliencePolicyData>;
}

const POLICIES_REGION = /^[ \t]*(?:\/\/|#) @policies-start[^\n]*\n[\s\S]*?^[ \t]*(?:\/\/|#) @policies-end[^\n]*\n/m;
const MARKER_LINE = /^[ \t]*\/\/ @shared-(?:start|end)[^\n]*\n/gm;

/** Replaces the template's policies block; throws if the template lost its markers. */
export function replacePoliciesRegion(template: string, block: string): string {
  if (!POLICIES_REGION.test(template)) throw new Error('resilience template: the @policies-start/@policies-end markers are missing');
  return template.replace(POLICIES_REGION, () => block);
}

/** The source text of the resilience module. */
export function renderResilienceModule(options: RenderModuleOptions): string {
  const variants = options.useCockatiel ? TEMPLATES.cockatiel : TEMPLATES.native;
  const template = options.flavor === 'ts' ? variants.ts : options.flavor === 'js-esm' ? variants.esm : variants.cjs;
  const policies = normalisePolicies(options.policies);
  const rendered = replacePoliciesRegion(template, renderPoliciesBlock(policies, options.flavor)).replace(MARKER_LINE, '');
  return rendered.replace(/\n{3,}/g, '\n\n');
}

function renderPoliciesBlock(policies: ResiliencePolicyData[], flavor: ModuleFlavor): string {
  const names = policies.map((p) => jsString(p.name)).join(' | ');
  const declaration = flavor === 'ts'
    ? `export const policies: Record<${names}, ResiliencePolicy> = {`
    : flavor === 'js-esm' ? 'export const policies = {' : 'const policies = {';
  const body = policies.map((policy) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(policy.name) ? policy.name : jsString(policy.name);
    const breaker = policy.circuitBreaker
      ? `{ failureThreshold: ${policy.circuitBreaker.failureThreshold}, halfOpenAfterMs: ${policy.circuitBreaker.halfOpenAfterMs} }`
      : 'null';
    return [
      `  ${key}: {`,
      `    name: ${jsString(policy.name)},`,
      `    maxRetries: ${policy.maxRetries},`,
      `    backoff: ${jsString(policy.backoff)},`,
      `    jitter: ${jsString(policy.jitter)},`,
      `    initialDelayMs: ${policy.initialDelayMs},`,
      `    maxDelayMs: ${policy.maxDelayMs},`,
      `    attemptTimeoutMs: ${policy.attemptTimeoutMs},`,
      `    deadlineMs: ${policy.deadlineMs},`,
      `    retryStatuses: [${policy.retryStatuses.join(', ')}],`,
      `    retryErrors: [${policy.retryErrors.map(jsString).join(', ')}],`,
      `    retryNonIdempotent: ${policy.retryNonIdempotent},`,
      `    maxRetryAfterMs: ${policy.maxRetryAfterMs},`,
      `    retryAfterOverMax: ${jsString(policy.retryAfterOverMax)},`,
      `    circuitBreaker: ${breaker},`,
      '  },',
    ].join('\n');
  });
  return [
    '// Policies from integration-config.yml (`policies:`); calls that name none use `default`.',
    declaration,
    ...body,
    '};',
    '',
  ].join('\n');
}

export interface ProjectFacts {
  /** The project's package.json, parsed. */
  packageJson?: { type?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  /** Whether the project has a tsconfig.json (or the file being fixed is TypeScript). */
  typescript: boolean;
}

/** Which module to write for a project, and where by default (issue #6: src/integrations/resilience.ts). */
export function chooseModuleFlavor(project: ProjectFacts): { flavor: ModuleFlavor; useCockatiel: boolean; defaultPath: string } {
  const deps = { ...project.packageJson?.devDependencies, ...project.packageJson?.dependencies };
  const useCockatiel = 'cockatiel' in deps;
  const esmPackage = project.packageJson?.type === 'module';
  if (project.typescript) return { flavor: 'ts', useCockatiel, defaultPath: 'src/integrations/resilience.ts' };
  return esmPackage
    ? { flavor: 'js-esm', useCockatiel, defaultPath: 'src/integrations/resilience.js' }
    : { flavor: 'js-cjs', useCockatiel, defaultPath: 'src/integrations/resilience.js' };
}
