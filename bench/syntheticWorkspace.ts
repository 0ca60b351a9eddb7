/**
 * A synthetic workspace for the scan benchmark: N files of mixed languages, about 10 KB each,
 * ~15 % holding real integrations, and some comments that mention library names (so the
 * prefilter lets them through and the parser must say "nothing here").
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FILLER: Record<string, (i: number) => string> = {
  ts: (i) => `export function compute${i}(values: number[]): number {\n  let total = 0;\n  for (const v of values) { total += v * ${i % 7}; }\n  return total;\n}\n`,
  py: (i) => `def compute_${i}(values):\n    total = 0\n    for v in values:\n        total += v * ${i % 7}\n    return total\n\n`,
  go: (i) => `func compute${i}(values []int) int {\n\ttotal := 0\n\tfor _, v := range values {\n\t\ttotal += v * ${i % 7}\n\t}\n\treturn total\n}\n`,
  rs: (i) => `pub fn compute_${i}(values: &[i64]) -> i64 {\n    values.iter().map(|v| v * ${i % 7}).sum()\n}\n`,
  java: (i) => `  public int compute${i}(int[] values) {\n    int total = 0;\n    for (int v : values) { total += v * ${i % 7}; }\n    return total;\n  }\n`,
};

const INTEGRATION: Record<string, string> = {
  ts: "import axios from 'axios';\nimport { Pool } from 'pg';\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL });\nexport async function load() {\n  await fetch(process.env.PAYMENTS_URL + '/charge');\n  await axios.get('https://api.example.com/items');\n  return pool.query('select 1');\n}\n",
  py: 'import os, requests\n\ndef load():\n    return requests.get(os.environ["CATALOG_URL"] + "/items", timeout=5)\n\n',
  go: 'func load() {\n\thttp.Get(os.Getenv("PRICING_URL") + "/prices")\n}\n',
  rs: 'async fn load() {\n    let r = reqwest::get("https://api.example.com/items").await;\n}\n',
  java: '  void load() throws Exception {\n    HttpClient c = HttpClient.newHttpClient();\n    c.send(request, BodyHandlers.ofString());\n  }\n',
};

const HEADER: Record<string, string> = {
  ts: '', py: '', go: 'package bench\n\nimport (\n\t"net/http"\n\t"os"\n)\n\n', rs: '', java: 'import java.net.http.HttpClient;\n\npublic class Bench {\n',
};
const FOOTER: Record<string, string> = { ts: '', py: '', go: '', rs: '', java: '}\n' };
const EXTENSIONS = ['ts', 'py', 'go', 'rs', 'java'];

export async function generateWorkspace(root: string, files: number, bytesPerFile = 10_000): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const ext = EXTENSIONS[i % EXTENSIONS.length];
    const dir = path.join(root, `pkg${i % 100}`);
    if (i < 100) await mkdir(dir, { recursive: true });
    const integrated = i % 100 < 15;
    let body = integrated ? HEADER[ext] : ext === 'go' ? 'package bench\n\n' : ext === 'java' ? 'public class Bench {\n' : '';
    if (i % 20 === 3) body += ext === 'py' ? '# uses redis and postgres through the gateway\n' : '// uses redis and axios through the gateway: fetch(url)\n';
    if (integrated) body += INTEGRATION[ext];
    let n = 0;
    while (body.length < bytesPerFile) body += FILLER[ext](i * 1000 + n++);
    body += FOOTER[ext];
    const name = ext === 'java' ? `Bench${i}.java` : `file${i}.${ext}`;
    await writeFile(path.join(dir, name), ext === 'java' ? body.replace('public class Bench {', `public class Bench${i} {`) : body);
    bytes += Buffer.byteLength(body);
  }
  return { files, bytes };
}
