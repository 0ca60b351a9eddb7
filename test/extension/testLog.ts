/**
 * Prints a line of test output. Use this instead of console.log in extension tests: under code-server the
 * workbench forwards the extension host's console and its own log through one channel, so
 * test/runInServer.mjs sets IO_TEST_LOG_TAG and prints only the lines carrying that tag (the rest, e.g.
 * unreachable-gallery errors, goes to test-results/ext-<suite>-workbench.log). The host's console
 * methods cannot be wrapped: VS Code defines them as getters that ignore assignment.
 */
export function log(...parts: unknown[]): void {
  const text = parts.map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.stack ?? part.message : safeStringify(part))).join(' ');
  console.log(`${process.env.IO_TEST_LOG_TAG ?? ''}${text}`);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
