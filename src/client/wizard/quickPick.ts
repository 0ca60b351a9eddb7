/**
 * "New Integration (Quick)": the same generator behind a native multi-step QuickPick (pattern →
 * language → name → options → review), with Back buttons. Back keeps what was chosen: the
 * earlier pattern and language are the active items again, the name is filled in, the options
 * are checked again. Writing goes through the same plan as the webview: existing files show
 * their diff in an editor and need a modal confirmation.
 *
 * Every step is reported to a QuickStepTracker (quickSteps.ts), which the extension tests use
 * to wait for a step before driving it with VS Code's own quick-input commands.
 */
import * as vscode from 'vscode';
import { isValidName } from '../../core/generators/naming';
import { PATTERNS } from '../../core/generators/patterns';
import { DEFAULT_POLICY } from '../../core/generators/policy';
import { supportOf } from '../../core/generators/support';
import { LANGUAGE_IDS, LANGUAGE_TITLES, PATTERN_IDS, type AuthType, type Broker, type LanguageId, type PatternId, type WorkflowEngine } from '../../core/generators/types';
import type { PlannedFile } from '../../core/generators/writePlan';
import type { WizardRequest } from '../../shared/protocol';
import type { ExtensionCtx } from '../context';
import { planRequest, readWorkspacePolicies, write } from './backend';
import { confirmOverwrite, openWritten, targetFolder } from './panel';
import type { QuickInputWidget, QuickStepTracker } from './quickSteps';

const BACK = Symbol('back');
type Answer<T> = T | typeof BACK | undefined;
type Item<T> = vscode.QuickPickItem & { value?: T; unavailable?: string };

const TITLE = 'New Integration';
const TOTAL_STEPS = 5;

/** Where a step sits in the flow, and who is told when it shows. */
interface Frame {
  step: number;
  tracker: QuickStepTracker;
}

/**
 * Shows `input` as step `frame.step` and settles with what `wire` passes to `finish`: an answer,
 * BACK (the Back button) or undefined (hidden: Escape, or focus taken by another quick input).
 */
function runStep<A>(frame: Frame, input: QuickInputWidget, wire: (finish: (answer: Answer<A>) => void) => void): Promise<Answer<A>> {
  return new Promise((resolve) => {
    Object.assign(input, { title: TITLE, step: frame.step, totalSteps: TOTAL_STEPS, ignoreFocusOut: true });
    if (frame.step > 1) input.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const finish = (answer: Answer<A>) => {
      if (settled) return;
      settled = true;
      frame.tracker.gone(input);
      resolve(answer);
      input.dispose();
    };
    input.onDidTriggerButton((button) => { if (button === vscode.QuickInputButtons.Back) finish(BACK); });
    input.onDidHide(() => finish(undefined));
    wire(finish);
    input.show();
    frame.tracker.shown(frame.step, TOTAL_STEPS, input);
  });
}

/** One item out of `items`; `active` (a value chosen earlier) is highlighted instead of the first item. */
function pick<T>(frame: Frame, items: Item<T>[], placeholder: string, active?: T): Promise<Answer<T>> {
  const quickPick = vscode.window.createQuickPick<Item<T>>();
  Object.assign(quickPick, { placeholder, items, matchOnDescription: true, matchOnDetail: true });
  const earlier = active === undefined ? undefined : items.find((item) => item.value === active);
  if (earlier) quickPick.activeItems = [earlier];
  return runStep<T>(frame, quickPick, (finish) => {
    quickPick.onDidAccept(() => {
      const chosen = quickPick.selectedItems[0];
      if (!chosen) return;
      if (chosen.unavailable) {
        void vscode.window.showWarningMessage(chosen.unavailable);
        return;
      }
      finish(chosen.value);
    });
  });
}

/** Any number of `items` (those with `picked` start checked). */
function pickMany<T>(frame: Frame, items: Item<T>[], placeholder: string): Promise<Answer<Item<T>[]>> {
  const quickPick = vscode.window.createQuickPick<Item<T>>();
  Object.assign(quickPick, { placeholder, items, canSelectMany: true });
  quickPick.selectedItems = items.filter((item) => item.picked);
  return runStep<Item<T>[]>(frame, quickPick, (finish) => {
    quickPick.onDidAccept(() => finish([...quickPick.selectedItems]));
  });
}

function ask(frame: Frame, prompt: string, value: string, validate: (text: string) => string | undefined): Promise<Answer<string>> {
  const box = vscode.window.createInputBox();
  Object.assign(box, { prompt, value });
  return runStep<string>(frame, box, (finish) => {
    box.onDidChangeValue((text) => { box.validationMessage = validate(text); });
    box.onDidAccept(() => {
      const problem = validate(box.value);
      if (problem) box.validationMessage = problem;
      else finish(box.value);
    });
  });
}

interface Options {
  auth?: AuthType;
  broker: Broker;
  engine: WorkflowEngine;
  policy: string;
  monitoring: boolean;
}

interface Choices extends Options {
  pattern?: PatternId;
  language?: LanguageId;
  name?: string;
  /** Labels checked at the options step, checked again when the user comes Back to it. */
  checked?: string[];
}

/** What the review step settled on: write everything, or look at one file first. */
interface Reviewed {
  request: WizardRequest;
  files: PlannedFile[];
  answer: 'write' | string;
}

