import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';
import { testClock } from '../features/submissions/participation.fixtures.ts';
import { LeaseLostError } from './queue.ts';
import { startWorker, type JobContext, type Worker } from './worker.ts';

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

for (const dialect of testDialects()) {
  describe(`job leases (${dialect})`, () => {
    let t: TestApp;
    const clock = testClock(new Date('2026-03-01T10:00:00Z'));
    const MINUTE = 60_000;
    before(async () => {
      t = await startTestApp(dialect, { clock });
    });
    after(() => t.close());

    /** Two workers on one queue; `first` runs the job as `work` says, `second` as a plain run. */
    function twoWorkers(work: (ctx: JobContext, second: Worker) => Promise<unknown>) {
      const runs: string[] = [];
      const worker = (name: string, handle: (ctx: JobContext) => Promise<unknown>) =>
        startWorker({ queue: t.services.jobs, log: silent, autostart: false, registry: { 'test.long': { handle: async (ctx) => (runs.push(name), handle(ctx)) } } });
      const second = worker('second', async () => ({ by: 'second' }));
      const first = worker('first', (ctx) => work(ctx, second));
      return { first, second, runs };
    }

    test('when a running job reports progress, then its lease is extended and no other worker takes it', async () => {
      const id = await t.services.jobs.enqueue('test.long', null);
      const { first, second, runs } = twoWorkers(async (ctx, other) => {
        clock.advance(4 * MINUTE);
        await ctx.progress(0.5, 'half way');
        clock.advance(4 * MINUTE);
        assert.equal(await other.drain(), 0, 'the lease still holds 8 minutes in');
        return { by: 'first' };
      });
      assert.equal(await first.drain(), 1);
      assert.deepEqual(runs, ['first']);
      assert.deepEqual((await t.services.jobs.get(id))?.result, { by: 'first' });
      await Promise.all([first.stop(), second.stop()]);
    });

    test('when a job outlives its lease and another worker completes it, then the first can neither complete nor fail it', async () => {
      const id = await t.services.jobs.enqueue('test.long', null, { maxAttempts: 3 });
      let lost: unknown;
      const { first, second, runs } = twoWorkers(async (ctx, other) => {
        clock.advance(6 * MINUTE);
        assert.equal(await other.drain(), 1, 'the expired lease is taken over');
        await ctx.progress(0.9).catch((error: unknown) => (lost = error));
        return { by: 'first' };
      });
      await first.drain();
      assert.deepEqual(runs, ['first', 'second']);
      assert.ok(lost instanceof LeaseLostError, 'progress tells the first run it lost the job');
      const state = await t.services.jobs.get(id);
      assert.equal(state?.status, 'done');
      assert.deepEqual(state?.result, { by: 'second' });
      const stale = { id, name: 'test.long', payload: null, attempts: 1, maxAttempts: 3, holder: 'a worker long gone', leaseMs: 5 * MINUTE };
      assert.equal(await t.services.jobs.fail(stale, new Error('late failure')), false);
      assert.equal(await t.services.jobs.complete(stale, { by: 'ghost' }), false);
      assert.deepEqual((await t.services.jobs.get(id))?.result, { by: 'second' });
      await Promise.all([first.stop(), second.stop()]);
    });
  });
}
