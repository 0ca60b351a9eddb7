/**
 * Every custom message between the extension client, the language server and the webviews,
 * declared once. Each request or notification has a Params/Result type and a method name
 * `integrationOrchestrator/<name>`; the JSDoc line says which side sends it.
 * Nothing here imports `vscode` or `vscode-languageserver`, so every side can import it.
 */
import type { ScanResult } from '../core/detection/types';
import * as z from 'zod/mini';
import { AUTH_TYPES, BROKERS, LANGUAGE_IDS, PATTERN_IDS, WORKFLOW_ENGINES } from '../core/generators/types';

export const EXTENSION_ID = 'integration-orchestrator.integration-orchestrator';

/** Client → server: scan (or re-scan) every workspace folder. Result: one ScanResult per folder. */
export const ScanWorkspaceRequest = 'integrationOrchestrator/scanWorkspace';
export interface ScanWorkspaceParams {
  /** Absolute folder paths to scan. */
  folders: string[];
  exclude: string[];
  maxFileSizeKB: number;
}
export interface ScanWorkspaceResult {
  results: ScanResult[];
}

/** Server → client: the inventory of one folder changed (after an incremental update). */
export const InventoryChangedNotification = 'integrationOrchestrator/inventoryChanged';
export interface InventoryChangedParams {
  result: ScanResult;
}

/** Client → server: these files changed on disk or in an editor; re-analyse only them. */
export const FilesChangedNotification = 'integrationOrchestrator/filesChanged';
export interface FilesChangedParams {
  /** Absolute paths, with the in-editor text when the file is open and dirty. */
  changes: { path: string; text?: string; deleted?: boolean }[];
}

/** Client → server, as `initializationOptions` of the language client. */
export interface ServerInitializationOptions {
  /** `redhat.vscode-yaml` is installed and enabled: it already gives JSON Schema completion and hover for config files. */
  redHatYamlActive: boolean;
}

/** Client → server: `redhat.vscode-yaml` was enabled or disabled while running. */
export const YamlExtensionChangedNotification = 'integrationOrchestrator/yamlExtensionChanged';
export interface YamlExtensionChangedParams {
  redHatYamlActive: boolean;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// New Integration wizard: webview ⇄ extension host (src/webview/wizard ⇄ src/client/wizard).
// Every message is a `{ type: 'wizard/<name>' }` object, validated with these zod schemas on
// arrival on both sides; the TypeScript types are inferred from them (one source of truth).
// zod/mini: the same validation as zod, tree-shaken, so the webview bundle stays small.
// ─────────────────────────────────────────────────────────────────────────────────────────────
const wholeNumber = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

export const WizardPolicySchema = z.strictObject({
  timeoutMs: wholeNumber(1, 3_600_000),
  /** Retries, not attempts. */
  maxRetries: wholeNumber(0, 100),
  baseDelayMs: wholeNumber(1, 3_600_000),
  maxDelayMs: wholeNumber(1, 3_600_000),
  circuitBreaker: z.optional(z.strictObject({ failureThreshold: wholeNumber(1, 10_000), halfOpenAfterMs: wholeNumber(1, 3_600_000) })),
});
export type WizardPolicy = z.infer<typeof WizardPolicySchema>;

/** What to generate: the wizard's choices. Checked again (names, ranges) by the generator. */
export const WizardRequestSchema = z.strictObject({
  pattern: z.enum(PATTERN_IDS),
  language: z.enum(LANGUAGE_IDS),
  name: z.string().check(z.maxLength(48)),
  auth: z.optional(z.enum(AUTH_TYPES)),
  broker: z.enum(BROKERS),
  engine: z.enum(WORKFLOW_ENGINES),
  monitoring: z.boolean(),
  /** Env var names by slot (see core/generators/patterns.ts). */
  env: z.record(z.string().check(z.regex(/^\w{1,40}$/)), z.string().check(z.maxLength(64))),
  /** A policy of integration-config.yml (added there when new), or one written inline. */
  policy: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('named'), name: z.string().check(z.maxLength(64)), values: WizardPolicySchema }),
    z.strictObject({ kind: z.literal('inline'), values: WizardPolicySchema }),
  ]),
});
export type WizardRequest = z.infer<typeof WizardRequestSchema>;

const WizardRequestId = wholeNumber(0, Number.MAX_SAFE_INTEGER);

/** Webview → host. `ready`: loaded (answered by `init`); `preview`/`write`: plan or write `request`. */
export const WizardToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('wizard/ready') }),
  z.strictObject({ type: z.literal('wizard/preview'), requestId: WizardRequestId, request: WizardRequestSchema }),
  z.strictObject({ type: z.literal('wizard/write'), requestId: WizardRequestId, request: WizardRequestSchema }),
]);
export type WizardToHost = z.infer<typeof WizardToHostSchema>;

export const WizardPlannedFileSchema = z.strictObject({
  path: z.string(),
  action: z.enum(['create', 'conflict', 'unchanged', 'update']),
  kind: z.enum(['code', 'config', 'env']),
  content: z.string(),
  diff: z.optional(z.string()),
});
export type WizardPlannedFile = z.infer<typeof WizardPlannedFileSchema>;

export const WizardErrorSchema = z.strictObject({
  /** unsupported: the pair (with these options) is not generated; options: a bad value; config: integration-config.yml does not parse. */
  kind: z.enum(['unsupported', 'options', 'config', 'workspace', 'internal']),
  message: z.string(),
});
export type WizardError = z.infer<typeof WizardErrorSchema>;

/** Host → webview. `init` answers `ready`; `previewResult`/`writeResult` answer by `requestId`. */
export const WizardToWebviewSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('wizard/init'),
    /** Absent when no folder is open: the wizard can be walked but not written. */
    workspace: z.optional(z.strictObject({ name: z.string() })),
    /** The named policies of the workspace's integration-config.yml. */
    policies: z.record(z.string(), WizardPolicySchema),
  }),
  z.strictObject({
    type: z.literal('wizard/previewResult'),
    requestId: WizardRequestId,
    result: z.discriminatedUnion('ok', [
      z.strictObject({
        ok: z.literal(true),
        files: z.array(WizardPlannedFileSchema),
        envVars: z.array(z.strictObject({ name: z.string(), description: z.string(), secret: z.boolean() })),
        dependencies: z.array(z.string()),
        notes: z.array(z.string()),
      }),
      z.strictObject({ ok: z.literal(false), error: WizardErrorSchema }),
    ]),
  }),
  z.strictObject({
    type: z.literal('wizard/writeResult'),
    requestId: WizardRequestId,
    result: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), written: z.array(z.string()) }),
      /** `cancelled`: the user declined to overwrite existing files. */
      z.strictObject({ ok: z.literal(false), cancelled: z.boolean(), error: z.optional(WizardErrorSchema) }),
    ]),
  }),
]);
export type WizardToWebview = z.infer<typeof WizardToWebviewSchema>;
