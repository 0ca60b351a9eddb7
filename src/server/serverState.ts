/**
 * State shared by the server's feature areas (config files now; detection and inventory next):
 * workspace folders, whether Red Hat YAML is active, the inventory the config checks compare
 * against, and fan-out for notifications that only one handler may own in vscode-languageserver.
 */
import path from 'node:path';
import type { DidChangeWatchedFilesParams, InitializeParams } from 'vscode-languageserver';
import type { InventoryTarget } from '../core/config/checks/checkContext';
import type { ServerInitializationOptions } from '../shared/protocol';
import { uriToPath } from './config/uri';

type Listener<T> = (value: T) => void;

class Fanout<T> {
  private readonly listeners: Listener<T>[] = [];
  on(listener: Listener<T>): void {
    this.listeners.push(listener);
  }
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
}

export class ServerState {
  /** Absolute paths of the workspace folders. */
  folders: string[] = [];
  redHatYamlActive = false;
  /** Whether the client answers `workspace/configuration` (per-resource settings). */
  configurationSupported = false;
  dynamicConfigurationRegistration = false;
  workspaceFoldersSupported = false;

  /** `initialized` arrived: dynamic registrations may be made now. */
  readonly initialized = new Fanout<void>();
  /** Workspace folders were added or removed (`folders` is up to date). */
  readonly foldersChanged = new Fanout<void>();
  /** `workspace/didChangeWatchedFiles` (`.env*`, compose and config files), for every area. */
  readonly watchedFilesChanged = new Fanout<DidChangeWatchedFilesParams>();
  /** Settings changed: re-read them. */
  readonly configurationChanged = new Fanout<void>();
  /** Workspace folders, Red Hat YAML or the inventory changed: re-validate open config files. */
  readonly contextChanged = new Fanout<void>();

  private inventory = new Map<string, readonly InventoryTarget[]>();

  init(params: InitializeParams): void {
    this.folders = [];
    this.folders = (params.workspaceFolders ?? []).map((folder) => uriToPath(folder.uri)).filter((folder): folder is string => folder !== undefined);
    if (this.folders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) this.folders = [root];
    }
    const options = (params.initializationOptions ?? {}) as Partial<ServerInitializationOptions>;
    this.redHatYamlActive = options.redHatYamlActive === true;
    this.configurationSupported = params.capabilities.workspace?.configuration === true;
    this.dynamicConfigurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.workspaceFoldersSupported = params.capabilities.workspace?.workspaceFolders === true;
  }

  /**
   * Sets the detected inventory of a workspace folder (from the detection side); the config
   * check "target not in inventory" runs only for folders that have one.
   */
  setInventory(folder: string, targets: readonly InventoryTarget[]): void {
    this.inventory.set(folder, targets);
    this.contextChanged.fire();
  }

  /** A folder left the workspace: its inventory no longer says anything about open configs. */
  forgetInventory(folder: string): void {
    if (this.inventory.delete(folder)) this.contextChanged.fire();
  }

  /** The inventory of the innermost folder holding `file` (`/w/app` holds `/w/app/x`, not `/w/app2/x`). */
  inventoryFor(file: string | undefined): readonly InventoryTarget[] | undefined {
    if (!file) return undefined;
    const holds = (dir: string) => file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
    const folder = [...this.inventory.keys()].filter(holds).sort((a, b) => b.length - a.length)[0];
    return folder === undefined ? undefined : this.inventory.get(folder);
  }
}
