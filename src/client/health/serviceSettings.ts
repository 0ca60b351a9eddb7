/**
 * Per-service choices a person makes: a target override (workspace state: the workspace's own
 * storage in VS Code's user data, never a file in the repository) and credentials (SecretStorage
 * only: the OS keychain where there is one). Passwords are never put in workspace state.
 */
import type * as vscode from 'vscode';
import { splitCredentials, type StoredCredentials } from './targetOverrides';

const TARGETS_KEY = 'integrationOrchestrator.health.targets';
const SECRET_PREFIX = 'integrationOrchestrator.health.credentials:';

export function serviceKey(root: string, serviceId: string): string {
  return `${root}\u0000${serviceId}`;
}

export class ServiceSettings {
  constructor(private readonly state: vscode.Memento, private readonly secrets: vscode.SecretStorage) {}

  private targets(): Record<string, string> {
    return this.state.get<Record<string, string>>(TARGETS_KEY) ?? {};
  }

  /** The target override of a service (never holds a password), if one was set. */
  target(root: string, serviceId: string): string | undefined {
    return this.targets()[serviceKey(root, serviceId)];
  }

  /**
   * Sets (or with `undefined` clears) a service's target. A password typed into the URL is moved to
   * SecretStorage; returns the target as stored.
   */
  async setTarget(root: string, serviceId: string, text: string | undefined): Promise<string | undefined> {
    const targets = { ...this.targets() };
    const key = serviceKey(root, serviceId);
    if (text === undefined || !text.trim()) {
      delete targets[key];
      await this.state.update(TARGETS_KEY, targets);
      return undefined;
    }
    const { target, credentials } = splitCredentials(text);
    if (credentials.password) {
      const existing = await this.credentials(root, serviceId);
      await this.setCredentials(root, serviceId, { ...existing, ...credentials });
    }
    targets[key] = target;
    await this.state.update(TARGETS_KEY, targets);
    return target;
  }

  private static secretKey(root: string, serviceId: string): string {
    return `${SECRET_PREFIX}${JSON.stringify([root, serviceId])}`;
  }

  async credentials(root: string, serviceId: string): Promise<StoredCredentials | undefined> {
    const raw = await this.secrets.get(ServiceSettings.secretKey(root, serviceId));
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as StoredCredentials;
      return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    } catch {
      return undefined; // unreadable: as if none were stored
    }
  }

  /** Stores (or with `undefined` / nothing in it, deletes) a service's credentials. */
  async setCredentials(root: string, serviceId: string, credentials: StoredCredentials | undefined): Promise<void> {
    const key = ServiceSettings.secretKey(root, serviceId);
    if (!credentials || (!credentials.username && !credentials.password)) {
      await this.secrets.delete(key);
      return;
    }
    await this.secrets.store(key, JSON.stringify({
      ...(credentials.username ? { username: credentials.username } : {}),
      ...(credentials.password ? { password: credentials.password } : {}),
    }));
  }
}
