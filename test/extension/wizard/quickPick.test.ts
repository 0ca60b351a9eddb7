/**
 * "New Integration (Quick)" end to end in the real workbench: the test runs the command and
 * drives its QuickPick / InputBox steps with VS Code's quick-input commands (quickFlowDriver.ts),
 * on test/fixtures/wizard-workspace (TypeScript), which teardown restores after every test.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { IntegrationOrchestratorApi } from '../../../src/client/extension';
import { whenActivatedByWorkspace } from '../extensionUnderTest';
import { log } from '../testLog';
import { QuickFlowDriver } from './quickFlowDriver';
import { WorkspaceSnapshot } from './workspaceSnapshot';

const COMMAND = 'integrationOrchestrator.newIntegrationQuick';
const WRITE = '$(check) Write these files';

let api: IntegrationOrchestratorApi;
let flow: QuickFlowDriver;
let snapshot: WorkspaceSnapshot;
let repoRoot: string;
/** The command's promise: it settles when the flow ends (written, cancelled or failed). */
let running: Thenable<unknown> | undefined;

function workspacePath(...segments: string[]): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return path.join(folder.uri.fsPath, ...segments);
}

const read = (relative: string): string => readFileSync(workspacePath(relative), 'utf8');

/** Starts the command without awaiting it: it only returns once the flow is over. */
function start(): void {
  running = vscode.commands.executeCommand(COMMAND);
}

