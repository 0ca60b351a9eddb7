/** API specifications: OpenAPI/Swagger (http), AsyncAPI (queue), .proto services (grpc). */
import type { DeclarationFinding } from './declaration';

export function specDeclarations(file: string, text: string): DeclarationFinding[] {
  const findings: DeclarationFinding[] = [];
  if (file.endsWith('.proto')) {
    const lines = text.split(/\r?\n/);
    lines.forEach((line, index) => {
      const match = /^\s*service\s+(\w+)\s*\{/.exec(line);
      if (match) findings.push({ line: index, column: line.indexOf('service'), endLine: index, endColumn: line.length, kind: 'grpc', library: 'protobuf', target: match[1] });
    });
    return findings;
  }
  const head = text.slice(0, 4000);
  const kind = /^\s*["']?(openapi|swagger)["']?\s*:/m.test(head) ? 'http' : /^\s*["']?asyncapi["']?\s*:/m.test(head) ? 'queue' : undefined;
  if (!kind) return findings;
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => /^\s*["']?(openapi|swagger|asyncapi)["']?\s*:/.test(l));
  const server = /^\s*-?\s*["']?url["']?\s*:\s*["']?([^"'\s,]+)/m.exec(text.slice(text.search(/servers/)))?.[1];
  const title = /^\s*["']?title["']?\s*:\s*["']?([^"'\n]+)/m.exec(text)?.[1]?.trim();
  findings.push({ line: Math.max(0, line), column: 0, endLine: Math.max(0, line), endColumn: lines[Math.max(0, line)]?.length ?? 0,
    kind, library: kind === 'http' ? 'openapi' : 'asyncapi', target: server ?? title ?? file });
  return findings;
}

export function isSpecCandidate(file: string): boolean {
  return /\.proto$/.test(file) || /(openapi|swagger|asyncapi|api)[^/]*\.(ya?ml|json)$/i.test(file);
}
