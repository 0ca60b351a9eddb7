/**
 * The health commands: Check Health (a service from the tree, or picked), Check All, Set Service
 * Target, Set Service Credentials, and the tree's Sort / Group by Health. Every command that can
 * lead to a probe refuses in Restricted Mode, with the reason.
 */
import * as vscode from 'vscode';
import { serviceFindings } from '../../core/detection/scanResult';
import { kindInfo } from '../../core/inventory/kinds';
import { parseTarget, TargetError } from '../../core/probes/target';
import { serviceProtocol } from '../../core/probes/sources/inventory';
import type { CommandFactory } from '../commands';
import type { HealthArrangement } from './healthArrangement';
import type { CheckedService, HealthController, ServiceEntry } from './healthController';
import { healthAllowed } from './restrictedMode';
import { maskSecrets } from '../../core/secrets/maskSecrets';

/** What the commands need beyond the controller (the arrangement lives with the registration). */
export interface HealthCommandHost {
  controller: HealthController;
  setArrangement(arrangement: HealthArrangement): Promise<void>;
}

/** The service a command was given: the inventory's forwarded `{ root, service }`, or a tree node. */
function entryFrom(controller: HealthController, arg: unknown): ServiceEntry | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = arg as { root?: unknown; service?: { id?: unknown }; type?: unknown; folder?: unknown };
  const serviceId = typeof value.service?.id === 'string' ? value.service.id : undefined;
  if (!serviceId) return undefined;
  if (typeof value.root === 'string') return controller.find(value.root, serviceId);
  if (value.type === 'service' && typeof value.folder === 'number') {
    const root = controller.inventory?.folders()[value.folder]?.result.root;
    return root ? controller.find(root, serviceId) : undefined;
  }
  return undefined;
}

async function pickServices(controller: HealthController, title: string, canPickMany: boolean): Promise<ServiceEntry[] | undefined> {
  await controller.inventory?.whenIdle();
  const entries = controller.services();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('The Integrations view has found no service to check yet.');
    return undefined;
  }
  const multiRoot = new Set(entries.map((entry) => entry.root)).size > 1;
  const items = entries.map((entry) => {
    const last = controller.resultOf(entry.root, entry.serviceId);
    return {
      entry,
      label: entry.service.name,
      description: [kindInfo(entry.service.kind).noun, multiRoot ? entry.folder.name : '', last ? last.status : ''].filter(Boolean).join(' · '),
      ...(last ? { detail: `${last.target} — ${last.detail}` } : {}),
    };
  });
  if (canPickMany) {
    const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true, matchOnDescription: true, placeHolder: 'Services to check' });
    return picked?.map((item) => item.entry);
  }
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, placeHolder: 'Service' });
  return picked ? [picked.entry] : undefined;
}

async function oneService(controller: HealthController, arg: unknown, title: string): Promise<ServiceEntry | undefined> {
  return entryFrom(controller, arg) ?? (await pickServices(controller, title, false))?.[0];
}

/** After a check, says what could not be checked (no target known) and offers to set one. */
function explainUnchecked(requested: readonly ServiceEntry[], checked: readonly CheckedService[]): void {
  const done = new Set(checked.map(({ entry }) => entry.key));
  const missing = requested.filter((entry) => !done.has(entry.key));
  if (missing.length === 0 || (checked.length > 0 && requested.length > 1)) return;
  const name = missing.length === 1 ? missing[0]!.service.name : `${missing.length} services`;
  void vscode.window.showInformationMessage(`No target known for ${name}: the workspace names no URL or host for it. Set one to check it.`, 'Set Target…')
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('integrationOrchestrator.setServiceTarget', { root: missing[0]!.root, service: missing[0]!.service });
    });
}

