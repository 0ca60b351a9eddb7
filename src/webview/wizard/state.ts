/**
 * The wizard's state and every transition, as plain data and pure functions (GitLens style):
 * the view renders a state, events become actions, `reduce` returns the next state plus the
 * message to send, if any. Tested in Node without a DOM.
 */
import { isValidName } from '../../core/generators/naming';
import { nextActive } from './listbox';
import { envVarsFor, PATTERNS } from '../../core/generators/patterns';
import { supportOf } from '../../core/generators/support';
import {
  LANGUAGE_IDS, PATTERN_IDS,
  type AuthType, type Broker, type LanguageId, type PatternId, type Support, type WorkflowEngine,
} from '../../core/generators/types';
import type { WizardError, WizardPlannedFile, WizardPolicy, WizardRequest, WizardToHost, WizardToWebview } from '../../shared/protocol';

export const STEPS = ['pattern', 'language', 'options', 'preview', 'done'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLES: Record<Step, string> = {
  pattern: 'Pattern', language: 'Language', options: 'Options', preview: 'Preview', done: 'Write',
};

/** The resilience part of the options form. `existing` = a policy of integration-config.yml. */
export interface PolicyForm {
  source: 'existing' | 'new';
  /** The existing policy's name, or the new policy's name ('' = written inline in the entry). */
  name: string;
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  breaker: boolean;
  failureThreshold: number;
  halfOpenAfterMs: number;
}

export interface PreviewData {
  files: WizardPlannedFile[];
  envVars: { name: string; description: string; secret: boolean }[];
  dependencies: string[];
  notes: string[];
}

export interface WizardState {
  version: 1;
  step: Step;
  pattern?: PatternId;
  language?: LanguageId;
  /** Highlighted option of each list (keyboard position), by index. */
  active: { pattern: number; language: number };
  name: string;
  auth?: AuthType;
  broker: Broker;
  engine: WorkflowEngine;
  monitoring: boolean;
  /** Env var names typed by the user, by slot; empty or absent = the default name. */
  env: Record<string, string>;
  policy: PolicyForm;
  /** From the host: the workspace's named policies, and whether a folder is open. */
  policies: Record<string, WizardPolicy>;
  workspace?: { name: string };
  nextRequestId: number;
  pending?: { kind: 'preview' | 'write'; requestId: number };
  preview?: PreviewData;
  /** Field → message, shown on the options step. */
  invalid: Record<string, string>;
  error?: WizardError;
  written?: string[];
  cancelled?: boolean;
}

const NEW_POLICY: PolicyForm = {
  source: 'new', name: '', timeoutMs: 10_000, maxRetries: 3, baseDelayMs: 200, maxDelayMs: 30_000,
  breaker: true, failureThreshold: 5, halfOpenAfterMs: 30_000,
};

export function initialState(): WizardState {
  return {
    version: 1, step: 'pattern', active: { pattern: 0, language: 0 }, name: '', broker: 'rabbitmq', engine: 'in-process',
    monitoring: false, env: {}, policy: { ...NEW_POLICY, name: 'default' }, policies: {}, nextRequestId: 1, invalid: {},
  };
}

/** A saved state (getState) if it is one this version can use, else a fresh one. */
export function restoreState(saved: unknown): WizardState {
  const state = saved as Partial<WizardState> | undefined;
  if (!state || state.version !== 1 || !STEPS.includes(state.step as Step)) return initialState();
  // A request in flight when the webview went away will never be answered: forget it.
  const { pending: _pending, ...rest } = state as WizardState;
  return { ...initialState(), ...rest, step: rest.step === 'done' && !rest.written ? 'preview' : rest.step };
}

export type Action =
  | { type: 'host'; message: WizardToWebview }
  | { type: 'activate'; list: 'pattern' | 'language'; index: number }
  /** A navigation key on a list (ArrowUp/Down, Home, End), applied to the current highlight. */
  | { type: 'moveActive'; list: 'pattern' | 'language'; key: string }
  /** Enter or Space on a list: choose the highlighted option. */
  | { type: 'chooseActive'; list: 'pattern' | 'language' }
  | { type: 'choosePattern'; pattern: PatternId }
  | { type: 'chooseLanguage'; language: LanguageId }
  | { type: 'set'; field: 'name' | 'auth' | 'broker' | 'engine' | 'monitoring'; value: string | boolean }
  | { type: 'setEnv'; slot: string; value: string }
  | { type: 'setPolicy'; field: keyof PolicyForm; value: string | number | boolean }
  | { type: 'choosePolicy'; value: string }
  | { type: 'goto'; step: Step }
  | { type: 'preview' }
  | { type: 'write' }
  | { type: 'restart' };

export interface Transition {
  state: WizardState;
  send?: WizardToHost;
}

export const languageSupport = (state: WizardState, language: LanguageId): Support =>
  state.pattern ? supportOf(state.pattern, language, { broker: state.broker, engine: state.engine }) : { supported: true };

/** The env vars of the chosen pattern with their effective names (typed or default). */
export function envFields(state: WizardState): { slot: string; description: string; secret: boolean; placeholder: string; value: string }[] {
  if (!state.pattern) return [];
  const choice = { auth: state.auth ?? PATTERNS[state.pattern].authTypes[0]!, broker: state.broker, engine: state.engine };
  return envVarsFor(state.pattern, isValidName(state.name) ? state.name : 'my-integration', choice).map(({ slot, name }) => ({
    slot: slot.slot, description: slot.description, secret: slot.secret, placeholder: name, value: state.env[slot.slot] ?? '',
  }));
}

/** Checks the options step; field → message for each problem. */
export function validate(state: WizardState): Record<string, string> {
  const invalid: Record<string, string> = {};
  if (!isValidName(state.name)) invalid['name'] = 'Use kebab-case: lowercase letters, digits and single dashes, like payments-api.';
  for (const field of envFields(state)) {
    if (field.value !== '' && !/^[A-Z_][A-Z0-9_]*$/.test(field.value)) invalid[`env.${field.slot}`] = 'Env var names are UPPER_SNAKE_CASE.';
  }
  const p = state.policy;
  if (p.source === 'new') {
    if (p.name !== '' && !/^[A-Za-z][\w-]*$/.test(p.name)) invalid['policy.name'] = 'Start with a letter; letters, digits, _ and - only.';
    const whole = (field: keyof PolicyForm, value: number, min: number, max: number, what: string) => {
      if (!Number.isInteger(value) || value < min || value > max) invalid[`policy.${field}`] = `${what} must be a whole number from ${min} to ${max}.`;
    };
    whole('timeoutMs', p.timeoutMs, 1, 3_600_000, 'Timeout (ms)');
    whole('maxRetries', p.maxRetries, 0, 100, 'Retries');
    whole('baseDelayMs', p.baseDelayMs, 1, 3_600_000, 'Base delay (ms)');
    whole('maxDelayMs', p.maxDelayMs, Math.max(1, p.baseDelayMs), 3_600_000, 'Max delay (ms)');
    if (p.breaker) {
      whole('failureThreshold', p.failureThreshold, 1, 10_000, 'Failures before opening');
      whole('halfOpenAfterMs', p.halfOpenAfterMs, 1, 3_600_000, 'Half-open after (ms)');
    }
  } else if (!state.policies[p.name]) {
    invalid['policy.name'] = `integration-config.yml has no policy "${p.name}".`;
  }
  return invalid;
}

function policyValues(state: WizardState): WizardPolicy {
  const p = state.policy;
  if (p.source === 'existing' && state.policies[p.name]) return state.policies[p.name]!;
  return {
    timeoutMs: p.timeoutMs, maxRetries: p.maxRetries, baseDelayMs: p.baseDelayMs, maxDelayMs: p.maxDelayMs,
    ...(p.breaker ? { circuitBreaker: { failureThreshold: p.failureThreshold, halfOpenAfterMs: p.halfOpenAfterMs } } : {}),
  };
}

/** The request the host plans or writes, from the current choices. */
export function requestOf(state: WizardState): WizardRequest {
  if (!state.pattern || !state.language) throw new Error('choose a pattern and a language first');
  const values = policyValues(state);
  const env: Record<string, string> = {};
  for (const field of envFields(state)) if (field.value !== '') env[field.slot] = field.value;
  return {
    pattern: state.pattern,
    language: state.language,
    name: state.name,
    ...(state.auth ? { auth: state.auth } : {}),
    broker: state.broker,
    engine: state.engine,
    monitoring: state.monitoring,
    env,
    policy: state.policy.name === '' ? { kind: 'inline', values } : { kind: 'named', name: state.policy.name, values },
  };
}

function onHost(state: WizardState, message: WizardToWebview): WizardState {
  switch (message.type) {
    case 'wizard/init': {
      const policies = message.policies;
      // Prefer the workspace's "default" policy (or its first) over a new one.
      const name = policies['default'] ? 'default' : Object.keys(policies)[0];
      const policy = state.policy.source === 'new' && state.policy.name === 'default' && name ? { ...state.policy, source: 'existing' as const, name } : state.policy;
      return { ...state, policies, policy, ...(message.workspace ? { workspace: message.workspace } : { workspace: undefined }) };
    }
    case 'wizard/previewResult': {
      if (state.pending?.kind !== 'preview' || state.pending.requestId !== message.requestId) return state; // stale
      const { pending: _pending, ...rest } = state;
      if (!message.result.ok) return { ...rest, error: message.result.error, preview: undefined };
      const { ok: _ok, ...preview } = message.result;
      return { ...rest, step: 'preview', preview, error: undefined };
    }
    case 'wizard/writeResult': {
      if (state.pending?.kind !== 'write' || state.pending.requestId !== message.requestId) return state;
      const { pending: _pending, ...rest } = state;
      if (message.result.ok) return { ...rest, step: 'done', written: message.result.written, error: undefined, cancelled: false };
      return { ...rest, cancelled: message.result.cancelled, error: message.result.error };
    }
  }
}

const numberOr = (value: string | number | boolean, fallback: number): number => {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : fallback;
};

/** The next state for `action`, and the message to post, if any. */
export function reduce(state: WizardState, action: Action): Transition {
  switch (action.type) {
    case 'host':
      return { state: onHost(state, action.message) };
    case 'activate': {
      const size = action.list === 'pattern' ? PATTERN_IDS.length : LANGUAGE_IDS.length;
      const index = Math.max(0, Math.min(size - 1, action.index));
      return { state: { ...state, active: { ...state.active, [action.list]: index } } };
    }
    case 'moveActive': {
      const size = action.list === 'pattern' ? PATTERN_IDS.length : LANGUAGE_IDS.length;
      const index = nextActive(action.key, state.active[action.list], size);
      return index === undefined ? { state } : reduce(state, { type: 'activate', list: action.list, index });
    }
    case 'chooseActive':
      return action.list === 'pattern'
        ? reduce(state, { type: 'choosePattern', pattern: PATTERN_IDS[state.active.pattern]! })
        : reduce(state, { type: 'chooseLanguage', language: LANGUAGE_IDS[state.active.language]! });
    case 'choosePattern': {
      const changed = state.pattern !== action.pattern;
      const info = PATTERNS[action.pattern];
      return {
        state: {
          ...state, pattern: action.pattern, step: 'language', active: { ...state.active, pattern: PATTERN_IDS.indexOf(action.pattern) },
          ...(changed ? { auth: info.authTypes[0], env: {}, preview: undefined, error: undefined } : {}),
        },
      };
    }
    case 'chooseLanguage': {
      const verdict = languageSupport(state, action.language);
      const active = { ...state.active, language: LANGUAGE_IDS.indexOf(action.language) };
      if (!verdict.supported) return { state: { ...state, active, error: { kind: 'unsupported', message: verdict.reason } } };
      return { state: { ...state, language: action.language, step: 'options', active, error: undefined, preview: undefined } };
    }
    case 'set': {
      const next = { ...state, [action.field]: action.value, preview: undefined } as WizardState;
      return { state: { ...next, invalid: Object.keys(state.invalid).length ? validate(next) : {} } };
    }
    case 'setEnv':
      return { state: { ...state, env: { ...state.env, [action.slot]: action.value.trim() }, preview: undefined } };
    case 'setPolicy': {
      const current = state.policy;
      const value = typeof current[action.field] === 'number' ? numberOr(action.value, current[action.field] as number) : action.value;
      return { state: { ...state, policy: { ...current, [action.field]: value }, preview: undefined } };
    }
    case 'choosePolicy': {
      // "existing:<name>" or "new"
      const policy: PolicyForm = action.value.startsWith('existing:')
        ? { ...state.policy, source: 'existing', name: action.value.slice('existing:'.length) }
        : { ...NEW_POLICY, name: '' };
      return { state: { ...state, policy, preview: undefined } };
    }
    case 'goto': {
      const target = STEPS.indexOf(action.step);
      // Forward only to steps whose inputs exist; backward always.
      if (target > STEPS.indexOf(state.step)) return { state };
      return { state: { ...state, step: action.step, error: undefined, pending: undefined } };
    }
    case 'preview': {
      const invalid = validate(state);
      if (Object.keys(invalid).length > 0) return { state: { ...state, invalid } };
      const requestId = state.nextRequestId;
      return {
        state: { ...state, invalid: {}, error: undefined, pending: { kind: 'preview', requestId }, nextRequestId: requestId + 1 },
        send: { type: 'wizard/preview', requestId, request: requestOf(state) },
      };
    }
    case 'write': {
      if (state.step !== 'preview' || !state.preview) return { state };
      const requestId = state.nextRequestId;
      return {
        state: { ...state, error: undefined, cancelled: false, pending: { kind: 'write', requestId }, nextRequestId: requestId + 1 },
        send: { type: 'wizard/write', requestId, request: requestOf(state) },
      };
    }
    case 'restart':
      return { state: { ...initialState(), policies: state.policies, ...(state.workspace ? { workspace: state.workspace } : {}), nextRequestId: state.nextRequestId } };
  }
}
