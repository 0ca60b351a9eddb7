/**
 * Entry of the wizard webview (bundled by esbuild.mjs to dist/webview/wizard.js). Wires the pure
 * state module to the DOM and to the extension host: every message from the host is validated
 * with zod before it is used, and so is every message sent; the state is saved with setState
 * after each change, so hiding the panel or reloading the window keeps it.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { WizardToHostSchema, WizardToWebviewSchema } from '../../shared/protocol';
import { envFields, reduce, restoreState, type Action } from './state';
import { render, STEP_FOCUS } from './view';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;
let state = restoreState(vscode.getState());

/** Focuses the element with `id` once its custom element has rendered (its inner input exists). */
async function focusById(id: string | undefined): Promise<void> {
  const element = id ? document.getElementById(id) : null;
  if (!element) return;
  element.focus(); // at once, so no key press falls between the new DOM and its focus
  await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  if (document.activeElement !== element) element.focus();
}

let scheduled: { stepChanged: boolean } | undefined;

/**
 * Re-renders on the next frame, not inside the event that asked for it: a component (the select
 * closing its popover) must finish its own update before its element is replaced.
 */
function paint(stepChanged: boolean): void {
  if (scheduled) {
    scheduled.stepChanged ||= stepChanged;
    return;
  }
  scheduled = { stepChanged };
  requestAnimationFrame(() => {
    const { stepChanged: entered } = scheduled!;
    scheduled = undefined;
    const focused = document.activeElement instanceof HTMLElement && document.activeElement.id ? document.activeElement.id : undefined;
    render(root, state, dispatch);
    const firstInvalid = Object.keys(state.invalid)[0]?.replace('.', '-');
    void focusById(entered ? STEP_FOCUS[state.step] : firstInvalid ?? focused);
  });
}

/** Keeps the env var placeholders (default names) in step with the name being typed, without re-rendering. */
function refreshPlaceholders(): void {
  for (const item of envFields(state)) {
    document.getElementById(`env-${item.slot}`)?.setAttribute('placeholder', item.placeholder);
  }
}

function dispatch(action: Action, options: { render?: boolean } = {}): void {
  const before = state;
  const transition = reduce(state, action);
  state = transition.state;
  vscode.setState(state);
  if (transition.send) vscode.postMessage(WizardToHostSchema.parse(transition.send));
  const invalidChanged = JSON.stringify(before.invalid) !== JSON.stringify(state.invalid);
  if (options.render === false && !invalidChanged) refreshPlaceholders();
  else if (state !== before) paint(before.step !== state.step);
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = WizardToWebviewSchema.safeParse(event.data);
  if (!parsed.success) {
    console.warn('wizard: ignored a message that does not match the protocol', parsed.error.issues[0]?.message);
    return;
  }
  dispatch({ type: 'host', message: parsed.data });
});

paint(true);
vscode.postMessage(WizardToHostSchema.parse({ type: 'wizard/ready' }));
