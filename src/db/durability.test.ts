import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// A child process commits rows through the same database layer and announces each commit; the
// parent kills it with SIGKILL mid-stream. Every announced row must be there afterwards.
const CHILD = `
  import { openDatabase } from './src/db/database.ts';
  import { migrateToLatest } from './src/db/migrate.ts';
  const database = openDatabase({ dataDir: process.argv[1] });
  await migrateToLatest(database);
  for (let i = 0; ; i++) {
    await database.db.insertInto('instance_settings').values({ key: 'k' + i, value: String(i) }).execute();
    process.stdout.write('committed ' + i + '\\n');
  }
`;

test('an acknowledged SQLite write survives kill -9', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polylogue-durable-'));
  const root = new URL('../../', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', CHILD, dir],
    { cwd: root },
  );
  let last = -1;
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const numbers = [...String(chunk).matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
      last = Math.max(last, ...numbers);
      if (last >= 200 && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
  assert.ok(last >= 200, `the child committed ${last + 1} rows`);
  const database = openDatabase({ dataDir: dir });
  await migrateToLatest(database);
  const rows = await database.db
    .selectFrom('instance_settings')
    .select('key')
    .where('key', 'like', 'k%')
    .execute();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  assert.ok(rows.length >= last + 1, `${rows.length} rows survived, ${last + 1} were acknowledged`);
});
