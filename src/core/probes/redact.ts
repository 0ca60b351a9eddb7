/**
 * Passwords never leave a probe: URLs are masked by the one masking function (core/secrets/maskSecrets.ts),
 * and every detail string is scrubbed of the password it was given.
 */

/** Removes every literal occurrence of the given secrets (raw and URL-encoded) from `text`. */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join('***');
  }
  return result;
}
