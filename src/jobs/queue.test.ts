import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';
import { startWorker } from './worker.ts';

const silent = { error: () => undefined };

for (const dialect of testDialects()) {
  describe(`the job queue (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when jobs share a unique key, then one runs; a failing job retries, then fails for good', async () => {
      const queue = t.services.jobs;
      const a = await queue.enqueue('test.count', { n: 1 }, { uniqueKey: 'conversation-1' });
      const b = await queue.enqueue('test.count', { n: 2 }, { uniqueKey: 'conversation-1' });
      assert.equal(a, b, 'debounced into one job');
      const seen: unknown[] = [];
      const worker = startWorker({
        queue,
        log: silent,
        autostart: false,
        registry: {
          'test.count': {
            async handle(ctx) {
              await ctx.progress(0.5, 'half way');
              seen.push(ctx.payload);
              return { ok: true };
            },
          },
          'test.fail': { handle: async () => Promise.reject(new Error('boom')) },
        },
      });
      assert.equal(await worker.drain(), 1);
      assert.deepEqual(seen, [{ n: 1 }]);
      assert.deepEqual((await queue.get(a))?.result, { ok: true });
      assert.equal((await queue.get(a))?.status, 'done');
      assert.notEqual(await queue.enqueue('test.count', {}, { uniqueKey: 'conversation-1' }), a, 'a finished job frees its key');

      const failing = await queue.enqueue('test.fail', null, { maxAttempts: 1 });
      await worker.drain();
      const state = await queue.get(failing);
      assert.equal(state?.status, 'failed');
      assert.equal(state?.lastError, 'boom');
      await worker.stop();
    });
  });
}
