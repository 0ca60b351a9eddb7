/**
 * `${VAR}` references must be defined somewhere in the workspace: a `.env*` file or a compose
 * service's `environment:`. A reference with a default (`${VAR:-x}`) is fine without one.
 * Found by scanning the text for `${` and locating the value there (comments are no values),
 * which is faster than walking every scalar of a large file.
 */
import { findEnvRefs } from '../envRef';
import { locate, type YScalar } from '../yamlTree';
import type { CheckContext } from './checkContext';

export function checkEnvRefs(ctx: CheckContext): void {
  const known = ctx.options.workspaceEnv;
  if (!known) return;
  const { text, root } = ctx.parsed;
  const seen = new Set<YScalar>();
  for (let at = text.indexOf('${'); at >= 0; at = text.indexOf('${', at + 2)) {
    const found = locate(root, at);
    const node = found?.node;
    if (!found || found.onKey || node?.kind !== 'scalar' || typeof node.value !== 'string' || seen.has(node)) continue;
    seen.add(node);
    const raw = text.slice(node.start, node.end);
    let searchFrom = 0;
    for (const ref of findEnvRefs(node.value)) {
      if (ref.defaultValue !== undefined || known.has(ref.name)) continue;
      // Mark the reference itself when it appears as written; else the whole value.
      const literal = node.value.slice(ref.start, ref.end);
      const index = raw.indexOf(literal, searchFrom);
      if (index >= 0) searchFrom = index + literal.length;
      const range = index >= 0 ? { start: node.start + index, end: node.start + index + literal.length } : { start: node.start, end: node.end };
      ctx.report('undefined-env', 'warning', range,
        `\`\${${ref.name}}\` is not defined in any \`.env*\` file or compose \`environment:\` of the workspace; define it, or give a default with \`\${${ref.name}:-value}\``,
        { envName: ref.name });
    }
  }
}
