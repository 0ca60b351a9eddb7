/** A tiny hyperscript helper: the wizard builds its DOM with it instead of innerHTML (no injection). */

type Child = Node | string | false | null | undefined;
export type Props = Record<string, unknown> & { on?: Record<string, (event: Event) => void> };

/**
 * Creates an element. String props become attributes (`true` → empty attribute, false/undefined →
 * none), except `value`, `checked`, `open` and `heading`, which are set as properties (custom
 * elements read them that way).
 */
export function h(tag: string, props: Props = {}, ...children: (Child | Child[])[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value as Record<string, (event: Event) => void>)) element.addEventListener(event, handler);
    } else if (key === 'value' || key === 'checked' || key === 'open' || key === 'heading') {
      (element as unknown as Record<string, unknown>)[key] = value;
    } else if (value === true) {
      element.setAttribute(key, '');
    } else if (value !== false && value !== undefined && value !== null) {
      element.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === false || child === null || child === undefined) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}
