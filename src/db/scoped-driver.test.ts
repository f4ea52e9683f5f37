// Commands and outages at the driver, on real databases: transactions begun inside a command
// join it (and a failed one rolls the command back), and SQLite's "database is locked" after its
// busy timeout becomes the trusted 503 error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';
import { openDatabase, openSqlite } from './database.ts';
import { migrateToLatest } from './migrate.ts';

const setting = (key: string) => ({ key, value: 'x' });

for (const dialect of testDialects()) {
  describe(`commands on the database (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());
    const keys = async (prefix: string) =>
      (
        await t
          .db()
          .selectFrom('instance_settings')
          .select('key')
          .where('key', 'like', `${prefix}%`)
          .orderBy('key')
          .execute()
      ).map((r) => r.key);

    test('when transactions run concurrently inside a command, then all their writes commit with it', async () => {
      const { transaction } = t.services.database;
      await transaction(async () => {
        await Promise.all(
          ['a', 'b', 'c'].map((k) =>
            t
              .db()
              .transaction()
              .execute((trx) =>
                trx
                  .insertInto('instance_settings')
                  .values(setting(`joined-${k}`))
                  .execute(),
              ),
          ),
        );
        await t.db().insertInto('instance_settings').values(setting('joined-d')).execute();
      });
      assert.deepEqual(await keys('joined-'), ['joined-a', 'joined-b', 'joined-c', 'joined-d']);
    });

    test('when a transaction inside a command fails and the command carries on, then the whole command rolls back', async () => {
      const { transaction } = t.services.database;
      await assert.rejects(
        transaction(async () => {
          await t.db().insertInto('instance_settings').values(setting('partial-outer')).execute();
          await t
            .db()
            .transaction()
            .execute(async (trx) => {
              await trx.insertInto('instance_settings').values(setting('partial-inner')).execute();
              throw new Error('inner failure');
            })
            .catch(() => undefined);
        }),
        /rolled back/,
      );
      assert.deepEqual(await keys('partial-'), []);
    });

    test('when a command throws, then none of its writes stay and later queries run outside it', async () => {
      const { transaction } = t.services.database;
      await assert.rejects(
        transaction(async () => {
          await t.db().insertInto('instance_settings').values(setting('thrown-1')).execute();
          throw new Error('domain rule');
        }),
        /domain rule/,
      );
      await t.db().insertInto('instance_settings').values(setting('thrown-2')).execute();
      assert.deepEqual(await keys('thrown-'), ['thrown-2']);
    });
  });
}

describe('SQLite locked by another process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'polylogue-busy-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('when the writer waited its whole busy timeout, then the query fails as unavailable (503), not as a bug', async () => {
    const database = openDatabase({ dataDir });
    const other = openSqlite(join(dataDir, 'polylogue.sqlite'));
    try {
      await migrateToLatest(database);
      await sql`pragma busy_timeout = 50`.execute(database.db);
      other.exec('begin immediate');
      const error: unknown = await database.db
        .insertInto('instance_settings')
        .values(setting('busy'))
        .execute()
        .catch((e: unknown) => e);
      assert.ok(error instanceof AppError, String(error));
      assert.equal(error.code, 'unavailable');
      assert.equal(error.status, 503);
      assert.equal(error.isTrusted, true);
    } finally {
      other.exec('rollback');
      other.close();
      await database.close();
    }
  });
});
