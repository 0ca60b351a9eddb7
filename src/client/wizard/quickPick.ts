/**
 * "New Integration (Quick)": the same generator behind a native multi-step QuickPick (pattern →
 * language → name → options → files), with Back buttons. Writing goes through the same plan as
 * the webview: existing files show their diff in an editor and need a modal confirmation.
 */
import * as vscode from 'vscode';
import { isValidName } from '../../core/generators/naming';
import { PATTERNS } from '../../core/generators/patterns';
import { DEFAULT_POLICY } from '../../core/generators/policy';
import { supportOf } from '../../core/generators/support';
import { LANGUAGE_IDS, LANGUAGE_TITLES, PATTERN_IDS, type AuthType, type Broker, type LanguageId, type PatternId, type WorkflowEngine } from '../../core/generators/types';
import type { WizardRequest } from '../../shared/protocol';
import type { ExtensionCtx } from '../context';
import { planRequest, readWorkspacePolicies, write } from './backend';
import { confirmOverwrite, openWritten, targetFolder } from './panel';

const BACK = Symbol('back');
type Answer<T> = T | typeof BACK | undefined;
type Item<T> = vscode.QuickPickItem & { value?: T; unavailable?: string };

function pick<T>(title: string, step: number, total: number, items: Item<T>[], placeholder: string): Promise<Answer<T>> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<Item<T>>();
    Object.assign(quickPick, { title, step, totalSteps: total, placeholder, items, ignoreFocusOut: true, matchOnDescription: true, matchOnDetail: true });
    if (step > 1) quickPick.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const finish = (value: Answer<T>) => { settled = true; resolve(value); quickPick.dispose(); };
    quickPick.onDidTriggerButton(() => finish(BACK));
    quickPick.onDidAccept(() => {
      const chosen = quickPick.selectedItems[0];
      if (!chosen) return;
      if (chosen.unavailable) {
        void vscode.window.showWarningMessage(chosen.unavailable);
        return;
      }
      finish(chosen.value);
    });
    quickPick.onDidHide(() => { if (!settled) resolve(undefined); });
    quickPick.show();
  });
}

function ask(title: string, step: number, total: number, prompt: string, value: string, validate: (text: string) => string | undefined): Promise<Answer<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    Object.assign(box, { title, step, totalSteps: total, prompt, value, ignoreFocusOut: true });
    if (step > 1) box.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const finish = (answer: Answer<string>) => { settled = true; resolve(answer); box.dispose(); };
    box.onDidChangeValue((text) => { box.validationMessage = validate(text); });
    box.onDidTriggerButton(() => finish(BACK));
    box.onDidAccept(() => { if (!validate(box.value)) finish(box.value); });
    box.onDidHide(() => { if (!settled) resolve(undefined); });
    box.show();
  });
}

interface Choices {
  pattern?: PatternId;
  language?: LanguageId;
  name?: string;
  auth?: AuthType;
  broker: Broker;
  engine: WorkflowEngine;
  policy: string;
  monitoring: boolean;
}

