/** Client-side node helpers: where a site is on disk, what its range is, what a menu may offer. */
import path from 'node:path';
import * as vscode from 'vscode';
import type { Integration } from '../../core/detection/types';
import { envVarsOf } from '../../core/inventory/declarations';
import type { InventoryFolder, InventoryNode, SiteNode } from '../../core/inventory/inventoryTree';

/** A row that is not part of the inventory: "No integrations match the filter". */
export interface MessageNode {
  type: 'message';
  id: string;
  label: string;
  command?: vscode.Command;
}

/**
 * A heading another feature puts above inventory nodes through the provider's arrangement hook
 * (the health feature's "Unhealthy", "Healthy"…). Plain data; the provider renders it.
 */
export interface GroupNode {
  type: 'group';
  id: string;
  label: string;
  description?: string;
  /** Codicon id, and the theme colour id to paint it with. */
  icon: string;
  color?: string;
  children: TreeNode[];
}

export type TreeNode = InventoryNode | MessageNode | GroupNode;

export function fileUri(folder: InventoryFolder, file: string): vscode.Uri {
  return vscode.Uri.file(path.join(folder.result.root, ...file.split('/')));
}

/** A position in a folder's file, 1-based as the engine reports it: a finding or a declaration. */
export type Place = Pick<Integration, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>;

export function siteUri(folder: InventoryFolder, integration: Place): vscode.Uri {
  return fileUri(folder, integration.file);
}

/** The finding's exact range (engine positions are 1-based; VS Code's are 0-based). */
export function siteRange(integration: Place): vscode.Range {
  const start = new vscode.Position(Math.max(0, integration.line - 1), Math.max(0, integration.column - 1));
  const end = new vscode.Position(Math.max(0, integration.endLine - 1), Math.max(0, integration.endColumn - 1));
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

/** The command a click on a site runs: open the file with the finding selected. */
export function openSiteCommand(folder: InventoryFolder, integration: Place): vscode.Command {
  const options: vscode.TextDocumentShowOptions = { selection: siteRange(integration), preview: true };
  return { command: 'vscode.open', title: 'Open Integration', arguments: [siteUri(folder, integration), options] };
}

/** HTTP calls can be made resilient (the quick-fix feature's command takes them). */
export function isHttpCall(integration: Integration): boolean {
  return (integration.kind === 'http' || integration.kind === 'graphql') && integration.role === 'call' && integration.direction === 'outbound';
}

/** Space-separated flags that package.json menus match with `viewItem =~ /\bflag\b/`. */
export function siteContextValue(site: SiteNode, serviceDeclared: boolean): string {
  const flags = ['site'];
  if (isHttpCall(site.integration)) flags.push('httpCall');
  if (envVarsOf(site.integration).length > 0) flags.push('hasEnv');
  if (site.integration.target) flags.push('hasTarget');
  if (site.integration.role === 'declaration') flags.push('declaration');
  if (site.service) flags.push('inService');
  if (serviceDeclared) flags.push('hasDeclaration');
  return flags.join(' ');
}