/** Waits for the command to return (after writing, or after Escape). */
async function finished(): Promise<void> {
  const pending = running;
  running = undefined;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([pending, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${COMMAND} did not return within 15 s`)), 15_000); })])
    .finally(() => clearTimeout(timer));
}

/** The repository's tsc on the fixture project (strict, NodeNext, noUnused*), run by the extension host's own Node. */
function tsc(project: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project],
      { cwd: project, timeout: 60_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }));
  });
}

const openTabs = (): string[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
  .flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [path.relative(workspacePath(), tab.input.uri.fsPath).split(path.sep).join('/')] : []));

suite('New Integration (Quick)', () => {
  suiteSetup(async () => {
    const extension = await whenActivatedByWorkspace();
    api = extension.exports;
    repoRoot = extension.extensionPath;
    assert.ok(api.quickWizard, 'the extension exports the quick flow\'s steps');
    flow = new QuickFlowDriver(api.quickWizard);
    snapshot = new WorkspaceSnapshot(workspacePath());
  });

  teardown(async function () {
    // A failed test may leave a step open: close it so the next test starts from the command.
    await flow.closeAll();
    if (running) await finished().catch((error: unknown) => log(`  (the flow of "${this.currentTest?.title}" ended with ${String(error)})`));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const removed = snapshot.restore();
    if (removed.length > 0) log(`  restored the fixture workspace (removed ${removed.join(', ')})`);
    assert.deepEqual([snapshot.added(), snapshot.changed()], [[], []], 'the fixture is back as it was');
  });

  test('writes a REST API client in TypeScript with the options picked, and tsc passes on the project', async () => {
    const started = Date.now();
    start();
    await flow.choose(1, 'REST API client');

    const language = await flow.choose(2, 'TypeScript');
    assert.equal(language.placeholder, 'REST API client: which language?');

    const name = await flow.inputBox(3);
    assert.equal(name.value, '', 'the name starts empty');
    // Enter on an invalid name: the step stays, with the reason.
    await flow.type(name, 'Quick API');
    await flow.accept();
    await flow.until('the invalid name to be refused', () => /lowercase letters, digits and single dashes/.test(name.validationMessage?.toString() ?? ''));
    assert.equal(api.quickWizard.current?.input, name, 'still at the name step');
    await flow.type(name, 'quick-api');
    await flow.accept();

    const options = await flow.quickPick(4);
    assert.deepEqual(options.items.map((item) => item.label), [
      'Auth: bearer', 'Auth: api-key', 'Auth: basic', 'Auth: none', 'Policy: default', 'Policy: fast', 'Monitoring: on', 'Monitoring: off',
    ]);
    assert.equal(await flow.toggle(options, 'Auth: api-key'), true);
    assert.equal(await flow.toggle(options, 'Policy: fast'), true);
    await flow.accept();

    const review = await flow.quickPick(5);
    assert.deepEqual(review.items.map((item) => [item.label, item.description ?? '']), [
      [WRITE, ''],
      ['src/integrations/quick-api/resilience.ts', 'create'],
      ['src/integrations/quick-api/client.ts', 'create'],
      ['integration-config.yml', 'update'],
      ['.env.example', 'create'],
    ]);
    assert.deepEqual(snapshot.added(), [], 'nothing is written before "Write these files"');
    await flow.moveTo(review, WRITE);
    await flow.accept();
    await finished();
    assert.equal(api.quickWizard.current, undefined, 'no step is left open');

    assert.deepEqual(snapshot.added(), ['.env.example', 'src/integrations/quick-api/client.ts', 'src/integrations/quick-api/resilience.ts']);
    assert.deepEqual(snapshot.changed(), ['integration-config.yml']);
    const client = read('src/integrations/quick-api/client.ts');
    assert.match(client, /Generated by Integration Orchestrator \(rest-client, "quick-api"\)/);
    assert.match(client, /policy "fast": timeout 1s per attempt, up to 1 retr/, 'the policy picked at the options step');
    assert.match(client, /X-API-Key/, 'the auth picked at the options step');
    assert.match(client, /QUICK_API_API_KEY/);
    assert.doesNotMatch(client, /QUICK_API_TOKEN/);
    assert.match(read('src/integrations/quick-api/resilience.ts'), /export (async )?function retry/);
    const config = read('integration-config.yml');
    assert.match(config, /^ {2}- name: payments-api$/m, 'the existing entry is kept');
    assert.match(config, /^ {2}- name: quick-api\n(.*\n)*? {4}resilience: \{ policy: fast \}$/m);
    assert.match(config, /auth: \{ type: api-key/);
    assert.equal(config.match(/^ {2}fast:$/gm)?.length, 1, 'the existing policy is not added twice');
    const env = read('.env.example');
    assert.match(env, /^QUICK_API_URL=$/m);
    assert.match(env, /^QUICK_API_API_KEY=$/m);

    const opened = openTabs();
    assert.ok(opened.includes('src/integrations/quick-api/client.ts'), `the written code is opened (tabs: ${opened.join(', ')})`);

    const driven = Date.now();
    const compiled = await tsc(workspacePath());
    log(`  flow driven and written in ${driven - started} ms, tsc in ${Date.now() - driven} ms`);
    assert.equal(compiled.code, 0, `tsc --noEmit on the fixture with the written files:\n${compiled.output}`);
  });

  test('Escape at the name step cancels: the command returns and nothing is written', async () => {
    start();
    await flow.choose(1, 'Inbound webhook receiver');
    await flow.choose(2, 'TypeScript');
    const name = await flow.inputBox(3);
    await flow.type(name, 'never-written');
    await flow.escape();
    await finished();
    assert.equal(api.quickWizard.current, undefined, 'no step is left open');
    assert.deepEqual(snapshot.added(), []);
    assert.deepEqual(snapshot.changed(), []);
    assert.deepEqual(openTabs(), [], 'no file was opened');
  });

  test('Back returns to the previous step with the earlier choice kept, from the review to the first step', async () => {
    const pattern = 'Service orchestration workflow';
    start();
    await flow.choose(1, pattern);
    await flow.choose(2, 'TypeScript');
    await flow.type(await flow.inputBox(3), 'back-probe');
    await flow.accept();
    const options = await flow.quickPick(4);
    assert.equal(await flow.toggle(options, 'Engine: temporal'), true);
    await flow.accept();
    const temporal = await flow.quickPick(5);
    assert.ok(temporal.items.some((item) => item.label === 'src/integrations/back-probe/workflows.ts'), 'the Temporal variant is reviewed');

    // Review → options: Temporal is still checked. Toggling it through the workbench unchecks it,
    // which shows the workbench had it checked, and the review follows.
    await flow.back();
    const again = await flow.quickPick(4);
    assert.deepEqual(again.selectedItems.map((item) => item.label), ['Engine: temporal']);
    assert.equal(await flow.toggle(again, 'Engine: temporal'), false);
    await flow.accept();
    const inProcess = await flow.quickPick(5);
    const reviewed = inProcess.items.map((item) => item.label);
    assert.ok(reviewed.includes('src/integrations/back-probe/engine.ts') && !reviewed.includes('src/integrations/back-probe/workflows.ts'), reviewed.join(', '));

    // Back, step by step, to the first one.
    await flow.back();
    await flow.quickPick(4);
    await flow.back();
    const name = await flow.inputBox(3);
    assert.equal(name.value, 'back-probe', 'the name typed before');
    await flow.back();
    const language = await flow.quickPick(2);
    assert.equal(language.activeItems[0]?.label, 'TypeScript');
    await flow.back();
    const first = await flow.quickPick(1);
    assert.equal(first.activeItems[0]?.label, pattern, 'the pattern chosen before is highlighted');
    // Enter without moving: the workbench accepts the highlighted (earlier) pattern.
    await flow.accept();
    assert.equal((await flow.quickPick(2)).placeholder, `${pattern}: which language?`);

    await flow.escape();
    await finished();
    assert.deepEqual(snapshot.added(), [], 'Back and Escape write nothing');
    assert.deepEqual(snapshot.changed(), []);
  });
});
