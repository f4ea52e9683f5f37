// A database-backed job queue. Jobs are claimed with a lease (locked_until), so a crashed worker's
// job is picked up again when the lease runs out; failures retry with exponential backoff.
// A worker keeps its lease alive by reporting progress (each report extends it), and only the
// worker holding the lease may record the outcome: one whose lease ran out and whose job another
// worker took over can neither complete nor fail it.
// A unique key keeps at most one queued-or-running job per key, which debounces bursts
// (e.g. many votes arriving → one recomputation).
// Payloads are kept only while they may still be needed: a job marked personal (an address typed
// into a form, a pending account) loses its payload the moment it is done or has failed for good,
// and every other finished job's payload is purged after PAYLOAD_RETENTION_MS (a recurring job).
import type { UpdateQueryBuilder } from 'kysely';
import { lockSkippingLocked, type Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  /** The payload holds personal data: forgotten as soon as the job is finished. */
  personal?: boolean;
  /** The worker holding the lease, and for how long each extension lasts. */
  holder: string;
  leaseMs: number;
}

/** The job's lease ran out and another worker took it over: this run's outcome does not count. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lease on job ${jobId} lost to another worker`);
    this.name = 'LeaseLostError';
  }
}

export interface JobState {
  id: string;
  name: string;
  status: JobStatus;
  progress: number | null;
  progressNote: string | null;
  result: unknown;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface EnqueueOptions {
  /** Delay before the job may run, in milliseconds (debounce window). */
  delayMs?: number;
  /** When the job may run, instead of a delay. */
  runAt?: Date;
  uniqueKey?: string;
  maxAttempts?: number;
  /**
   * The payload links what must stay apart (an address and an anonymous submission): the row
   * keeps no time finer than the day it was queued. Its definition is `personal`, so the payload
   * is erased at the end too.
   */
  forgetful?: boolean;
}

const BASE_BACKOFF_MS = 10_000;
/** How long a finished job keeps its payload, for someone looking into what it did. */
export const PAYLOAD_RETENTION_MS = 24 * 60 * 60_000;
const FORGOTTEN = JSON.stringify(null);

/** Narrows an update to the job while this run still holds it (checked in the same statement). */
function held<O>(query: UpdateQueryBuilder<DB, 'jobs', 'jobs', O>, job: Job) {
  return query
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', job.holder);
}

