import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';
import { startWorker } from './worker.ts';

const HOUR = 60 * 60_000;

for (const dialect of testDialects()) {
  describe(`job payloads are not kept longer than needed (${dialect})`, () => {
    let t: TestApp;
    let offsetMs = 0;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(Date.now() + offsetMs) } });
    });
    after(() => t.close());

    const payloadOf = async (id: string) =>
      (
        await t
          .db()
          .selectFrom('jobs')
          .select('payload')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).payload;

    test('when a personal job is done or fails for good, then its payload is forgotten at once; a retried one keeps it until then', async () => {
      const queue = t.services.jobs;
      const worker = startWorker({
        queue,
        log: { error: () => undefined },
        autostart: false,
        registry: {
          'test.personal': { personal: true, handle: async () => 'sent' },
          'test.personal-failing': {
            personal: true,
            handle: async () => Promise.reject(new Error('mail server down')),
          },
        },
      });
      const done = await queue.enqueue('test.personal', { email: 'someone@example.org' });
      const failing = await queue.enqueue(
        'test.personal-failing',
        { email: 'other@example.org' },
        { maxAttempts: 2 },
      );
      await worker.drain();
      assert.equal(await payloadOf(done), 'null');
      assert.equal((await queue.get(done))?.result, 'sent');
      assert.match(await payloadOf(failing), /other@example\.org/, 'kept for the retry');
      offsetMs += HOUR;
      await worker.drain();
      assert.equal((await queue.get(failing))?.status, 'failed');
      assert.equal(await payloadOf(failing), 'null');
      await worker.stop();
    });

    test('when any other job finished more than a day ago, then the recurring purge forgets its payload', async () => {
      const queue = t.services.jobs;
      const worker = startWorker({
        queue,
        log: { error: () => undefined },
        autostart: false,
        registry: { 'test.plain': { handle: async () => null } },
      });
      const plain = await queue.enqueue('test.plain', { note: 'kept for a while' });
      await worker.drain();
      await worker.stop();
      await t.worker.drain();
      assert.match(await payloadOf(plain), /kept for a while/, 'kept right after');
      offsetMs += 25 * HOUR;
      await t.worker.drain();
      assert.equal(await payloadOf(plain), 'null', 'purged by the recurring job');
    });
  });
}
