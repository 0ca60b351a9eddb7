/**
 * Validation speed on a generated 5,000-line integration-config.yml: this project's validator
 * (validateConfig: parse + schema + custom checks) next to yaml-language-server validating the
 * same text against the generated JSON Schema, in-process, in the same run.
 * `npm run bench:config [-- --lines 5000 --runs 30]`. Prints the median and p90 ms per validation,
 * wall clock and CPU time (CPU time is what to compare on a busy shared machine).
 */
import { buildJsonSchema } from '../src/core/config/jsonSchema';
import { parseYaml } from '../src/core/config/parseYaml';
import { validateConfig } from '../src/core/config/validate';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const TYPES = [
  ['rest', 'https://api-{i}.example.com/v1'],
  ['postgres', 'postgres://svc:${DB_{i}_PASSWORD}@db-{i}:5432/app'],
  ['redis', 'redis://cache-{i}:6379'],
  ['kafka', 'kafka-{i}:9092,kafka-b-{i}:9092'],
  ['grpc', 'grpc-{i}:50051'],
] as const;

/** A realistic config: block and flow styles, every section, named and inline policies. */
export function generateConfig(lines: number): string {
  const out = ['# generated for the benchmark', 'version: 1', 'policies:'];
  for (let p = 0; p < 20; p++) {
    out.push(
      `  policy-${p}:`,
      `    description: Policy number ${p}`,
      '    timeout: 10s',
      '    retry: { max_retries: 3, backoff: exponential, base_delay: 200ms, max_delay: 30s, jitter: decorrelated, retry_on: [408, 429, 500, 502, 503, 504] }',
      `    circuit_breaker: { failure_threshold: ${p + 1}, half_open_after: 30s }`,
    );
  }
  out.push('integrations:');
  for (let i = 0; out.length < lines; i++) {
    const [type, endpoint] = TYPES[i % TYPES.length]!;
    out.push(
      `  - name: integration-${i}`,
      `    description: "Integration ${i} of the benchmark"`,
      '    source: { type: service, endpoint: "http://localhost:3000" }',
      '    target:',
      `      type: ${type}`,
      `      endpoint: "${endpoint.replace(/\{i\}/g, String(i))}"`,
      '      auth:',
      '        type: bearer',
      `        credentials: "\${TOKEN_${i}}"`,
      '    sync:',
      '      strategy: batch',
      '      frequency: "*/5 * * * *"',
      '      batch_size: 100',
      '      timeout: 30s',
    );
    if (i % 2 === 0) out.push(`    resilience: { policy: policy-${i % 20} }`);
    else out.push('    resilience:', '      timeout: 5s', '      retry:', '        max_retries: 2', '        base_delay: 100ms');
    out.push('    monitoring: { metrics: true, logging: structured, alerts: { error_rate_threshold: 0.05, latency_threshold: 5s } }');
  }
  return out.join('\n') + '\n';
}

function stats(samples: number[]): { median: number; p90: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p90: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]! };
}

interface Samples {
  wall: number[];
  cpu: number[];
}

async function measure(samples: Samples, run: () => unknown): Promise<void> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await run();
  samples.wall.push(performance.now() - started);
  const used = process.cpuUsage(cpuStart);
  samples.cpu.push((used.user + used.system) / 1000);
}

function line(name: string, samples: Samples, diagnostics: number): string {
  const wall = stats(samples.wall);
  const cpu = stats(samples.cpu);
  return `${name.padEnd(32)} median ${wall.median.toFixed(1).padStart(6)} ms (cpu ${cpu.median.toFixed(1).padStart(6)} ms), p90 ${wall.p90.toFixed(1).padStart(6)} ms, ${diagnostics} diagnostics`;
}

async function main(): Promise<void> {
  const lines = option('lines', 5000);
  const runs = option('runs', 30);
  const text = generateConfig(lines);
  const env = new Set<string>();
  for (const match of text.matchAll(/\$\{([A-Z0-9_]+)\}/g)) env.add(match[1]!);
  console.log(`config: ${text.split('\n').length - 1} lines, ${(text.length / 1024).toFixed(0)} KiB; ${runs} runs each after 3 warm-up runs`);

  const ours: Samples = { wall: [], cpu: [] };
  let ourCount = 0;
  for (let run = -3; run < runs; run++) {
    const target = run >= 0 ? ours : { wall: [], cpu: [] };
    await measure(target, () => {
      ourCount = validateConfig(text, { uri: 'file:///bench/integration-config.yml', workspaceEnv: env }).length;
    });
  }
  // The same validation with the fast parser off: `yaml`'s parseDocument for everything.
  const slow: Samples = { wall: [], cpu: [] };
  for (let run = -1; run < Math.max(5, Math.floor(runs / 3)); run++) {
    const target = run >= 0 ? slow : { wall: [], cpu: [] };
    await measure(target, () => validateConfig(text, { uri: 'file:///bench/integration-config.yml', workspaceEnv: env, parsed: parseYaml(text, { fast: false }) }));
  }

  // Loaded here so tests can import generateConfig without loading yaml-language-server.
  const { getLanguageService } = await import('yaml-language-server');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const schema = buildJsonSchema();
  const schemaUri = 'file:///bench/integration-config.schema.json';
  const service = getLanguageService({
    schemaRequestService: async () => JSON.stringify(schema),
    workspaceContext: { resolveRelativePath: (relative) => relative },
  });
  service.configure({ validate: true, completion: false, hover: false, schemas: [{ uri: schemaUri, fileMatch: ['*integration-config.yml'], schema: schema as never }] });
  const theirs: Samples = { wall: [], cpu: [] };
  let theirCount = 0;
  for (let run = -3; run < runs; run++) {
    // A new URI each time: yaml-language-server caches parsed documents by URI and version.
    const document = TextDocument.create(`file:///bench/${run + 3}/integration-config.yml`, 'yaml', 1, text);
    const target = run >= 0 ? theirs : { wall: [], cpu: [] };
    await measure(target, async () => {
      theirCount = (await service.doValidation(document, false)).length;
    });
  }

  console.log(line('validateConfig (this project)', ours, ourCount));
  console.log(line('  same, yaml parser only', slow, ourCount));
  console.log(line('yaml-language-server 1.25', theirs, theirCount));
  const ratio = stats(theirs.cpu).median / stats(ours.cpu).median;
  console.log(`this project is ${ratio.toFixed(1)}× faster (CPU medians); target ≤ 30 ms: ${stats(ours.wall).median <= 30 ? 'met' : 'not met'} (wall median)`);
}

if (require.main === module) void main();
