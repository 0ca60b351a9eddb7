/**
 * What the context menus and title-bar buttons do, apart from the tree itself: copy a target,
 * jump to an env var's definition or a service's declaration, hand a site to the quick-fix or
 * health features, export the document.
 */
import * as vscode from 'vscode';
import { serviceFindings } from '../../core/detection/scanResult';
import type { Integration, Service } from '../../core/detection/types';
import { envVarsOf, findEnvDefinitions, findServiceDeclarations, type DeclarationSite } from '../../core/inventory/declarations';
import type { InventoryFolder, InventoryNode } from '../../core/inventory/inventoryTree';
import { INVENTORY_DOCUMENT, renderInventoryMarkdown } from '../../core/inventory/markdownExport';
import { siteRange, siteUri, type Place } from './inventoryNodes';
import { maskSecrets } from '../../core/secrets/maskSecrets';

/** What `integrationOrchestrator.addResilience` receives from the tree. */
export interface AddResilienceArgs {
  uri: vscode.Uri;
  range: vscode.Range;
  integration: Integration;
  root: string;
}

/** What `integrationOrchestrator.checkHealth` receives from the tree. */
export interface CheckHealthArgs {
  root: string;
  service: Service;
  /** The service's findings (sites, dependencies and configuration), for targets. */
  integrations: Integration[];
}

export const ADD_RESILIENCE_COMMAND = 'integrationOrchestrator.addResilience';
export const CHECK_HEALTH_COMMAND = 'integrationOrchestrator.checkHealth';

async function isRegistered(command: string): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(command);
}

export async function openSite(folder: InventoryFolder, integration: Place): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(siteUri(folder, integration));
  const editor = await vscode.window.showTextDocument(document, { selection: siteRange(integration), preview: true });
  editor.revealRange(siteRange(integration), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** The target worth copying: the site's own, else the service's host, env var or name. */
export function targetOf(node: InventoryNode, folder: InventoryFolder | undefined): string | undefined {
  if (node.type === 'site' || node.type === 'evidence') return node.integration.target ?? node.integration.host;
  if (node.type !== 'service') return undefined;
  const { service } = node;
  const fromCode = folder ? service.integrations.map((i) => folder.result.integrations[i]).find((i) => i?.target && i.role !== 'declaration')?.target : undefined;
  return fromCode ?? service.hosts[0] ?? (service.envVars[0] ? `\${${service.envVars[0]}}` : service.name);
}

export async function copyTarget(node: InventoryNode, folder: InventoryFolder | undefined): Promise<string | undefined> {
  const target = targetOf(node, folder);
  if (!target) {
    void vscode.window.showInformationMessage('This item has no target to copy.');
    return undefined;
  }
  await vscode.env.clipboard.writeText(target);
  vscode.window.setStatusBarMessage(`Copied ${target.length > 60 ? `${target.slice(0, 59)}…` : target}`, 3000);
  return target;
}

async function chooseDeclaration(sites: DeclarationSite[], title: string): Promise<DeclarationSite | undefined> {
  if (sites.length <= 1) return sites[0];
  const picked = await vscode.window.showQuickPick(sites.map((site) => ({
    site, label: `${site.file}:${site.line}`, description: site.source === 'env' ? '.env' : site.source, detail: site.value ? maskSecrets(site.value) : undefined,
  })), { title });
  return picked?.site;
}

/** Opens where the site's env var is set: .env, compose or k8s. Asks which var/place when there are several. */
export async function goToEnvDefinition(node: InventoryNode, folder: InventoryFolder | undefined): Promise<DeclarationSite | undefined> {
  if (!folder) return undefined;
  const names = node.type === 'site' ? envVarsOf(node.integration) : node.type === 'service' ? node.service.envVars : [];
  if (names.length === 0) {
    void vscode.window.showInformationMessage('This integration does not read an environment variable.');
    return undefined;
  }
  const name = names.length === 1 ? names[0] : await vscode.window.showQuickPick(names, { title: 'Go to Definition of Environment Variable' });
  if (!name) return undefined;
  const definitions = findEnvDefinitions(folder.result, name, folder.envDefinitions);
  if (definitions.length === 0) {
    void vscode.window.showInformationMessage(`${name} is not defined in a .env, compose or Kubernetes file of ${folder.name}.`);
    return undefined;
  }
  const chosen = await chooseDeclaration(definitions, `Definitions of ${name}`);
  if (chosen) await openSite(folder, chosen);
  return chosen;
}

/** Opens the compose service or Kubernetes object behind a service (or the declaration a site is). */
export async function revealDeclaration(node: InventoryNode, folder: InventoryFolder | undefined): Promise<DeclarationSite | undefined> {
  if (!folder) return undefined;
  let sites: DeclarationSite[] = [];
  if (node.type === 'service') sites = findServiceDeclarations(folder.result, node.service);
  else if (node.type === 'site' && node.service) sites = findServiceDeclarations(folder.result, node.service);
  if (sites.length === 0) {
    void vscode.window.showInformationMessage('No compose service, manifest or .env entry declares this service.');
    return undefined;
  }
  const chosen = await chooseDeclaration(sites, 'Declarations');
  if (chosen) await openSite(folder, chosen);
  return chosen;
}

export async function addResilience(node: InventoryNode, folder: InventoryFolder | undefined): Promise<unknown> {
  if (node.type !== 'site' || !folder) return undefined;
  if (!(await isRegistered(ADD_RESILIENCE_COMMAND))) {
    void vscode.window.showInformationMessage('Add Resilience is not available yet: the quick fixes for HTTP calls are not part of this build.');
    return undefined;
  }
  const args: AddResilienceArgs = { uri: siteUri(folder, node.integration), range: siteRange(node.integration), integration: node.integration, root: folder.result.root };
  return vscode.commands.executeCommand(ADD_RESILIENCE_COMMAND, args);
}

export async function checkHealth(node: InventoryNode, folder: InventoryFolder | undefined): Promise<unknown> {
  if (node.type !== 'service' || !folder) return undefined;
  if (!(await isRegistered(CHECK_HEALTH_COMMAND))) {
    void vscode.window.showInformationMessage('Check Health is not available yet: health checks are not part of this build.');
    return undefined;
  }
  const integrations = serviceFindings(folder.result, node.service);
  const args: CheckHealthArgs = { root: folder.result.root, service: node.service, integrations };
  return vscode.commands.executeCommand(CHECK_HEALTH_COMMAND, args);
}

/** Writes docs/integrations.md in the first workspace folder and opens it. */
export async function exportInventory(folders: readonly InventoryFolder[], firstFolder: vscode.WorkspaceFolder | undefined, includeTests: boolean): Promise<vscode.Uri | undefined> {
  if (!firstFolder || folders.length === 0) {
    void vscode.window.showInformationMessage('Nothing to export yet: the workspace has not been scanned.');
    return undefined;
  }
  const target = vscode.Uri.joinPath(firstFolder.uri, ...INVENTORY_DOCUMENT.split('/'));
  const outputDir = vscode.Uri.joinPath(target, '..');
  const markdown = renderInventoryMarkdown(folders.map((folder) => folder.result), {
    folderNames: folders.map((folder) => folder.name), outputDir: outputDir.fsPath, includeTests,
  });
  await vscode.workspace.fs.createDirectory(outputDir);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}
