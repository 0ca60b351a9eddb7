// Runs every test/unit/**/*.test.ts with Node's own test runner (Node 20 has no glob for --test).
// Extra arguments are passed through, e.g. `npm run test:unit -- --test-name-pattern=scan`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const files = readdirSync(path.join(root, 'test/unit'), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.test.ts'))
  .sort()
  .map((file) => path.join('test/unit', file));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
