/**
 * Which files are integration configs: `integration-config.{yml,yaml}` and
 * `*.integration.{yml,yaml}`. The CLI's folder search and the server's own check use this; the
 * client's document selector and package.json's `yamlValidation` spell the same globs.
 */
export function isConfigFileName(name: string): boolean {
  return /^integration-config\.ya?ml$/.test(name) || /\.integration\.ya?ml$/.test(name);
}
