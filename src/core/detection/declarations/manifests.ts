/** Dependency manifests as supporting evidence: a declared client library is a declaration of its kind. */
import type { LanguageCatalog } from '../catalog/rule';
import { javascriptCatalog } from '../catalog/javascript';
import { pythonCatalog } from '../catalog/python';
import { goCatalog } from '../catalog/go';
import { rustCatalog } from '../catalog/rust';
import { javaCatalog } from '../catalog/java';
import type { DeclarationFinding } from './declaration';

const MANIFESTS: { pattern: RegExp; catalog: LanguageCatalog; dependency: RegExp }[] = [
  // "axios": "^1.6.0" inside a dependencies block (devDependencies count too: tests talk to real things).
  { pattern: /(^|\/)package\.json$/, catalog: javascriptCatalog, dependency: /^\s*"(@?[\w./-]+)"\s*:\s*"[^"]*"\s*,?\s*$/ },
  { pattern: /(^|\/)requirements[\w.-]*\.txt$/, catalog: pythonCatalog, dependency: /^\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(?:[<>=!~;]|$)/ },
  { pattern: /(^|\/)pyproject\.toml$/, catalog: pythonCatalog, dependency: /^\s*["']?([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(?:[<>=!~^ ]|["']|$)/ },
  { pattern: /(^|\/)go\.mod$/, catalog: goCatalog, dependency: /^\s*(?:require\s+)?([\w.-]+\.[\w]+\/[\w./-]+)\s+v/ },
  { pattern: /(^|\/)Cargo\.toml$/, catalog: rustCatalog, dependency: /^\s*([A-Za-z0-9_-]+)\s*=/ },
  { pattern: /(^|\/)pom\.xml$/, catalog: javaCatalog, dependency: /<artifactId>([\w.-]+)<\/artifactId>/ },
  { pattern: /(^|\/)build\.gradle(\.kts)?$/, catalog: javaCatalog, dependency: /["']([\w.-]+:[\w.-]+)(:[^"']*)?["']/ },
];

/** Package names (as written in manifests) that are not the module names code imports. */
const PACKAGE_ALIASES: Record<string, string> = {
  'psycopg2-binary': 'psycopg2', 'psycopg-binary': 'psycopg', 'psycopg-pool': 'psycopg', 'redis-py': 'redis', 'kafka-python': 'kafka', 'confluent-kafka': 'confluent_kafka',
  'mysqlclient': 'MySQLdb', 'mysql-connector-python': 'mysql.connector', 'motor': 'pymongo', 'opossum': '', 'sqlmodel': 'sqlmodel',
  'tokio-postgres': 'tokio_postgres', 'async-nats': 'async_nats',
  'spring-boot-starter-data-jpa': 'spring-data', 'spring-boot-starter-data-redis': 'org.springframework.data.redis.core', 'spring-kafka': 'org.springframework.kafka.core',
  'spring-boot-starter-amqp': 'org.springframework.amqp.rabbit.core', 'spring-boot-starter-mail': 'org.springframework.mail', 'spring-boot-starter-webflux': 'org.springframework.web.reactive.function.client',
  'okhttp': 'okhttp3', 'jedis': 'redis.clients.jedis', 'lettuce-core': 'io.lettuce.core', 'kafka-clients': 'org.apache.kafka.clients.producer', 'spring-cloud-starter-openfeign': 'feign',
  'postgresql': 'java.sql', 'mysql-connector-java': 'java.sql', 'mysql-connector-j': 'java.sql',
};

export function isManifest(file: string): boolean {
  return MANIFESTS.some((m) => m.pattern.test(file));
}

export function manifestDeclarations(file: string, text: string): DeclarationFinding[] {
  const manifest = MANIFESTS.find((m) => m.pattern.test(file));
  if (!manifest) return [];
  const findings: DeclarationFinding[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    const match = manifest.dependency.exec(line);
    if (!match) return;
    let name = match[1];
    if (name.includes(':')) name = name.split(':')[1];
    const moduleName = PACKAGE_ALIASES[name] ?? PACKAGE_ALIASES[name.toLowerCase()] ?? name;
    if (!moduleName) return;
    const rule = manifest.catalog.libraries.find((r) => r.library === name || r.modules.some((m) => m === moduleName || m.toLowerCase() === moduleName.toLowerCase() || moduleName.startsWith(`${m}/`)))
      ?? (manifest.catalog.annotations ?? []).find((r) => r.library === moduleName)
      ?? (manifest.catalog.supertypes ?? []).find((r) => r.library === moduleName);
    if (!rule || seen.has(rule.library)) return;
    seen.add(rule.library);
    const column = Math.max(0, line.indexOf(match[1]));
    findings.push({ line: index, column, endLine: index, endColumn: column + match[1].length, kind: rule.kind, library: rule.library, target: name });
  });
  return findings;
}
