/**
 * The generator registry: every pattern × language pair, whether it is supported (and why not),
 * and `generate()`, which resolves options, runs the pure generator and assembles the config
 * entries and env var names around its files.
 */
import { configEntriesFor } from './configEntry';
import { goGenerators } from './languages/go';
import { javaGenerators } from './languages/java';
import { pythonGenerators } from './languages/python';
import { rustGenerators } from './languages/rust';
import { typescriptGenerators } from './languages/typescript';
import { defaultLayout } from './layout';
import { checkName } from './naming';
import { envVarsFor, PATTERNS } from './patterns';
import { checkPolicy, DEFAULT_POLICY } from './policy';
import { supportOf } from './support';
import {
  GeneratorOptionsError, LANGUAGE_IDS, LANGUAGE_TITLES, PATTERN_IDS, UnsupportedPairError,
  type GeneratedFile, type GeneratorOptions, type GeneratorOutput, type LanguageId, type PatternId,
  type ResolvedOptions, type Support,
} from './types';

/** What a language module returns for one pattern; the registry adds config and env. */
export interface LanguageFiles {
  files: GeneratedFile[];
  dependencies: string[];
  notes?: string[];
}
export type LanguageGenerator = (options: ResolvedOptions) => LanguageFiles;
export type LanguageGenerators = Partial<Record<PatternId, LanguageGenerator>>;

const GENERATORS: Record<LanguageId, LanguageGenerators> = {
  typescript: typescriptGenerators,
  python: pythonGenerators,
  go: goGenerators,
  java: javaGenerators,
  rust: rustGenerators,
};

export { LANGUAGE_TITLES };

export function isPatternId(value: string): value is PatternId {
  return (PATTERN_IDS as readonly string[]).includes(value);
}
export function isLanguageId(value: string): value is LanguageId {
  return (LANGUAGE_IDS as readonly string[]).includes(value);
}

/** Support of a pair with these options; also false when no generator is registered. */
export function support(pattern: PatternId, language: LanguageId, options: Pick<GeneratorOptions, 'broker' | 'engine'> = {}): Support {
  const verdict = supportOf(pattern, language, options);
  if (!verdict.supported) return verdict;
  return GENERATORS[language][pattern] ? verdict : { supported: false, reason: `${pattern} is not generated for ${LANGUAGE_TITLES[language]} yet.` };
}

/** The whole matrix with default options, for the wizard's language step and the docs. */
export function supportMatrix(): { pattern: PatternId; language: LanguageId; support: Support }[] {
  return PATTERN_IDS.flatMap((pattern) => LANGUAGE_IDS.map((language) => ({ pattern, language, support: support(pattern, language) })));
}

/** Applies defaults and checks every option; throws GeneratorOptionsError. */
export function resolveOptions(pattern: PatternId, language: LanguageId, options: GeneratorOptions): ResolvedOptions {
  checkName(options.name);
  const info = PATTERNS[pattern];
  const auth = options.auth ?? info.authTypes[0]!;
  if (!info.authTypes.includes(auth)) {
    throw new GeneratorOptionsError(`auth type "${auth}" is not available for ${pattern}; choose one of ${info.authTypes.join(', ')}`);
  }
  const resilience = options.resilience ?? { kind: 'named', name: 'default', policy: DEFAULT_POLICY };
  checkPolicy(resilience.policy);
  if (resilience.kind === 'named' && !/^[A-Za-z][\w-]*$/.test(resilience.name)) {
    throw new GeneratorOptionsError(`policy name must start with a letter and hold letters, digits, _ or -, got "${resilience.name}"`);
  }
  const broker = options.broker ?? 'rabbitmq';
  const engine = options.engine ?? 'in-process';
  const env: Record<string, string> = {};
  for (const { slot, name } of envVarsFor(pattern, options.name, { auth, broker, engine }, options.env)) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new GeneratorOptionsError(`env var name for ${slot.slot} must be UPPER_SNAKE_CASE, got "${name}"`);
    env[slot.slot] = name;
  }
  return {
    name: options.name,
    env,
    auth,
    resilience,
    monitoring: options.monitoring ?? false,
    broker,
    engine,
    layout: options.layout ?? defaultLayout(language, options.name),
  };
}

/**
 * Generates `pattern` in `language`. Throws UnsupportedPairError for a pair the registry does
 * not support (with the reason) and GeneratorOptionsError for bad options.
 */
export function generate(pattern: PatternId, language: LanguageId, options: GeneratorOptions): GeneratorOutput {
  const verdict = support(pattern, language, options);
  if (!verdict.supported) throw new UnsupportedPairError(pattern, language, verdict.reason);
  const resolved = resolveOptions(pattern, language, options);
  const generated = GENERATORS[language][pattern]!(resolved);
  const inits: GeneratedFile[] = (resolved.layout.packageInits ?? []).map((file) => ({ path: file, content: '', onlyIfMissing: true }));
  const choice = { auth: resolved.auth, broker: resolved.broker, engine: resolved.engine };
  return {
    files: [...inits, ...generated.files],
    configEntries: configEntriesFor(pattern, resolved),
    ...(resolved.resilience.kind === 'named' && PATTERNS[pattern].resilience !== 'none'
      ? { policy: { name: resolved.resilience.name, policy: resolved.resilience.policy } }
      : {}),
    envVars: envVarsFor(pattern, resolved.name, choice, resolved.env).map(({ slot, name }) => ({ name, description: slot.description, secret: slot.secret })),
    dependencies: generated.dependencies,
    notes: generated.notes ?? [],
  };
}
