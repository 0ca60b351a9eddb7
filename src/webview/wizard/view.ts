/**
 * Renders a WizardState into the page with @vscode-elements components. Text fields report
 * through `input` (state only, no re-render, so typing is never disturbed); choices, buttons and
 * step changes re-render. Styling lives in media/wizard.css and uses VS Code's theme variables only.
 */
import { formatDuration } from '../../core/generators/duration';
import { PATTERNS } from '../../core/generators/patterns';
import { AUTH_TYPES, LANGUAGE_IDS, LANGUAGE_TITLES, PATTERN_IDS, type AuthType } from '../../core/generators/types';
import type { WizardPlannedFile, WizardPolicy } from '../../shared/protocol';
import { h } from './dom';
import { listbox } from './listbox';
import { envFields, languageSupport, STEP_TITLES, STEPS, type Action, type PolicyForm, type WizardState } from './state';

export type Dispatch = (action: Action, options?: { render?: boolean }) => void;

const AUTH_LABELS: Record<AuthType, string> = {
  none: 'None', 'api-key': 'API key (X-API-Key header)', bearer: 'Bearer token', basic: 'Basic (user and password)',
  oauth2: 'OAuth2', mtls: 'Mutual TLS', hmac: 'HMAC signature',
};

function describePolicy(p: WizardPolicy): string {
  const breaker = p.circuitBreaker ? `, breaker after ${p.circuitBreaker.failureThreshold} failures` : ', no breaker';
  return `timeout ${formatDuration(p.timeoutMs)}, ${p.maxRetries} retries (${formatDuration(p.baseDelayMs)}..${formatDuration(p.maxDelayMs)})${breaker}`;
}

function field(id: string, label: string, control: HTMLElement, help?: string, error?: string): HTMLElement {
  return h('div', { class: 'field' },
    h('vscode-label', { for: id }, label),
    control,
    error ? h('p', { class: 'field-error', id: `${id}-error`, role: 'alert' }, error) : help ? h('p', { class: 'field-help', id: `${id}-help` }, help) : null);
}

function textfield(id: string, value: string, onInput: (value: string) => void, extra: Record<string, unknown> = {}): HTMLElement {
  return h('vscode-textfield', {
    id, value, ...extra,
    on: { input: (event) => onInput((event.target as HTMLInputElement).value) },
  });
}

function select(id: string, value: string, options: { value: string; label: string }[], onChange: (value: string) => void): HTMLElement {
  return h('vscode-single-select', { id, on: { change: (event) => onChange((event.target as HTMLSelectElement).value) } },
    options.map((option) => h('vscode-option', { value: option.value, selected: option.value === value }, option.label)));
}

function button(id: string, label: string, onClick: () => void, options: { secondary?: boolean; disabled?: boolean } = {}): HTMLElement {
  return h('vscode-button', { id, secondary: options.secondary, disabled: options.disabled, on: { click: onClick } }, label);
}

function stepList(state: WizardState): HTMLElement {
  const current = STEPS.indexOf(state.step);
  return h('ol', { class: 'steps', 'aria-label': 'Steps' }, STEPS.map((step, index) => h('li', {
    class: index < current ? 'done' : index === current ? 'current' : '',
    'aria-current': index === current ? 'step' : undefined,
  }, h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(index + 1)), STEP_TITLES[step])));
}

function errorBox(state: WizardState): HTMLElement | null {
  if (!state.error) return null;
  return h('div', { class: `message ${state.error.kind === 'unsupported' ? 'warning' : 'error'}`, role: 'alert' },
    state.error.kind === 'unsupported' ? 'Not generated: ' : '', state.error.message);
}

