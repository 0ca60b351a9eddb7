/**
 * What the wizard's host side does, without VS Code: read the workspace's policies, turn a
 * wizard request into generator options, plan (preview) and write. The panel and the QuickPick
 * flow both use it; tests call it directly.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigUpdateError } from '../../core/generators/configUpdate';
import { planOutputPaths } from '../../core/generators/layout';
import { readPolicies } from '../../core/generators/policy';
import { generate } from '../../core/generators/registry';
import { GeneratorOptionsError, UnsupportedPairError, type GeneratorOptions, type GeneratorOutput, type ResiliencePolicy } from '../../core/generators/types';
import { applyWrite, planWrite, type WritePlan } from '../../core/generators/writePlan';
import type { WizardError, WizardPolicy, WizardRequest, WizardToWebview } from '../../shared/protocol';

type PreviewResult = Extract<WizardToWebview, { type: 'wizard/previewResult' }>['result'];
type WriteResult = Extract<WizardToWebview, { type: 'wizard/writeResult' }>['result'];

const toPolicy = (values: WizardPolicy): ResiliencePolicy => ({ ...values });

export async function readWorkspacePolicies(root: string | undefined): Promise<Record<string, ResiliencePolicy>> {
  if (!root) return {};
  for (const file of ['integration-config.yml', 'integration-config.yaml']) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text !== undefined) return readPolicies(text);
  }
  return {};
}

/** A wizard request as generator options. A named policy that exists in the workspace keeps the workspace's values. */
export async function toGeneratorOptions(root: string, request: WizardRequest): Promise<GeneratorOptions> {
  const policies = await readWorkspacePolicies(root);
  const resilience = request.policy.kind === 'named'
    ? { kind: 'named' as const, name: request.policy.name, policy: policies[request.policy.name] ?? toPolicy(request.policy.values) }
    : { kind: 'inline' as const, policy: toPolicy(request.policy.values) };
  const env = Object.fromEntries(Object.entries(request.env).filter(([, name]) => name.trim() !== '').map(([slot, name]) => [slot, name.trim()]));
  return {
    name: request.name,
    broker: request.broker,
    engine: request.engine,
    monitoring: request.monitoring,
    env,
    resilience,
    layout: await planOutputPaths(root, request.language, request.pattern, request.name),
    ...(request.auth ? { auth: request.auth } : {}),
  };
}

function asWizardError(error: unknown): WizardError {
  if (error instanceof UnsupportedPairError) return { kind: 'unsupported', message: error.reason };
  if (error instanceof GeneratorOptionsError) return { kind: 'options', message: error.message };
  if (error instanceof ConfigUpdateError) return { kind: 'config', message: error.message };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export interface Planned {
  output: GeneratorOutput;
  plan: WritePlan;
}

/** Generates and plans against the workspace; throws the generator's typed errors. */
export async function planRequest(root: string, request: WizardRequest): Promise<Planned> {
  const output = generate(request.pattern, request.language, await toGeneratorOptions(root, request));
  return { output, plan: await planWrite(root, output, request.name) };
}

export async function preview(root: string | undefined, request: WizardRequest): Promise<PreviewResult> {
  if (!root) return { ok: false, error: { kind: 'workspace', message: 'Open a folder first: the files are planned against its layout.' } };
  try {
    const { output, plan } = await planRequest(root, request);
    return {
      ok: true,
      files: plan.files.map((file) => ({ path: file.path, action: file.action, kind: file.kind, content: file.content, ...(file.diff ? { diff: file.diff } : {}) })),
      envVars: output.envVars,
      dependencies: output.dependencies,
      notes: output.notes,
    };
  } catch (error) {
    return { ok: false, error: asWizardError(error) };
  }
}

/**
 * Plans again (the workspace may have changed since the preview) and writes. When files would be
 * overwritten, `confirmOverwrite` is asked first (a modal in VS Code); declining writes nothing.
 */
export async function write(
  root: string | undefined,
  request: WizardRequest,
  confirmOverwrite: (conflicts: string[]) => Promise<boolean>,
  signal?: AbortSignal,
): Promise<WriteResult> {
  if (!root) return { ok: false, cancelled: false, error: { kind: 'workspace', message: 'Open a folder first.' } };
  try {
    const { plan } = await planRequest(root, request);
    const conflicts = plan.files.filter((file) => file.action === 'conflict').map((file) => file.path);
    const overwrite = conflicts.length > 0 ? await confirmOverwrite(conflicts) : false;
    if (conflicts.length > 0 && !overwrite) return { ok: false, cancelled: true };
    return { ok: true, written: await applyWrite(plan, { overwrite, ...(signal ? { signal } : {}) }) };
  } catch (error) {
    return { ok: false, cancelled: false, error: asWizardError(error) };
  }
}
