// Runs queued jobs with the handlers of the registry, one at a time per worker, and keeps
// recurring jobs scheduled. The server embeds one worker; more can run as separate processes.
import { hostname } from 'node:os';
import { LeaseLostError, type JobQueue } from './queue.ts';

export interface JobContext {
  jobId: string;
  payload: unknown;
  /** Reports progress (0..1) so pages can show it. */
  progress(fraction: number, note?: string): Promise<void>;
}

export interface JobDefinition {
  handle(context: JobContext): Promise<unknown>;
  /** For recurring jobs: milliseconds between runs. */
  everyMs?: number;
  /** The payload holds personal data: it is forgotten as soon as the job is finished (queue.ts). */
  personal?: boolean;
  /** Lease: how long a run may go without reporting progress before another worker may take it over. */
  leaseMs?: number;
}

export type JobRegistry = Record<string, JobDefinition>;

export interface WorkerLogger {
  error(obj: object, msg: string): void;
}

export interface Worker {
  /** Runs every due job now, then returns (tests, CLI). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

export function startWorker(options: {
  queue: JobQueue;
  registry: JobRegistry;
  pollMs?: number;
  log: WorkerLogger;
  autostart?: boolean;
}): Worker {
  const { queue, registry, log } = options;
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const names = Object.keys(registry);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  // Until recurring jobs are scheduled (the database may be down when the worker starts), each
  // round of the loop tries again.
  let scheduled = false;
  async function scheduleRecurring(): Promise<void> {
    for (const [name, def] of Object.entries(registry)) {
      if (def.everyMs) await queue.enqueue(name, null, { uniqueKey: `recurring:${name}` });
    }
    scheduled = true;
  }

  async function runOne(): Promise<boolean> {
    const claimed = await queue.claim(
      workerId,
      names,
      (name) => registry[name]?.leaseMs ?? DEFAULT_LEASE_MS,
    );
    if (!claimed) return false;
    const def = registry[claimed.name];
    const job = { ...claimed, personal: def?.personal === true };
    try {
      const result = await def?.handle({
        jobId: job.id,
        payload: job.payload,
        progress: (f, note) => queue.progress(job, f, note),
      });
      // A run that outlived its lease lost the job to another worker, whose outcome stands.
      const next = def?.everyMs
        ? { uniqueKey: `recurring:${job.name}`, delayMs: def.everyMs }
        : undefined;
      if (!(await queue.complete(job, result, next))) throw new LeaseLostError(job.id);
    } catch (error) {
      log.error(
        { err: error, job: job.name },
        error instanceof LeaseLostError ? 'job lease lost' : 'job failed',
      );
      if (!(error instanceof LeaseLostError)) await queue.fail(job, error);
    }
    return true;
  }

  async function drain(): Promise<number> {
    let count = 0;
    while (!stopped && (await runOne())) count++;
    return count;
  }

  function loop(): void {
    if (stopped) return;
    running = (scheduled ? Promise.resolve() : scheduleRecurring())
      .then(drain)
      .catch((error: unknown) => log.error({ err: error }, 'job worker error'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs ?? 1000);
      });
  }

  const ready = scheduleRecurring().catch((error: unknown) =>
    log.error({ err: error }, 'could not schedule recurring jobs'),
  );
  if (options.autostart !== false) void ready.then(loop);

  return {
    async drain() {
      await ready;
      return drain();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
