/**
 * Passwords never leave a probe: URLs shown anywhere have their password replaced by `***`,
 * and every detail string is scrubbed of the password it was given.
 */

// The password runs to the last '@' before a '/' or whitespace, so an unencoded '#', '?' or '@'
// in it is still hidden (erring towards hiding too much, never too little).
const USERINFO_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)([^\s/]*)@/gi;
const SECRET_QUERY = /([?&;](?:password|passwd|pass|pwd|secret|token|access_token|api_key|apikey|api-key|key)=)[^&;#\s]*/gi;

/** Replaces the password of every URL in `text` (and secret-looking query values) with `***`. */
export function redactUrl(text: string): string {
  return text
    .replace(USERINFO_PASSWORD, (_all, before: string, password: string) => `${before}${password ? '***' : ''}@`)
    .replace(SECRET_QUERY, '$1***');
}

/** Removes every literal occurrence of the given secrets (raw and URL-encoded) from `text`. */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join('***');
  }
  return result;
}