export async function newIntegrationQuick(ctx: ExtensionCtx): Promise<void> {
  const folder = targetFolder();
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Open a folder first: the integration is written into it.');
    return;
  }
  const root = folder.uri.fsPath;
  const policies = await readWorkspacePolicies(root);
  const title = 'New Integration';
  const total = 5;
  const choices: Choices = { broker: 'rabbitmq', engine: 'in-process', policy: policies['default'] || Object.keys(policies).length === 0 ? 'default' : Object.keys(policies)[0]!, monitoring: false };

  const steps: (() => Promise<Answer<unknown>>)[] = [
    async () => {
      const answer = await pick<PatternId>(title, 1, total, PATTERN_IDS.map((id) => ({ label: PATTERNS[id].title, detail: PATTERNS[id].description, value: id })), 'What should the integration do?');
      if (typeof answer === 'string') { choices.pattern = answer; choices.auth = PATTERNS[answer].authTypes[0]; }
      return answer;
    },
    async () => {
      const pattern = choices.pattern!;
      const items: Item<LanguageId>[] = LANGUAGE_IDS.map((id) => {
        const verdict = supportOf(pattern, id);
        return verdict.supported
          ? { label: LANGUAGE_TITLES[id], value: id }
          : { label: `$(circle-slash) ${LANGUAGE_TITLES[id]}`, description: 'not generated', detail: verdict.reason, unavailable: verdict.reason };
      });
      const answer = await pick<LanguageId>(title, 2, total, items, `${PATTERNS[pattern].title}: which language?`);
      if (typeof answer === 'string') choices.language = answer;
      return answer;
    },
    async () => {
      const answer = await ask(title, 3, total, 'Integration name (kebab-case, e.g. payments-api)', choices.name ?? '',
        (text) => (isValidName(text) ? undefined : 'Use lowercase letters, digits and single dashes, like payments-api.'));
      if (typeof answer === 'string') choices.name = answer;
      return answer;
    },
    async () => {
      const info = PATTERNS[choices.pattern!];
      const items: Item<() => void>[] = [];
      if (info.usesBroker) for (const broker of ['rabbitmq', 'kafka'] as const) items.push({ label: `Broker: ${broker}`, picked: choices.broker === broker, value: () => { choices.broker = broker; } });
      if (info.usesEngine) for (const engine of ['in-process', 'temporal'] as const) items.push({ label: `Engine: ${engine}`, value: () => { choices.engine = engine; } });
      if (info.authTypes.length > 1) for (const auth of info.authTypes) items.push({ label: `Auth: ${auth}`, value: () => { choices.auth = auth; } });
      if (info.resilience !== 'none') {
        for (const name of Object.keys(policies)) items.push({ label: `Policy: ${name}`, description: 'integration-config.yml', value: () => { choices.policy = name; } });
        if (!policies['default']) items.push({ label: 'Policy: default (new)', description: 'timeout 10s, 3 retries, breaker', value: () => { choices.policy = 'default'; } });
      }
      items.push({ label: 'Monitoring: on', value: () => { choices.monitoring = true; } }, { label: 'Monitoring: off', value: () => { choices.monitoring = false; } });
      const quickPick = await new Promise<Answer<Item<() => void>[]>>((resolve) => {
        const qp = vscode.window.createQuickPick<Item<() => void>>();
        Object.assign(qp, { title, step: 4, totalSteps: total, canSelectMany: true, items, placeholder: 'Options (defaults: the first of each kind)', ignoreFocusOut: true });
        qp.buttons = [vscode.QuickInputButtons.Back];
        let settled = false;
        const finish = (value: Answer<Item<() => void>[]>) => { settled = true; resolve(value); qp.dispose(); };
        qp.onDidTriggerButton(() => finish(BACK));
        qp.onDidAccept(() => finish([...qp.selectedItems]));
        qp.onDidHide(() => { if (!settled) resolve(undefined); });
        qp.show();
      });
      if (Array.isArray(quickPick)) for (const item of quickPick) item.value?.();
      return quickPick;
    },
  ];
  for (let index = 0; index < steps.length;) {
    const answer = await steps[index]!();
    if (answer === undefined) return;
    index = answer === BACK ? Math.max(0, index - 1) : index + 1;
  }

  const verdict = supportOf(choices.pattern!, choices.language!, choices);
  if (!verdict.supported) {
    void vscode.window.showWarningMessage(`Not generated: ${verdict.reason}`);
    return;
  }
  const policy = policies[choices.policy] ?? DEFAULT_POLICY;
  const request: WizardRequest = {
    pattern: choices.pattern!, language: choices.language!, name: choices.name!, broker: choices.broker, engine: choices.engine,
    monitoring: choices.monitoring, env: {}, policy: { kind: 'named', name: choices.policy, values: policy },
    ...(choices.auth ? { auth: choices.auth } : {}),
  };
  const { plan } = await planRequest(root, request);
  const files = plan.files.filter((file) => file.action !== 'unchanged');
  const confirm = await pick<'write' | string>(title, 5, total, [
    { label: '$(check) Write these files', value: 'write' },
    ...files.map((file) => ({ label: file.path, description: file.action === 'conflict' ? 'exists: differs (shows the diff)' : file.action, value: file.path })),
  ], 'Review: pick a file to see it, or write');
  if (confirm === undefined || confirm === BACK) return;
  if (confirm !== 'write') {
    const file = files.find((f) => f.path === confirm)!;
    const document = await vscode.workspace.openTextDocument({ content: file.diff ?? file.content, language: file.diff ? 'diff' : undefined });
    await vscode.window.showTextDocument(document, { preview: true });
    const again = await vscode.window.showInformationMessage(`Write the ${files.length} files of ${request.name}?`, { modal: true }, 'Write');
    if (again !== 'Write') return;
  }
  const result = await write(root, request, confirmOverwrite);
  if (!result.ok) {
    if (result.error) void vscode.window.showErrorMessage(`New Integration: ${result.error.message}`);
    return;
  }
  ctx.log.info(`quick wizard: wrote ${result.written.length} files for ${request.name}`);
  await openWritten(folder, result.written);
}