export function healthCommands(host: HealthCommandHost): Record<string, CommandFactory> {
  const { controller } = host;
  const allowed = () => healthAllowed((message) => controller.refused(message));

  const checkEntries = async (entries: ServiceEntry[], title: string): Promise<CheckedService[]> => {
    const checked = await controller.checkWithProgress(entries, title);
    explainUnchecked(entries, checked);
    return checked;
  };

  return {
    checkHealth: () => async (arg?: unknown) => {
      if (!allowed()) return undefined;
      const given = entryFrom(controller, arg);
      const entries = given ? [given] : await pickServices(controller, 'Check Health', true);
      if (!entries?.length) return undefined;
      const title = entries.length === 1 ? `Checking ${entries[0]!.service.name}` : `Checking ${entries.length} services`;
      return (await checkEntries(entries, title)).map(({ result }) => result);
    },

    checkAllHealth: () => async () => {
      if (!allowed()) return undefined;
      await controller.inventory?.whenIdle();
      const entries = controller.services();
      if (entries.length === 0) {
        void vscode.window.showInformationMessage('The Integrations view has found no service to check yet.');
        return [];
      }
      const checked = await checkEntries(entries, 'Checking the health of every service');
      return checked.map(({ result }) => result);
    },

    /** `(service?, target?)`: a target given as the second argument skips the input box (other extensions, tests). */
    setServiceTarget: () => async (arg?: unknown, given?: unknown) => {
      if (!allowed()) return undefined;
      const entry = await oneService(controller, arg, 'Set Service Target');
      if (!entry) return undefined;
      const integrations = serviceFindings(entry.folder.result, entry.service);
      const protocol = serviceProtocol(entry.service, integrations);
      let text = typeof given === 'string' ? given : undefined;
      if (text === undefined) {
        const current = controller.settings.target(entry.root, entry.serviceId) ?? controller.resultOf(entry.root, entry.serviceId)?.target;
        text = await vscode.window.showInputBox({
          title: `Target of ${entry.service.name}`,
          prompt: `A URL (redis://host:6379, https://api.example.com) or host:port${protocol ? ` (spoken as ${protocol})` : ''}; \${VAR} reads .env. Empty: use what the workspace says. A password typed here goes to VS Code's secret storage.`,
          value: current ? maskSecrets(current) : '',
          ignoreFocusOut: true,
          validateInput: (value) => validateTarget(value, protocol),
        });
        if (text === undefined) return undefined;
      } else {
        const problem = validateTarget(text, protocol);
        if (problem) throw new TargetError(problem);
      }
      const stored = await controller.settings.setTarget(entry.root, entry.serviceId, text);
      controller.invalidate(entry);
      if (stored === undefined) controller.log(`health: target of ${entry.service.name} reset to what the workspace says`);
      else controller.log(maskSecrets(`health: target of ${entry.service.name} set to ${stored}`));
      if (typeof given !== 'string') void checkEntries([entry], `Checking ${entry.service.name}`);
      return stored;
    },

    /**
     * `(service?, credentials?)`: `{ username?, password? }` (or `null` to remove) as the second argument
     * skips the input boxes (other extensions, tests). Either way they go to SecretStorage only.
     */
    setServiceCredentials: () => async (arg?: unknown, given?: unknown) => {
      if (!allowed()) return undefined;
      const entry = await oneService(controller, arg, 'Set Service Credentials');
      if (!entry) return undefined;
      if (given === null || isCredentials(given)) {
        const credentials = given ? { ...(given.username ? { username: given.username } : {}), ...(given.password ? { password: given.password } : {}) } : undefined;
        await controller.settings.setCredentials(entry.root, entry.serviceId, credentials);
        controller.invalidate(entry);
        controller.log(`health: credentials for ${entry.service.name} ${credentials?.username || credentials?.password ? 'stored in secret storage' : 'removed'}`);
        return Boolean(credentials?.username || credentials?.password);
      }
      const existing = await controller.settings.credentials(entry.root, entry.serviceId);
      const username = await vscode.window.showInputBox({
        title: `Credentials for ${entry.service.name} (1/2)`,
        prompt: 'User name (empty: none, or the one in the target URL)',
        value: existing?.username ?? '',
        ignoreFocusOut: true,
      });
      if (username === undefined) return undefined;
      const password = await vscode.window.showInputBox({
        title: `Credentials for ${entry.service.name} (2/2)`,
        prompt: 'Password, kept in VS Code\'s secret storage only. Leave both fields empty to remove stored credentials.',
        password: true,
        ignoreFocusOut: true,
      });
      if (password === undefined) return undefined;
      const credentials = { ...(username ? { username } : {}), ...(password ? { password } : {}) };
      await controller.settings.setCredentials(entry.root, entry.serviceId, credentials);
      const removed = !username && !password;
      controller.invalidate(entry);
      controller.log(`health: credentials for ${entry.service.name} ${removed ? 'removed' : 'stored in secret storage'}`);
      void vscode.window.showInformationMessage(removed ? `Stored credentials for ${entry.service.name} removed.` : `Credentials for ${entry.service.name} stored in VS Code's secret storage.`);
      void checkEntries([entry], `Checking ${entry.service.name}`);
      return !removed;
    },

    'health.sortByHealth': () => () => host.setArrangement('sort'),
    'health.groupByHealth': () => () => host.setArrangement('group'),
    'health.inventoryOrder': () => () => host.setArrangement('none'),
  };
}

function isCredentials(value: unknown): value is { username?: string; password?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { username, password } = value as { username?: unknown; password?: unknown };
  return (username === undefined || typeof username === 'string') && (password === undefined || typeof password === 'string');
}

function validateTarget(value: string, protocol: string | undefined): string | undefined {
  const text = value.trim();
  if (!text || text.includes('${')) return undefined;
  try {
    parseTarget(text, protocol);
    return undefined;
  } catch (error) {
    if (error instanceof TargetError) return error.message;
    throw error;
  }
}
