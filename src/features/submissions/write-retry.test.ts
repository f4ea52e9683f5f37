import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { ConflictError } from '../../shared/errors.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { retryRaces } from './submissions.api.ts';

async function calls(failure: unknown): Promise<number> {
  let count = 0;
  await assert.rejects(
    retryRaces(async () => {
      count++;
      throw failure;
    }),
  );
  return count;
}

for (const dialect of testDialects()) {
  describe(`an API write is retried only when a racing copy won (${dialect})`, () => {
    let t: TestApp;
    let duplicate: unknown;
    before(async () => {
      t = await startTestApp(dialect);
      const row = {
        token_hash: 'same',
        purpose: 'test',
        user_id: null,
        subject: null,
        created_at: '2026-01-01T00:00:00Z',
        expires_at: '2026-01-02T00:00:00Z',
        used_at: null,
      };
      await t.db().insertInto('one_time_tokens').values(row).execute();
      duplicate = await t
        .db()
        .insertInto('one_time_tokens')
        .values(row)
        .execute()
        .then(
          () => undefined,
          (error: unknown) => error,
        );
    });
    after(() => t.close());

    test('when the database refuses a duplicate key, then the write runs again', async () => {
      assert.ok(isUniqueViolation(duplicate), `the database's own error: ${String(duplicate)}`);
      assert.equal(await calls(duplicate), 3);
    });

    test('when the write fails for any other reason, then it runs once', async () => {
      assert.equal(await calls(new Error('the disk is full')), 1);
      assert.equal(await calls(ConflictError('not now')), 1);
    });
  });
}
