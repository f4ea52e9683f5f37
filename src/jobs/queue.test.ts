import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
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
      assert.notEqual(
        await queue.enqueue('test.count', {}, { uniqueKey: 'conversation-1' }),
        a,
        'a finished job frees its key',
      );

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
        startWorker({
          queue: t.services.jobs,
          log: silent,
          autostart: false,
          registry: { 'test.long': { handle: async (ctx) => (runs.push(name), handle(ctx)) } },
        });
      const second = worker('second', async () => ({ by: 'second' }));
      const first = worker('first', (ctx) => work(ctx, second));
      return { first, second, runs };
    }

    test('when a recurring job cannot queue its next run, then it is not marked done and its retry queues it', async () => {
      const db = t.db();
      const failNext =
        t.dialect === 'postgres'
          ? [
              sql`create function fail_next_run() returns trigger language plpgsql as $$ begin raise exception 'next run refused'; end $$`,
              sql`create trigger fail_next_run before insert on jobs for each row when (new.unique_key = 'recurring:test.tick' and new.run_at > new.created_at) execute function fail_next_run()`,
            ]
          : [
              sql`create trigger fail_next_run before insert on jobs when new.unique_key = 'recurring:test.tick' and new.run_at > new.created_at begin select raise(abort, 'next run refused'); end`,
            ];
      const ticks: number[] = [];
      const worker = startWorker({
        queue: t.services.jobs,
        log: silent,
        autostart: false,
        registry: {
          'test.tick': { everyMs: 60 * MINUTE, handle: async () => ticks.push(ticks.length) },
        },
      });
      const first = {
        id: await t.services.jobs.enqueue('test.tick', null, { uniqueKey: 'recurring:test.tick' }),
      };
      for (const statement of failNext) await statement.execute(db);
      try {
        await worker.drain();
      } finally {
        await sql`drop trigger fail_next_run${t.dialect === 'postgres' ? sql` on jobs` : sql``}`.execute(
          db,
        );
        if (t.dialect === 'postgres') await sql`drop function fail_next_run()`.execute(db);
      }
      assert.equal(ticks.length, 1);
      const failed = await t.services.jobs.get(first.id);
      assert.equal(failed?.status, 'queued', 'not done without its successor: retried instead');
      assert.match(failed?.lastError ?? '', /next run refused/);
      clock.advance(6 * MINUTE);
      await worker.drain();
      assert.equal(ticks.length, 2);
      assert.equal((await t.services.jobs.get(first.id))?.status, 'done');
      const next = await db
        .selectFrom('jobs')
        .select(['id', 'status', 'run_at'])
        .where('unique_key', '=', 'recurring:test.tick')
        .executeTakeFirstOrThrow();
      assert.equal(next.status, 'queued');
      assert.ok(next.run_at > clock.now().toISOString());
      await worker.stop();
    });

    test('when recurring jobs cannot be scheduled as the worker starts, then its loop schedules them once it can', async () => {
      const db = t.db();
      const refuse =
        t.dialect === 'postgres'
          ? [
              sql`create function refuse_boot() returns trigger language plpgsql as $$ begin raise exception 'database down'; end $$`,
              sql`create trigger refuse_boot before insert on jobs for each row when (new.unique_key = 'recurring:test.boot') execute function refuse_boot()`,
            ]
          : [
              sql`create trigger refuse_boot before insert on jobs when new.unique_key = 'recurring:test.boot' begin select raise(abort, 'database down'); end`,
            ];
      for (const statement of refuse) await statement.execute(db);
      const worker = startWorker({
        queue: t.services.jobs,
        log: silent,
        pollMs: 10,
        registry: { 'test.boot': { everyMs: 60 * MINUTE, handle: async () => null } },
      });
      const scheduled = () =>
        db.selectFrom('jobs').select('id').where('name', '=', 'test.boot').executeTakeFirst();
      try {
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(await scheduled(), undefined);
      } finally {
        await sql`drop trigger refuse_boot${t.dialect === 'postgres' ? sql` on jobs` : sql``}`.execute(
          db,
        );
        if (t.dialect === 'postgres') await sql`drop function refuse_boot()`.execute(db);
      }
      try {
        for (let tries = 0; !(await scheduled()); tries++) {
          assert.ok(tries < 100, 'scheduled within a second');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      } finally {
        await worker.stop();
      }
    });

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
      const stale = {
        id,
        name: 'test.long',
        payload: null,
        attempts: 1,
        maxAttempts: 3,
        holder: 'a worker long gone',
        leaseMs: 5 * MINUTE,
      };
      assert.equal(await t.services.jobs.fail(stale, new Error('late failure')), false);
      assert.equal(await t.services.jobs.complete(stale, { by: 'ghost' }), false);
      assert.deepEqual((await t.services.jobs.get(id))?.result, { by: 'second' });
      await Promise.all([first.stop(), second.stop()]);
    });
  });
}
