/**
 * Targets as people should see them: secrets never shown, long URLs cut to what tells
 * one target from another. Used in tree labels, tooltips, quick picks and the export.
 */
import { maskSecrets } from '../secrets/maskSecrets';

/** Default maximum length of a short target, in characters. */
export const SHORT_TARGET_MAX = 48;

/**
 * A compact form of a target for a tree label: no `http(s)://`, no credentials, no query or
 * fragment, no trailing slash; other schemes (`postgres://`, `amqp://`) are kept because
 * they say what the target is. Cut in the middle with `…` beyond `max` characters.
 */
export function shortTarget(target: string | undefined, max = SHORT_TARGET_MAX): string {
  if (target === undefined) return '';
  let text = target.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) {
    const rest = text.slice(scheme[0].length).replace(/^[^/@]*@/, '');
    text = /^https?$/i.test(scheme[1]) ? rest : `${scheme[1]}://${rest}`;
    text = text.replace(/[?#].*$/, '');
  } else {
    text = maskSecrets(text);
  }
  if (text.length > 1 && text.endsWith('/')) text = text.slice(0, -1);
  return ellipsize(text, max);
}

/** Cuts `text` to `max` characters, keeping its start and its end (the path's last segment tells most). */
export function ellipsize(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…';
  const tail = Math.floor((max - 1) / 3);
  const head = max - 1 - tail;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}
