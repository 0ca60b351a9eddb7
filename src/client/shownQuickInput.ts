/**
 * Which quick input of one of our flows is on screen (the wizard's steps, the inventory's picks).
 *
 * Flows report what they show, always (there is no test switch): the extension's exported API
 * hands these trackers out so the extension tests can wait for the right QuickPick or InputBox
 * before they drive it with VS Code's own quick-input commands. Nothing here changes what a flow
 * does; it only makes the input it waits on observable.
 */
import * as vscode from 'vscode';

export class ShownQuickInput<T extends object> implements vscode.Disposable {
  private visible: T | undefined;
  private readonly changed = new vscode.EventEmitter<T | undefined>();
  protected readonly onDidChangeShown = this.changed.event;

  get current(): T | undefined {
    return this.visible;
  }

  /** Called right after the input's `show()`. */
  protected show(value: T): void {
    this.visible = value;
    this.changed.fire(value);
  }

  /** Called when an input is hidden; a later one may already have replaced it, and then stays. */
  protected hide(isIt: (shown: T) => boolean): void {
    if (!this.visible || !isIt(this.visible)) return;
    this.visible = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.visible = undefined;
    this.changed.dispose();
  }
}
