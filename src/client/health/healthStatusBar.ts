/** The status-bar summary of the last results ("$(pulse) 5 ✓ 1 ⚠ 1 ✗"); a click runs Check All. */
import * as vscode from 'vscode';
import type { HealthController } from './healthController';
import { countStatuses, statusBarAccessibleText, statusBarSeverity, statusBarText } from './statusSummary';

const ICONS = { unhealthy: '$(error)', degraded: '$(warning)', unknown: '$(question)', healthy: '$(pass)' } as const;

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}

export class HealthStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('integrationOrchestrator.health', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly controller: HealthController) {
    this.item.name = 'Integration Health';
    this.item.command = { command: 'integrationOrchestrator.checkAllHealth', title: 'Check All' };
    this.subscriptions.push(controller.onDidUpdate(() => this.render()));
    if (controller.inventory) this.subscriptions.push(controller.inventory.onDidChange(() => this.render()));
    this.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()));
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  /** Hidden in Restricted Mode and while the inventory has no service; otherwise the counts of the last results. */
  render(): void {
    const checked = this.controller.current();
    if (!vscode.workspace.isTrusted || this.controller.services().length === 0) {
      this.item.hide();
      return;
    }
    const counts = countStatuses(checked.map(({ result }) => result.status));
    this.item.text = statusBarText(counts, this.controller.progress);
    this.item.accessibilityInformation = { label: statusBarAccessibleText(counts) };
    const severity = statusBarSeverity(counts);
    this.item.backgroundColor = severity ? new vscode.ThemeColor(`statusBarItem.${severity}Background`) : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(checked.length === 0 ? 'No service checked yet.\n\n' : `**Service health** (last checks)\n\n`);
    const worstFirst = [...checked].sort((a, b) => rank(a.result.status) - rank(b.result.status));
    for (const { entry, result } of worstFirst.slice(0, 12)) {
      const latency = result.status === 'healthy' || result.status === 'degraded' ? ` ${result.latencyMs} ms` : '';
      tooltip.appendMarkdown(`${ICONS[result.status]} **${escapeMarkdown(entry.service.name)}** ${result.status}${latency} — ${escapeMarkdown(result.detail)}  \n`);
    }
    if (worstFirst.length > 12) tooltip.appendMarkdown(`…and ${worstFirst.length - 12} more  \n`);
    tooltip.appendMarkdown('\nClick to check all services.');
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

function rank(status: keyof typeof ICONS): number {
  return ['unhealthy', 'degraded', 'unknown', 'healthy'].indexOf(status);
}