export function jobQueue(database: Database, clock: Clock) {
  const { db, dialect } = database;
  const iso = (ms = 0) => new Date(clock.now().getTime() + ms).toISOString();

  return {
    /** Queues a job; with a unique key already queued or running, returns that job's id instead. */
    async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
      // On a taken key the insert does nothing (no error, which would abort the caller's
      // transaction on PostgreSQL) and the job holding the key is returned: it will do the work.
      // That job may finish and free the key in between; then the insert is tried again.
      const created = options.forgetful ? `${iso().slice(0, 10)}T00:00:00.000Z` : iso();
      const runAt = options.runAt ? options.runAt.toISOString() : iso(options.delayMs ?? 0);
      for (;;) {
        const id = newId();
        const inserted = await db
          .insertInto('jobs')
          .values({
            id,
            name,
            payload: JSON.stringify(payload ?? null),
            status: 'queued',
            run_at: runAt,
            attempts: 0,
            max_attempts: options.maxAttempts ?? 5,
            unique_key: options.uniqueKey ?? null,
            locked_by: null,
            locked_until: null,
            progress: null,
            progress_note: null,
            result: null,
            last_error: null,
            created_at: created,
            updated_at: created,
            finished_at: null,
          })
          .onConflict((oc) => oc.column('unique_key').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 || !options.uniqueKey) return id;
        const winner = await db
          .selectFrom('jobs')
          .select('id')
          .where('unique_key', '=', options.uniqueKey)
          .executeTakeFirst();
        if (winner) return winner.id;
      }
    },

    /** Takes the next due job (or one whose lease expired) for this worker. */
    async claim(
      workerId: string,
      names: string[],
      leaseOf: (name: string) => number,
    ): Promise<Job | undefined> {
      if (names.length === 0) return undefined;
      const now = iso();
      return db.transaction().execute(async (trx) => {
        const candidate = await lockSkippingLocked(
          trx
            .selectFrom('jobs')
            .select(['id', 'name', 'payload', 'attempts', 'max_attempts'])
            .where('name', 'in', names)
            .where((eb) =>
              eb.or([
                eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
                eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
              ]),
            )
            .orderBy('run_at')
            .limit(1),
          dialect,
        ).executeTakeFirst();
        if (!candidate) return undefined;
        const leaseMs = leaseOf(candidate.name);
        await trx
          .updateTable('jobs')
          .set({
            status: 'running',
            locked_by: workerId,
            locked_until: iso(leaseMs),
            attempts: Number(candidate.attempts) + 1,
            updated_at: now,
          })
          .where('id', '=', candidate.id)
          .execute();
        return {
          id: candidate.id,
          name: candidate.name,
          payload: JSON.parse(candidate.payload) as unknown,
          attempts: Number(candidate.attempts) + 1,
          maxAttempts: Number(candidate.max_attempts),
          holder: workerId,
          leaseMs,
        };
      });
    },

    /** Records progress and extends the lease (a heartbeat); throws LeaseLostError when lost. */
    async progress(job: Job, fraction: number, note?: string): Promise<void> {
      const updated = await held(
        db.updateTable('jobs').set({
          progress: Math.max(0, Math.min(1, fraction)),
          progress_note: note ?? null,
          locked_until: iso(job.leaseMs),
          updated_at: iso(),
        }),
        job,
      ).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new LeaseLostError(job.id);
    },

    /**
     * Records the result, and queues the job's next run (recurring jobs) in the same transaction:
     * a recurring job is never done without its successor. False (and nothing written) when this
     * worker no longer holds the job.
     */
    async complete(
      job: Job,
      result: unknown,
      next?: { uniqueKey: string; delayMs: number },
    ): Promise<boolean> {
      return database.transaction(async () => {
        const updated = await held(
          db.updateTable('jobs').set({
            ...(job.personal ? { payload: FORGOTTEN } : {}),
            status: 'done',
            progress: 1,
            result: JSON.stringify(result ?? null),
            unique_key: null,
            locked_by: null,
            locked_until: null,
            finished_at: iso(),
            updated_at: iso(),
          }),
          job,
        ).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
        if (next) await this.enqueue(job.name, null, next);
        return true;
      });
    },

    /** Schedules a retry or gives up; false (and nothing written) when the job is no longer held. */
    async fail(job: Job, error: unknown): Promise<boolean> {
      const message = error instanceof Error ? error.message : String(error);
      const final = job.attempts >= job.maxAttempts;
      const updated = await held(
        db.updateTable('jobs').set(
          final
            ? {
                ...(job.personal ? { payload: FORGOTTEN } : {}),
                status: 'failed',
                last_error: message,
                unique_key: null,
                locked_by: null,
                locked_until: null,
                finished_at: iso(),
                updated_at: iso(),
              }
            : {
                status: 'queued',
                last_error: message,
                locked_by: null,
                locked_until: null,
                run_at: iso(BASE_BACKOFF_MS * 2 ** (job.attempts - 1)),
                updated_at: iso(),
              },
        ),
        job,
      ).executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },

    /** Forgets the payloads of jobs finished more than PAYLOAD_RETENTION_MS ago; returns how many. */
    async purgePayloads(): Promise<number> {
      const result = await db
        .updateTable('jobs')
        .set({ payload: FORGOTTEN })
        .where('status', 'in', ['done', 'failed'])
        .where('finished_at', '<', iso(-PAYLOAD_RETENTION_MS))
        .where('payload', '!=', FORGOTTEN)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async get(id: string): Promise<JobState | undefined> {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        row && {
          id: row.id,
          name: row.name,
          status: row.status as JobStatus,
          progress: row.progress === null ? null : Number(row.progress),
          progressNote: row.progress_note,
          result: row.result === null ? null : (JSON.parse(row.result) as unknown),
          lastError: row.last_error,
          createdAt: row.created_at,
          finishedAt: row.finished_at,
        }
      );
    },
  };
}

export type JobQueue = ReturnType<typeof jobQueue>;
