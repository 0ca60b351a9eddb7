import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './detect';

test('Go: a chain resolved before its inner call (`<-conn.PgConn().CleanupDone()`) is analysed, not failed', async () => {
  // The receive operator makes the outer call start first, so its inner call has no outcome yet; the
  // resolver then looks at the call up to that segment, which must still read the call's arguments.
  assert.deepEqual(await detect('pool.go', [
    'package pool',
    'import (',
    '  "context"',
    '  "github.com/jackc/pgx/v4"',
    ')',
    'func closeConn(ctx context.Context, conn *pgx.Conn) {',
    '  select {',
    '  case <-conn.PgConn().CleanupDone():',
    '  case <-ctx.Done():',
    '  }',
    '  conn.Exec(ctx, "DISCARD ALL")',
    '}',
  ].join('\n')), ['11 database github.com/jackc/pgx call']);
});
