// Uploads are checked and rebuilt in worker threads (cleaning-worker.ts): parsing a few megabytes
// of XML or PDF takes seconds of CPU, and on the request thread those seconds would stall every
// other request of the instance, a denial of service any participant could start. The pool is
// bounded four ways: a few threads, a short queue behind them (beyond it: 503 with Retry-After),
// a time limit per document (beyond it the file is refused and its thread is terminated, so a
// crafted file cannot keep one busy) and a heap limit per thread (a document whose parse would
// need more is refused, and only its thread dies, not the server). Threads start with the first upload and stop when idle,
// so a server at rest holds none of them nor the parsers they load.
import type { Piscina } from 'piscina';
import { AppError } from '../../shared/errors.ts';
import type { CleaningOutcome, CleaningTask } from './cleaning-worker.ts';
import { DocumentError, type DocumentKind } from './document-type.ts';

export interface CleaningLimits {
  /** Documents cleaned at once, one per thread. */
  threads: number;
  /** Documents that may wait for a thread; one more is refused with 503. */
  queue: number;
  /** The most one document may take once a thread is ready for it. */
  timeoutMs: number;
  /** The heap one thread may use; a document that needs more is refused, and its thread replaced. */
  memoryMb: number;
}

export interface DocumentCleaner {
  /** Checks what the file is and rebuilds it; a file that cannot be kept throws a DocumentError. */
  clean(data: Uint8Array): Promise<{ kind: DocumentKind; data: Uint8Array }>;
  /** Documents being cleaned or waiting for a thread. */
  inFlight(): number;
  /** The ids of the threads alive now (none before the first upload or after an idle spell). */
  threadIds(): number[];
  close(): Promise<void>;
}

/** A thread that cleaned nothing for this long stops, and its memory goes back to the system. */
const IDLE_MS = 60_000;

// Beside this module: cleaning-worker.ts under tsx, cleaning-worker.js in the compiled tree.
const extension = /\.[cm]?[jt]sx?$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';
const WORKER = new URL(`./cleaning-worker${extension}`, import.meta.url);

/**
 * Threads inherit the process's flags when given none, V8 ones included (`npm start` sets the
 * semi-space size), which they would refuse if passed explicitly. Only a process that loaded tsx
 * by its API (the launcher's fallback) must tell a worker written in TypeScript to load it.
 */
function workerFlags(): { execArgv: string[] } | Record<string, never> {
  const hasTsx = process.execArgv.some((flag) => /(^|[\\/=])tsx([\\/]|$)/.test(flag));
  return extension.startsWith('.t') && !hasTsx ? { execArgv: ['--import', 'tsx'] } : {};
}

export const CleaningBusyError = (retryAfterSeconds: number) =>
  new AppError('cleaning_busy', 'every document cleaner is busy; try again shortly', {
    details: { retryAfterSeconds },
  });

export function cleaningPool(
  limits: CleaningLimits,
  warn: (error: Error) => void = (e) => process.emitWarning(e),
): DocumentCleaner {
  let pool: Promise<Piscina<CleaningTask | null, CleaningOutcome | null>> | undefined;
  let live: Piscina<CleaningTask | null, CleaningOutcome | null> | undefined;
  let closed = false;
  let running = 0;
  const waiting: Array<() => void> = [];
  // A full queue empties within a few time limits; sooner, usually.
  const retryAfterSeconds = Math.min(60, Math.max(5, Math.ceil(limits.timeoutMs / 1000)));

  function started(): Promise<Piscina<CleaningTask | null, CleaningOutcome | null>> {
    pool ??= import('piscina').then(({ Piscina }) => {
      const created = new Piscina<CleaningTask | null, CleaningOutcome | null>({
        filename: WORKER.href,
        minThreads: 0,
        maxThreads: limits.threads,
        idleTimeout: IDLE_MS,
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
        ...workerFlags(),
      });
      // Only for a thread that fails outside any task; a task's own failure rejects its run.
      created.on('error', warn);
      live = created;
      return created;
    });
    return pool;
  }

  /** Waits for a free thread; the running count passes from a finished task to the next one. */
  async function takeThread(): Promise<void> {
    if (closed) throw CleaningBusyError(retryAfterSeconds);
    if (running < limits.threads) {
      running++;
      return;
    }
    if (waiting.length >= limits.queue) throw CleaningBusyError(retryAfterSeconds);
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function releaseThread(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  async function run(data: Uint8Array): Promise<CleaningOutcome> {
    const workers = await started();
    if (closed) throw CleaningBusyError(retryAfterSeconds);
    // The time limit is the document's, not a thread's start-up (loading the parsers takes a
    // second or so): an empty task first makes sure a thread is up.
    await workers.run(null);
    // A copy the thread takes over, so the caller's buffer (maybe a slice of a shared pool) stays.
    const copy = new Uint8Array(data);
    const signal = AbortSignal.timeout(limits.timeoutMs);
    try {
      const outcome = await workers.run({ data: copy }, { signal, transferList: [copy.buffer] });
      if (!outcome) throw new Error('a cleaning thread answered a document with nothing');
      return outcome;
    } catch (error) {
      // Aborting a running task terminates its thread; the pool starts another when needed.
      if (signal.aborted) throw new DocumentError('timeout', { cause: error });
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY')
        throw new DocumentError('memory', { cause: error });
      throw error;
    }
  }

  return {
    async clean(data) {
      await takeThread();
      try {
        const outcome = await run(data);
        if ('refused' in outcome) throw new DocumentError(outcome.refused);
        return outcome;
      } finally {
        releaseThread();
      }
    },
    inFlight: () => running + waiting.length,
    threadIds: () => (live?.threads ?? []).map((thread) => thread.threadId),
    async close() {
      closed = true;
      const workers = await pool;
      await workers?.destroy();
    },
  };
}
