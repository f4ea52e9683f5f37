// A database-backed job queue. Jobs are claimed with a lease (locked_until), so a crashed worker's
// job is picked up again when the lease runs out; failures retry with exponential backoff.
// A unique key keeps at most one queued-or-running job per key, which debounces bursts
// (e.g. many votes arriving → one recomputation).
import { lockSkippingLocked, type Database } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
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
   * keeps no time finer than the day it was queued. Its definition erases the payload at the end
   * (`forgetsPayload`).
   */
  forgetful?: boolean;
}

export interface FinishOptions {
  /** Erase the payload: a finished job needs it no more, and it may link what must stay apart. */
  forgetPayload?: boolean | undefined;
}

/** What an erased payload reads as. */
const FORGOTTEN = JSON.stringify(null);

const BASE_BACKOFF_MS = 10_000;

export function jobQueue(database: Database, clock: Clock) {
  const { db, dialect } = database;
  const iso = (ms = 0) => new Date(clock.now().getTime() + ms).toISOString();

  return {
    /** Queues a job; with a unique key already queued or running, returns that job's id instead. */
    async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
      if (options.uniqueKey) {
        const existing = await db.selectFrom('jobs').select('id').where('unique_key', '=', options.uniqueKey).executeTakeFirst();
        if (existing) return existing.id;
      }
      const id = newId();
      const created = options.forgetful ? `${iso().slice(0, 10)}T00:00:00.000Z` : iso();
      const runAt = options.runAt ? options.runAt.toISOString() : iso(options.delayMs ?? 0);
      try {
        await db
          .insertInto('jobs')
          .values({ id, name, payload: JSON.stringify(payload ?? null), status: 'queued', run_at: runAt, attempts: 0, max_attempts: options.maxAttempts ?? 5, unique_key: options.uniqueKey ?? null, locked_by: null, locked_until: null, progress: null, progress_note: null, result: null, last_error: null, created_at: created, updated_at: created, finished_at: null })
          .execute();
      } catch (error) {
        // Lost a race on the unique key: the other job will do the work.
        const winner = options.uniqueKey ? await db.selectFrom('jobs').select('id').where('unique_key', '=', options.uniqueKey).executeTakeFirst() : undefined;
        if (winner) return winner.id;
        throw error;
      }
      return id;
    },

    /** Takes the next due job (or one whose lease expired) for this worker. */
    async claim(workerId: string, names: string[], leaseMs: number): Promise<Job | undefined> {
      if (names.length === 0) return undefined;
      const now = iso();
      return db.transaction().execute(async (trx) => {
        const candidate = await lockSkippingLocked(
          trx
            .selectFrom('jobs')
            .select(['id', 'name', 'payload', 'attempts', 'max_attempts'])
            .where('name', 'in', names)
            .where((eb) => eb.or([eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]))
            .orderBy('run_at')
            .limit(1),
          dialect,
        ).executeTakeFirst();
        if (!candidate) return undefined;
        await trx
          .updateTable('jobs')
          .set({ status: 'running', locked_by: workerId, locked_until: iso(leaseMs), attempts: Number(candidate.attempts) + 1, updated_at: now })
          .where('id', '=', candidate.id)
          .execute();
        return { id: candidate.id, name: candidate.name, payload: JSON.parse(candidate.payload) as unknown, attempts: Number(candidate.attempts) + 1, maxAttempts: Number(candidate.max_attempts) };
      });
    },

    async progress(id: string, fraction: number, note?: string): Promise<void> {
      await db.updateTable('jobs').set({ progress: Math.max(0, Math.min(1, fraction)), progress_note: note ?? null, updated_at: iso() }).where('id', '=', id).execute();
    },

    async complete(id: string, result: unknown, options: FinishOptions = {}): Promise<void> {
      await db.updateTable('jobs').set({ ...(options.forgetPayload ? { payload: FORGOTTEN } : {}), status: 'done', progress: 1, result: JSON.stringify(result ?? null), unique_key: null, locked_by: null, locked_until: null, finished_at: iso(), updated_at: iso() }).where('id', '=', id).execute();
    },

    async fail(job: Job, error: unknown, options: FinishOptions = {}): Promise<void> {
      const message = error instanceof Error ? error.message : String(error);
      const final = job.attempts >= job.maxAttempts;
      await db
        .updateTable('jobs')
        .set(
          final
            ? { ...(options.forgetPayload ? { payload: FORGOTTEN } : {}), status: 'failed', last_error: message, unique_key: null, locked_by: null, locked_until: null, finished_at: iso(), updated_at: iso() }
            : { status: 'queued', last_error: message, locked_by: null, locked_until: null, run_at: iso(BASE_BACKOFF_MS * 2 ** (job.attempts - 1)), updated_at: iso() },
        )
        .where('id', '=', job.id)
        .execute();
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