function patternStep(state: WizardState, dispatch: Dispatch): HTMLElement[] {
  return [
    h('p', { class: 'intro' }, 'What should the integration do? Use the arrow keys and Enter.'),
    listbox('patterns', 'Integration patterns', PATTERN_IDS.map((id) => ({
      id, label: PATTERNS[id].title, description: PATTERNS[id].description, selected: state.pattern === id,
    })), state.active.pattern, {
      activate: (index) => dispatch({ type: 'activate', list: 'pattern', index }),
      choose: (index) => dispatch({ type: 'choosePattern', pattern: PATTERN_IDS[index]! }),
      move: (key) => dispatch({ type: 'moveActive', list: 'pattern', key }),
      chooseActive: () => dispatch({ type: 'chooseActive', list: 'pattern' }),
    }),
  ];
}

function languageStep(state: WizardState, dispatch: Dispatch): HTMLElement[] {
  const pattern = PATTERNS[state.pattern!];
  return [
    h('p', { class: 'intro' }, `${pattern.title}: in which language? Languages marked "not generated" say why.`),
    listbox('languages', 'Languages', LANGUAGE_IDS.map((id) => {
      const verdict = languageSupport(state, id);
      return {
        id, label: LANGUAGE_TITLES[id], selected: state.language === id, disabled: !verdict.supported,
        description: verdict.supported ? 'Generated and compile-checked with the language\'s own toolchain.' : verdict.reason,
        ...(verdict.supported ? {} : { badge: 'not generated' }),
      };
    }), state.active.language, {
      activate: (index) => dispatch({ type: 'activate', list: 'language', index }),
      choose: (index) => dispatch({ type: 'chooseLanguage', language: LANGUAGE_IDS[index]! }),
      move: (key) => dispatch({ type: 'moveActive', list: 'language', key }),
      chooseActive: () => dispatch({ type: 'chooseActive', list: 'language' }),
    }),
    errorBox(state) ?? h('span'),
    h('div', { class: 'actions' }, button('back-button', 'Back', () => dispatch({ type: 'goto', step: 'pattern' }), { secondary: true })),
  ];
}

function policySection(state: WizardState, dispatch: Dispatch): HTMLElement {
  const p = state.policy;
  const setPolicy = (key: keyof PolicyForm) => (value: string) => dispatch({ type: 'setPolicy', field: key, value }, { render: false });
  const invalid = state.invalid;
  const names = Object.keys(state.policies);
  const choice = p.source === 'existing' ? `existing:${p.name}` : 'new';
  const number = (key: keyof PolicyForm, label: string, help?: string) => field(`policy-${key}`, label,
    textfield(`policy-${key}`, String(p[key]), setPolicy(key), { type: 'number', min: '0', invalid: Boolean(invalid[`policy.${key}`]) }),
    help, invalid[`policy.${key}`]);
  return h('fieldset', { class: 'group' },
    h('legend', {}, 'Resilience'),
    field('policy', 'Policy', select('policy', choice, [
      ...names.map((name) => ({ value: `existing:${name}`, label: `${name} (integration-config.yml): ${describePolicy(state.policies[name]!)}` })),
      { value: 'new', label: 'A new policy…' },
    ], (value) => dispatch({ type: 'choosePolicy', value })), names.length === 0 ? 'No policies in integration-config.yml yet: define one.' : undefined,
    p.source === 'existing' ? invalid['policy.name'] : undefined),
    p.source === 'new' ? h('div', { class: 'policy-grid' },
      field('policy-name', 'Name', textfield('policy-name', p.name, setPolicy('name'), { placeholder: 'inline', invalid: Boolean(invalid['policy.name']) }),
        'Added under policies: in integration-config.yml. Leave empty to write it inline in the entry.', invalid['policy.name']),
      number('timeoutMs', 'Timeout per attempt (ms)'),
      number('maxRetries', 'Retries', 'Retries, not attempts: 3 means up to 4 calls.'),
      number('baseDelayMs', 'Base delay (ms)'),
      number('maxDelayMs', 'Max delay (ms)'),
      h('div', { class: 'field' }, h('vscode-checkbox', {
        id: 'policy-breaker', checked: p.breaker,
        on: { change: (event) => dispatch({ type: 'setPolicy', field: 'breaker', value: (event.target as HTMLInputElement).checked }) },
      }, 'Circuit breaker')),
      p.breaker ? number('failureThreshold', 'Consecutive failures before opening') : null,
      p.breaker ? number('halfOpenAfterMs', 'Half-open after (ms)') : null,
    ) : null);
}

