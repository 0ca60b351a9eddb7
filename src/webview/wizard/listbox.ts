/**
 * A single-select listbox (WAI-ARIA pattern with aria-activedescendant): the list holds focus,
 * Up/Down/Home/End move the highlighted option, Enter or Space chooses it. Options marked
 * aria-disabled can be highlighted (so their reason is read out) but not chosen.
 */
import { h } from './dom';

export interface ListboxOption {
  id: string;
  label: string;
  description: string;
  disabled?: boolean;
  selected?: boolean;
  badge?: string;
}

/** The next highlighted index for a key, or undefined when the key is not a navigation key. */
export function nextActive(key: string, active: number, size: number): number | undefined {
  switch (key) {
    case 'ArrowDown': return Math.min(size - 1, active + 1);
    case 'ArrowUp': return Math.max(0, active - 1);
    case 'Home': return 0;
    case 'End': return size - 1;
    default: return undefined;
  }
}

export function listbox(
  id: string,
  label: string,
  options: ListboxOption[],
  active: number,
  handlers: {
    /** A click on an option. */
    activate: (index: number) => void;
    choose: (index: number) => void;
    /** A navigation key; applied to the state's current highlight, never to a stale copy. */
    move: (key: string) => void;
    /** Enter or Space: choose whatever is highlighted now. */
    chooseActive: () => void;
  },
): HTMLElement {
  const optionId = (index: number) => `${id}-option-${index}`;
  const items = options.map((option, index) => h('li', {
    id: optionId(index),
    role: 'option',
    class: `option${index === active ? ' active' : ''}${option.disabled ? ' disabled' : ''}`,
    'aria-selected': option.selected ? 'true' : 'false',
    'aria-disabled': option.disabled ? 'true' : undefined,
    'data-value': option.id,
    on: { click: () => { handlers.activate(index); handlers.choose(index); } },
  },
  h('span', { class: 'option-label' }, option.label, option.badge ? h('vscode-badge', { variant: 'counter', class: 'option-badge' }, option.badge) : null),
  h('span', { class: 'option-description' }, option.description)));
  const list = h('ul', {
    id,
    role: 'listbox',
    tabindex: '0',
    'aria-label': label,
    'aria-activedescendant': optionId(active),
    class: 'listbox',
    on: {
      keydown: (event) => {
        const { key } = event as KeyboardEvent;
        if (nextActive(key, 0, options.length) !== undefined) {
          event.preventDefault();
          handlers.move(key);
        } else if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          handlers.chooseActive();
        }
      },
    },
  }, items);
  return list;
}
