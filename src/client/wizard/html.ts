/**
 * The wizard webview's HTML: a strict Content-Security-Policy (no inline script or style; the
 * one script runs by nonce), the bundled script and the stylesheet, nothing else. Pure, so the
 * Chromium test serves exactly this page.
 */
import { randomBytes } from 'node:crypto';

export interface WizardHtmlOptions {
  /** `webview.cspSource`: the origin local resources are served from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** Extra script tags for tests (they must carry the nonce). */
  extraHead?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function wizardHtml(options: WizardHtmlOptions): string {
  const nonce = escapeAttribute(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>New Integration</title>
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
${options.extraHead ?? ''}
</head>
<body>
<div id="app"></div>
<script type="module" nonce="${nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