function optionsStep(state: WizardState, dispatch: Dispatch): HTMLElement[] {
  const pattern = PATTERNS[state.pattern!];
  const invalid = state.invalid;
  const env = envFields(state);
  return [
    h('p', { class: 'intro' }, `${pattern.title} in ${LANGUAGE_TITLES[state.language!]}.`),
    h('fieldset', { class: 'group' }, h('legend', {}, 'Integration'),
      field('name', 'Name', textfield('name', state.name, (value) => dispatch({ type: 'set', field: 'name', value }, { render: false }), {
        placeholder: 'payments-api', required: true, invalid: Boolean(invalid['name']),
      }), 'kebab-case; names the folder, the classes and the env vars.', invalid['name']),
      pattern.authTypes.length > 1 ? field('auth', 'Authentication', select('auth', state.auth ?? pattern.authTypes[0]!,
        AUTH_TYPES.filter((type) => pattern.authTypes.includes(type)).map((type) => ({ value: type, label: AUTH_LABELS[type] })),
        (value) => dispatch({ type: 'set', field: 'auth', value }))) : null,
      pattern.usesBroker ? field('broker', 'Broker', select('broker', state.broker, [{ value: 'rabbitmq', label: 'RabbitMQ' }, { value: 'kafka', label: 'Kafka' }],
        (value) => dispatch({ type: 'set', field: 'broker', value }))) : null,
      pattern.usesEngine ? field('engine', 'Engine', select('engine', state.engine, [
        { value: 'in-process', label: 'In-process (saga in memory)' }, { value: 'temporal', label: 'Temporal (durable; TypeScript)' },
      ], (value) => dispatch({ type: 'set', field: 'engine', value }))) : null,
      h('div', { class: 'field' }, h('vscode-checkbox', {
        id: 'monitoring', checked: state.monitoring,
        on: { change: (event) => dispatch({ type: 'set', field: 'monitoring', value: (event.target as HTMLInputElement).checked }, { render: false }) },
      }, 'Monitoring: structured events for retries, breaker changes and failures'))),
    env.length > 0 ? h('fieldset', { class: 'group' }, h('legend', {}, 'Environment variables'),
      h('p', { class: 'field-help' }, 'The code reads these; only their names go into .env.example. Leave a field empty for the name shown.'),
      env.map((item) => field(`env-${item.slot}`, item.description,
        textfield(`env-${item.slot}`, item.value, (value) => dispatch({ type: 'setEnv', slot: item.slot, value }, { render: false }), {
          placeholder: item.placeholder, 'data-env-slot': item.slot, invalid: Boolean(invalid[`env.${item.slot}`]),
        }), item.secret ? 'Secret: set its value in .env, never in code.' : undefined, invalid[`env.${item.slot}`]))) : null,
    pattern.resilience !== 'none' ? policySection(state, dispatch) : null,
    errorBox(state) ?? h('span'),
    h('div', { class: 'actions' },
      button('back-button', 'Back', () => dispatch({ type: 'goto', step: 'language' }), { secondary: true }),
      button('preview-button', state.pending ? 'Planning…' : 'Preview', () => dispatch({ type: 'preview' }), { disabled: Boolean(state.pending) })),
  ].filter((node): node is HTMLElement => node !== null);
}

const ACTION_LABELS: Record<WizardPlannedFile['action'], string> = {
  create: 'new file', update: 'adds to the existing file', conflict: 'EXISTS: differs, will ask before overwriting', unchanged: 'unchanged',
};

function codeBlock(file: WizardPlannedFile): HTMLElement {
  if (file.diff) {
    return h('pre', { class: 'code diff', tabindex: '0', 'aria-label': `Changes to ${file.path}` }, file.diff.split('\n').map((line) => h('span', {
      class: line.startsWith('@@') ? 'hunk' : line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : '',
    }, `${line}\n`)));
  }
  return h('pre', { class: 'code', tabindex: '0', 'aria-label': `Contents of ${file.path}` }, file.content);
}

