/**
 * The Markdown shown when hovering a site in the tree: the code line, the resolved target,
 * where its env vars are defined and its resilience facts. Pure: the client supplies the
 * code line and how to link to a file position.
 */
import type { Integration, ResilienceFacts, ScanResult, Service, Tristate } from '../detection/types';
import { envVarsOf, findEnvDefinitions, type DeclarationSource, type EnvDefinitionLike } from './declarations';
import { kindInfo } from './kinds';
import { maskSecrets } from '../secrets/maskSecrets';

export interface TooltipContext {
  result: ScanResult;
  integration: Integration;
  service?: Service;
  /** The engine's exact env definitions for this folder, when it reports them. */
  envDefinitions?: readonly EnvDefinitionLike[];
  /** The source line at `integration.line`, when it could be read. */
  codeLine?: string;
  /** Markdown link target for a file position (e.g. a `command:vscode.open` URI); plain text when absent. */
  link?: (file: string, line: number, column: number) => string | undefined;
}

const SOURCE_LABEL: Record<DeclarationSource, string> = { env: '.env', compose: 'compose', k8s: 'k8s', other: 'config' };

/** Escapes text for Markdown outside code spans. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|$]/g, '\\$&');
}

/** A code span that survives backticks inside the text. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function tristate(value: Tristate, label: string): string {
  const icon = value === true ? '$(check)' : value === false ? '$(close)' : '$(question)';
  return `${icon} ${label}`;
}

export function resilienceLine(facts: ResilienceFacts): string {
  return [tristate(facts.timeout, 'timeout'), tristate(facts.retry, 'retry'), tristate(facts.circuitBreaker, 'circuit breaker')].join(' · ');
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: 'typescript', tsx: 'typescriptreact', mts: 'typescript', cts: 'typescript', js: 'javascript', jsx: 'javascriptreact',
  mjs: 'javascript', cjs: 'javascript', py: 'python', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin',
  yml: 'yaml', yaml: 'yaml', json: 'json', toml: 'toml', xml: 'xml', proto: 'proto', gradle: 'groovy',
};

export function languageOf(file: string): string {
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if (/(^|\/)\.env(\.|$)/.test(file)) return 'properties';
  return LANGUAGE_BY_EXTENSION[extension] ?? '';
}

function position(context: TooltipContext, file: string, line: number, column: number): string {
  const text = `${file}:${line}`;
  const href = context.link?.(file, line, column);
  return href ? `[${escapeMarkdown(text)}](${href})` : codeSpan(text);
}

export function renderSiteTooltip(context: TooltipContext): string {
  const { integration, service, result } = context;
  const lines: string[] = [];
  const head = [`**${escapeMarkdown(integration.library)}**`, kindInfo(integration.kind).noun, integration.role, integration.direction];
  if (integration.test) head.push('test file');
  lines.push(head.join(' · '));
  if (context.codeLine !== undefined && context.codeLine.trim() !== '') {
    const code = context.codeLine.trim();
    lines.push('', '```' + languageOf(integration.file), code.length > 160 ? `${code.slice(0, 159)}…` : code, '```');
  }
  const facts: string[] = [];
  if (integration.target) facts.push(`**Target:** ${codeSpan(maskSecrets(integration.target))}`);
  if (integration.host && !(integration.target ?? '').includes(integration.host)) facts.push(`**Host:** ${codeSpan(integration.host)}`);
  if (service) facts.push(`**Service:** ${escapeMarkdown(service.name)} (${kindInfo(service.kind).noun}, keyed by ${service.keyedBy})`);
  for (const envVar of envVarsOf(integration)) {
    const definitions = findEnvDefinitions(result, envVar, context.envDefinitions)
      .filter((site) => !(site.file === integration.file && site.line === integration.line));
    const where = definitions.length === 0
      ? 'not defined in .env, compose or k8s files'
      : definitions.slice(0, 6).map((site) => {
        // `PAYMENTS_URL: ${PAYMENTS_URL}` in compose only passes the variable on: no value worth showing.
        const passThrough = !site.value || site.value === envVar || site.value === `\${${envVar}}` || site.value === `$${envVar}`;
        const value = passThrough ? '' : ` = ${codeSpan(maskSecrets(site.value ?? ''))}`;
        return `${position(context, site.file, site.line, site.column)} (${SOURCE_LABEL[site.source]})${value}`;
      }).join(', ') + (definitions.length > 6 ? `, and ${definitions.length - 6} more` : '');
    facts.push(`**${codeSpan(envVar)}:** ${where}`);
  }
  if (integration.resilience) facts.push(`**Resilience:** ${resilienceLine(integration.resilience)}`);
  if (integration.signatureVerified !== undefined) {
    facts.push(`**Signature:** ${integration.signatureVerified ? '$(check) verified' : '$(warning) not verified'}`);
  }
  facts.push(position(context, integration.file, integration.line, integration.column));
  lines.push('', facts.join('  \n'));
  return lines.join('\n');
}
