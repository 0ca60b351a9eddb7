import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { maskSecrets } from '../../../src/core/secrets/maskSecrets';
import { runCli } from '../../../src/cli/main';

test('maskSecrets: passwords in userinfo (an @ in them too), bare user:password@, secret query values; placeholders kept', () => {
  assert.equal(maskSecrets('postgres://admin:P@ssW0rdX@db:5432/app'), 'postgres://admin:***@db:5432/app');
  assert.equal(maskSecrets('postgres://db:5432/app?user=admin&password=S3cretP4ss'), 'postgres://db:5432/app?user=admin&password=***');
  assert.equal(maskSecrets('https://api.example.com/v1?api_key=abc123&page=2'), 'https://api.example.com/v1?api_key=***&page=2');
  assert.equal(maskSecrets('admin:hunter2@db:5432'), 'admin:***@db:5432');
  assert.equal(maskSecrets('postgres://app:${DB_PASSWORD}@db/app'), 'postgres://app:${DB_PASSWORD}@db/app');
  assert.equal(maskSecrets('https://example.com/search?q=token'), 'https://example.com/search?q=token');
});

test('scan prints no secret carried in a URL, in any format (issue: query strings and @ in passwords)', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'io-secrets-'));
  try {
    await writeFile(path.join(root, '.env'), 'PG_URL=postgres://db:5432/app?user=admin&password=S3cretP4ss\nDATABASE_URL=postgres://admin:P@ssW0rdX@db:5432/app\n');
    await writeFile(path.join(root, 'app.js'), "const { Pool } = require('pg');\nconst pool = new Pool({ connectionString: 'postgres://svc:Sup3rS3cret@db/app?sslpassword=Xy9Zz' });\npool.query('select 1');\n");
    for (const format of ['json', 'sarif', 'table', 'markdown']) {
      const out: string[] = [];
      const code = await runCli(['scan', root, '--format', format], { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), isTTY: false, cwd: root });
      const text = out.join('');
      assert.equal(code, 0, text);
      for (const secret of ['S3cretP4ss', 'P@ssW0rdX', 'ssW0rdX', 'Sup3rS3cret']) assert.ok(!text.includes(secret), `${format} output shows ${secret}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