function previewStep(state: WizardState, dispatch: Dispatch): HTMLElement[] {
  const preview = state.preview!;
  const conflicts = preview.files.filter((f) => f.action === 'conflict');
  const writable = preview.files.filter((f) => f.action !== 'unchanged').length;
  return [
    h('p', { class: 'intro' }, `${writable} file${writable === 1 ? '' : 's'} to write${state.workspace ? ` in ${state.workspace.name}` : ''}. Open a file to read it; existing files show a diff.`),
    conflicts.length > 0 ? h('div', { class: 'message warning', role: 'status' },
      `${conflicts.length} existing file${conflicts.length === 1 ? ' differs' : 's differ'}: ${conflicts.map((f) => f.path).join(', ')}. Writing asks before overwriting.`) : h('span'),
    h('div', { class: 'files' }, preview.files.map((file, index) => h('vscode-collapsible', {
      id: `file-${index}`, heading: file.path, description: ACTION_LABELS[file.action], class: `file ${file.action}`, open: file.action === 'conflict',
    }, codeBlock(file)))),
    preview.envVars.length > 0 ? h('section', { class: 'summary' }, h('h3', {}, '.env.example gains'),
      h('ul', {}, preview.envVars.map((v) => h('li', {}, h('code', {}, v.name), ` ${v.description}${v.secret ? ' (secret)' : ''}`)))) : h('span'),
    preview.dependencies.length > 0 ? h('section', { class: 'summary' }, h('h3', {}, 'Dependencies'),
      h('ul', {}, preview.dependencies.map((d) => h('li', {}, h('code', {}, d))))) : h('span'),
    preview.notes.length > 0 ? h('section', { class: 'summary' }, h('h3', {}, 'Notes'), h('ul', {}, preview.notes.map((n) => h('li', {}, n)))) : h('span'),
    state.cancelled ? h('div', { class: 'message warning', role: 'status' }, 'Nothing was written: overwriting was declined.') : h('span'),
    errorBox(state) ?? h('span'),
    h('div', { class: 'actions' },
      button('back-button', 'Back', () => dispatch({ type: 'goto', step: 'options' }), { secondary: true }),
      button('write-button', state.pending ? 'Writing…' : conflicts.length > 0 ? `Write (overwrites ${conflicts.length} after asking)` : 'Write files',
        () => dispatch({ type: 'write' }), { disabled: Boolean(state.pending) || !state.workspace })),
  ];
}

function doneStep(state: WizardState, dispatch: Dispatch): HTMLElement[] {
  const written = state.written ?? [];
  return [
    h('p', { class: 'intro', role: 'status' }, written.length > 0 ? `Wrote ${written.length} file${written.length === 1 ? '' : 's'}; they are open in the editor.` : 'Everything was already up to date.'),
    h('ul', { class: 'written' }, written.map((file) => h('li', {}, h('code', {}, file)))),
    h('div', { class: 'actions' }, button('restart-button', 'New integration', () => dispatch({ type: 'restart' }))),
  ];
}

const BODIES = { pattern: patternStep, language: languageStep, options: optionsStep, preview: previewStep, done: doneStep } as const;

/** Replaces the content of `root` with the UI of `state`. */
export function render(root: HTMLElement, state: WizardState, dispatch: Dispatch): void {
  const body = state.step === 'preview' && !state.preview ? optionsStep : BODIES[state.step];
  root.replaceChildren(
    h('header', {}, h('h1', {}, 'New Integration'), stepList(state)),
    h('main', { 'aria-labelledby': 'step-title' },
      h('h2', { id: 'step-title', tabindex: '-1' }, `${STEPS.indexOf(state.step) + 1}. ${STEP_TITLES[state.step]}`),
      ...body(state, dispatch)),
  );
}

/** Where keyboard focus goes when a step is entered. */
export const STEP_FOCUS: Record<WizardState['step'], string> = {
  pattern: 'patterns', language: 'languages', options: 'name', preview: 'write-button', done: 'restart-button',
};
