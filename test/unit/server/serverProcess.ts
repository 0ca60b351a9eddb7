/**
 * The language server as a child process over stdio, for tests that speak the protocol to it:
 * start, collect published diagnostics, wait for matching ones, shut down cleanly.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import {
  createProtocolConnection, ExitNotification, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
  type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

const root = path.resolve(__dirname, '../../..');

export class ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  stderr = '';
  private readonly waiters: (() => void)[] = [];

  /** Starts the server; register request handlers on `connection`, then call `connection.listen()`. */
  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/server.ts'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** The latest diagnostics of `uri` once they match `accept` (they may come after earlier ones); fails after 30 s with `what`. */
  async diagnosticsFor(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, what = `no matching diagnostics for ${uri}`): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const hit = [...this.published].reverse().find((p) => p.uri === uri);
      if (hit && accept(hit)) return hit;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
    return assert.fail(`${what}; last: ${JSON.stringify([...this.published].reverse().find((p) => p.uri === uri))}; stderr: ${this.stderr}`);
  }

  /** Shutdown, exit, and the exit code (-1 when the server did not exit within 10 s). */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      this.child.once('exit', resolve);
      setTimeout(() => resolve(-1), 10_000);
    });
  }

  dispose(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