function requestOf(choices: Choices, policies: Record<string, WizardRequest['policy']['values']>): WizardRequest {
  return {
    pattern: choices.pattern!, language: choices.language!, name: choices.name!, broker: choices.broker, engine: choices.engine,
    monitoring: choices.monitoring, env: {}, policy: { kind: 'named', name: choices.policy, values: policies[choices.policy] ?? DEFAULT_POLICY },
    ...(choices.auth ? { auth: choices.auth } : {}),
  };
}

export async function newIntegrationQuick(ctx: ExtensionCtx, tracker: QuickStepTracker): Promise<void> {
  const folder = targetFolder();
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Open a folder first: the integration is written into it.');
    return;
  }
  const root = folder.uri.fsPath;
  const policies = await readWorkspacePolicies(root);
  const at = (step: number): Frame => ({ step, tracker });
  const defaultPolicy = policies['default'] || Object.keys(policies).length === 0 ? 'default' : Object.keys(policies)[0]!;
  const defaults = (pattern: PatternId): Options => ({ broker: 'rabbitmq', engine: 'in-process', auth: PATTERNS[pattern].authTypes[0], policy: defaultPolicy, monitoring: false });
  const choices: Choices = { broker: 'rabbitmq', engine: 'in-process', policy: defaultPolicy, monitoring: false };
  let reviewed: Reviewed | undefined;

  const steps: (() => Promise<Answer<unknown>>)[] = [
    async () => {
      const answer = await pick<PatternId>(at(1), PATTERN_IDS.map((id) => ({ label: PATTERNS[id].title, detail: PATTERNS[id].description, value: id })), 'What should the integration do?', choices.pattern);
      if (typeof answer === 'string' && answer !== choices.pattern) {
        // Another pattern has other options: start them from its defaults.
        Object.assign(choices, { pattern: answer, checked: undefined }, defaults(answer));
      }
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
      const answer = await pick<LanguageId>(at(2), items, `${PATTERNS[pattern].title}: which language?`, choices.language);
      if (typeof answer === 'string') choices.language = answer;
      return answer;
    },
    async () => {
      const answer = await ask(at(3), 'Integration name (kebab-case, e.g. payments-api)', choices.name ?? '',
        (text) => (isValidName(text) ? undefined : 'Use lowercase letters, digits and single dashes, like payments-api.'));
      if (typeof answer === 'string') choices.name = answer;
      return answer;
    },
    async () => {
      const info = PATTERNS[choices.pattern!];
      const items: Item<(options: Options) => void>[] = [];
      if (info.usesBroker) for (const broker of ['rabbitmq', 'kafka'] as const) items.push({ label: `Broker: ${broker}`, value: (o) => { o.broker = broker; } });
      if (info.usesEngine) for (const engine of ['in-process', 'temporal'] as const) items.push({ label: `Engine: ${engine}`, value: (o) => { o.engine = engine; } });
      if (info.authTypes.length > 1) for (const auth of info.authTypes) items.push({ label: `Auth: ${auth}`, value: (o) => { o.auth = auth; } });
      if (info.resilience !== 'none') {
        for (const name of Object.keys(policies)) items.push({ label: `Policy: ${name}`, description: 'integration-config.yml', value: (o) => { o.policy = name; } });
        if (!policies['default']) items.push({ label: 'Policy: default (new)', description: 'timeout 10s, 3 retries, breaker', value: (o) => { o.policy = 'default'; } });
      }
      items.push({ label: 'Monitoring: on', value: (o) => { o.monitoring = true; } }, { label: 'Monitoring: off', value: (o) => { o.monitoring = false; } });
      for (const item of items) item.picked = choices.checked ? choices.checked.includes(item.label) : item.label === 'Broker: rabbitmq';
      const answer = await pickMany(at(4), items, 'Options (defaults: the first of each kind)');
      if (Array.isArray(answer)) {
        // The checked items say it all: what is unchecked now goes back to its default.
        const options = defaults(choices.pattern!);
        for (const item of answer) item.value?.(options);
        Object.assign(choices, options, { checked: answer.map((item) => item.label) });
      }
      return answer;
    },
    async () => {
      const verdict = supportOf(choices.pattern!, choices.language!, choices);
      if (!verdict.supported) {
        // An option (broker, engine) rules out this language: back to the options.
        void vscode.window.showWarningMessage(`Not generated: ${verdict.reason}`);
        return BACK;
      }
      const request = requestOf(choices, policies);
      let files: PlannedFile[];
      try {
        files = (await planRequest(root, request)).plan.files.filter((file) => file.action !== 'unchanged');
      } catch (error) {
        void vscode.window.showErrorMessage(`New Integration: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      const answer = await pick<string>(at(5), [
        { label: '$(check) Write these files', value: 'write' },
        ...files.map((file) => ({ label: file.path, description: file.action === 'conflict' ? 'exists: differs (shows the diff)' : file.action, value: file.path })),
      ], 'Review: pick a file to see it, or write');
      if (typeof answer === 'string') reviewed = { request, files, answer };
      return answer;
    },
  ];
  for (let index = 0; index < steps.length;) {
    const answer = await steps[index]!();
    if (answer === undefined) return;
    index = answer === BACK ? Math.max(0, index - 1) : index + 1;
  }
  if (!reviewed) return;

  const { request, files, answer } = reviewed;
  if (answer !== 'write') {
    const file = files.find((f) => f.path === answer)!;
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
