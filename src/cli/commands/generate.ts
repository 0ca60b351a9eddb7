/**
 * `integration-orchestrator generate --pattern <id> --language <id> --name <name> [--out dir] [--dry-run] [--force]`:
 * generates an integration into a workspace, adds its integration-config.yml entry and its env var
 * names to .env.example. Exit codes: 0 written (or previewed), 1 existing files would be
 * overwritten (use --force) or writing failed, 2 usage errors and unsupported pattern × language pairs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigUpdateError } from '../../core/generators/configUpdate';
import { planOutputPaths } from '../../core/generators/layout';
import { PATTERNS } from '../../core/generators/patterns';
import { DEFAULT_POLICY, readPolicies } from '../../core/generators/policy';
import { generate, isLanguageId, isPatternId, LANGUAGE_TITLES, support } from '../../core/generators/registry';
import {
  AUTH_TYPES, BROKERS, GeneratorOptionsError, LANGUAGE_IDS, PATTERN_IDS, WORKFLOW_ENGINES,
  type AuthType, type Broker, type GeneratorOptions, type PolicyChoice, type WorkflowEngine,
} from '../../core/generators/types';
import { applyWrite, planWrite, type PlannedFile } from '../../core/generators/writePlan';
import { oneOf, parseArgs } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../usage';

const HELP = `Usage: integration-orchestrator generate --pattern <id> --language <id> --name <name> [options]

Generates an integration into a workspace: its code where the project's layout says, an entry in
integration-config.yml (comments and formatting kept) and its env var names in .env.example.

Patterns:  ${PATTERN_IDS.join(', ')}
Languages: ${LANGUAGE_IDS.join(', ')}

Options:
  --name <name>          integration name, kebab-case (payments-api)
  --out <dir>            workspace folder (default: the current folder)
  --auth <type>          ${AUTH_TYPES.join('|')} (what the pattern supports; default: its first)
  --broker <broker>      rabbitmq|kafka, for queue-producer and queue-consumer (default rabbitmq)
  --engine <engine>      in-process|temporal, for workflow (default in-process)
  --policy <name>        resilience policy from integration-config.yml (default "default"; created if absent)
  --env <slot>=<NAME>    rename an env var (repeatable), e.g. --env baseUrl=PAYMENTS_BASE_URL
  --monitoring           structured events for retries, breaker changes and failures
  --dry-run              print the files and diffs, write nothing
  --force                overwrite existing files that differ
  -h, --help             this text

Exit codes: 0 done, 1 existing files differ (nothing written; --force overwrites), 2 usage error or
an unsupported pattern × language pair (the reason is printed).
`;

async function policyChoice(root: string, name: string | undefined): Promise<PolicyChoice> {
  const policyName = name ?? 'default';
  let text: string | undefined;
  for (const file of ['integration-config.yml', 'integration-config.yaml']) {
    text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text !== undefined) break;
  }
  const existing = text === undefined ? undefined : readPolicies(text)[policyName];
  return { kind: 'named', name: policyName, policy: existing ?? DEFAULT_POLICY };
}

function envOverrides(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const match = /^(\w+)=([A-Z_][A-Z0-9_]*)$/.exec(value);
    if (!match) throw new UsageError(`--env must look like slot=NAME (e.g. baseUrl=PAYMENTS_BASE_URL), got '${value}'`);
    out[match[1]!] = match[2]!;
  }
  return out;
}

function describe(file: PlannedFile): string {
  switch (file.action) {
    case 'create': return `create    ${file.path}`;
    case 'update': return `update    ${file.path}`;
    case 'unchanged': return `unchanged ${file.path}`;
    case 'conflict': return `CONFLICT  ${file.path} (exists with other content)`;
  }
}

function printPreview(io: CliIo, files: PlannedFile[]): void {
  for (const file of files) {
    io.stdout(`${describe(file)}\n`);
    if (file.action === 'create') io.stdout(`${file.content.replace(/^/gm, '  | ')}\n`);
    else if (file.diff) io.stdout(`${file.diff}\n`);
  }
}

export const generateCommand: CliCommand = async (args, io) => {
  const parsed = parseArgs(args, ['pattern', 'language', 'name', 'out', 'auth', 'broker', 'engine', 'policy', 'env'], ['dry-run', 'force', 'monitoring', 'help', 'h']);
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout(HELP);
    return 0;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}' (see --help)`);
  const pattern = parsed.values.get('pattern');
  const language = parsed.values.get('language');
  const name = parsed.values.get('name');
  if (!pattern || !language || !name) throw new UsageError('--pattern, --language and --name are required (see --help)');
  if (!isPatternId(pattern)) throw new UsageError(`--pattern must be one of ${PATTERN_IDS.join(', ')}; got '${pattern}'`);
  if (!isLanguageId(language)) throw new UsageError(`--language must be one of ${LANGUAGE_IDS.join(', ')}; got '${language}'`);
  const root = path.resolve(io.cwd, parsed.values.get('out') ?? '.');
  const broker: Broker = oneOf(parsed.values.get('broker'), BROKERS, 'broker', 'rabbitmq');
  const engine: WorkflowEngine = oneOf(parsed.values.get('engine'), WORKFLOW_ENGINES, 'engine', 'in-process');
  const auth = parsed.values.get('auth') === undefined ? undefined : oneOf<AuthType>(parsed.values.get('auth'), AUTH_TYPES, 'auth', 'none');

  const verdict = support(pattern, language, { broker, engine });
  if (!verdict.supported) {
    io.stderr(`integration-orchestrator generate: ${PATTERNS[pattern].title} is not generated for ${LANGUAGE_TITLES[language]}: ${verdict.reason}\n`);
    return 2;
  }
  const options: GeneratorOptions = {
    name,
    broker,
    engine,
    monitoring: parsed.flags.has('monitoring'),
    env: envOverrides(parsed.all.get('env') ?? []),
    resilience: await policyChoice(root, parsed.values.get('policy')),
    layout: await planOutputPaths(root, language, pattern, name),
    ...(auth ? { auth } : {}),
  };
  let plan;
  let output;
  try {
    output = generate(pattern, language, options);
    plan = await planWrite(root, output, name);
  } catch (error) {
    if (error instanceof GeneratorOptionsError) throw new UsageError(error.message);
    if (error instanceof ConfigUpdateError) {
      io.stderr(`integration-orchestrator generate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  if (parsed.flags.has('dry-run')) {
    printPreview(io, plan.files);
    io.stdout(`\ndry run: nothing written${plan.conflicts > 0 ? ` (${plan.conflicts} existing file${plan.conflicts === 1 ? '' : 's'} differ: --force to overwrite)` : ''}\n`);
    return 0;
  }
  if (plan.conflicts > 0 && !parsed.flags.has('force')) {
    const conflicts = plan.files.filter((f) => f.action === 'conflict');
    for (const file of conflicts) io.stderr(`${file.diff}\n`);
    io.stderr(`integration-orchestrator generate: ${conflicts.map((f) => f.path).join(', ')} already exist${conflicts.length === 1 ? 's' : ''} with other content; nothing was written. Review the diff above, then run again with --force to overwrite.\n`);
    return 1;
  }
  await applyWrite(plan, { overwrite: parsed.flags.has('force'), ...(io.signal ? { signal: io.signal } : {}) });
  for (const file of plan.files) io.stdout(`${describe(file)}\n`);
  if (plan.configSkipped.length > 0) io.stdout(`integration-config.yml already has ${plan.configSkipped.join(', ')}: left as it was\n`);
  for (const dependency of output.dependencies) io.stdout(`needs: ${dependency}\n`);
  for (const note of output.notes) io.stdout(`note: ${note}\n`);
  return 0;
};
