/**
 * The one masking function for everything the product shows, logs, exports or writes: scan targets, health
 * results and details, tooltips, quick picks, the Markdown export. A secret is replaced by `***`:
 *   - the password of `scheme://user:password@host` (to the last `@` before a `/` or whitespace, so an unencoded
 *     `@`, `#` or `?` in it is still hidden: erring towards hiding too much, never too little);
 *   - the password of a bare `user:password@host` at the start of a target;
 *   - the value of a query parameter named like a secret (`?password=`, `&token=`, `api_key=` …).
 * A `${VAR}` placeholder is a reference, not a secret, and stays readable.
 */
const USERINFO_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)([^\s/]*)@/gi;
const BARE_USERINFO = /^([^\s/@:]+):([^\s/@]+)@/;
const SECRET_QUERY = /([?&;](?:password|passwd|pass|pwd|secret|client_secret|token|access_token|refresh_token|auth|api_key|apikey|api-key|key|sig|signature)=)[^&;#\s]*/gi;

const masked = (password: string): string => (password.startsWith('${') && password.endsWith('}') ? password : password ? '***' : '');

export function maskSecrets(text: string): string {
  return text
    .replace(USERINFO_PASSWORD, (_all, before: string, password: string) => `${before}${masked(password)}@`)
    .replace(BARE_USERINFO, (_all, user: string, password: string) => `${user}:${masked(password)}@`)
    .replace(SECRET_QUERY, (_all, name: string) => `${name}***`);
}
