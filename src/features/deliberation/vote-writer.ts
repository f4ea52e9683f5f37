// Votes arrive in bursts (the target is ≥ 5,000/s on SQLite: BENCHMARKS.md). Committing each in
// its own transaction would cost one fsync per vote, so votes that arrive while a commit is under way
// are written together in the next transaction (group commit). Every caller's promise settles
// only after the commit that holds its vote: an acknowledged vote is durable, and nothing lives
// only in this process's memory beyond the few milliseconds before that commit.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface VoteInput {
  conversationId: string;
  participantId: string;
  statementId: string;
  vote: 1 | -1 | 0;
  votedAt: number;
}

interface Pending {
  vote: VoteInput;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// How long the first vote of a batch waits for others at most: with the SQLite driver being
// synchronous, nothing can join a batch while it commits, so without a window under load every
// vote would pay for its own fsync. Two milliseconds of latency buy batches of tens of votes; the
// commit starts sooner once as many votes wait as the last batch held.
const COLLECT_MS = 2;

// Keeps each INSERT well under SQLite's bound-parameter limit (5 per row).
const CHUNK = 500;

/** The latest vote per (participant, statement) in the batch: one row may be written once. */
function dedupe(votes: VoteInput[]): VoteInput[] {
  const latest = new Map<string, VoteInput>();
  for (const v of votes) latest.set(`${v.participantId}\u0000${v.statementId}`, v);
  return [...latest.values()];
}

async function writeBatch(db: Kysely<DB>, votes: VoteInput[]): Promise<void> {
  const rows = dedupe(votes);
  const perConversation = new Map<string, number>();
  for (const v of rows)
    perConversation.set(v.conversationId, (perConversation.get(v.conversationId) ?? 0) + 1);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('votes')
        .values(
          rows.slice(i, i + CHUNK).map((v) => ({
            participant_id: v.participantId,
            statement_id: v.statementId,
            conversation_id: v.conversationId,
            vote: v.vote,
            voted_at: v.votedAt,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['participant_id', 'statement_id'])
            .doUpdateSet({ vote: sql`excluded.vote`, voted_at: sql`excluded.voted_at` }),
        )
        .execute();
    }
    for (const [id, n] of perConversation)
      await trx
        .updateTable('conversations')
        .set({ version: sql`version + ${n}` })
        .where('id', '=', id)
        .execute();
  });
}

export interface VoteWriter {
  write(vote: VoteInput): Promise<void>;
  /** Called after each commit with the conversations it touched (to schedule recomputation). */
  onCommit(listener: (conversationIds: string[]) => Promise<void>): void;
}

export function voteWriter(db: Kysely<DB>): VoteWriter {
  let queue: Pending[] = [];
  let flushing = false;
  const listeners: Array<(ids: string[]) => Promise<void>> = [];

  async function notify(batch: Pending[]): Promise<void> {
    const ids = [...new Set(batch.map((p) => p.vote.conversationId))];
    // Scheduling a recomputation is best effort: the results page also asks for one when stale.
    await Promise.all(listeners.map((l) => l(ids))).catch(() => undefined);
  }

  async function commit(batch: Pending[]): Promise<void> {
    try {
      await writeBatch(
        db,
        batch.map((p) => p.vote),
      );
      for (const p of batch) p.resolve();
    } catch {
      // One bad vote must not sink the others: retry them one by one so each gets its own answer.
      for (const p of batch) await writeBatch(db, [p.vote]).then(p.resolve, p.reject);
    }
    await notify(batch);
  }

  let timer: NodeJS.Timeout | undefined;
  let lastBatch = 1;
  let early = false;

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    early = false;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      lastBatch = batch.length;
      await commit(batch);
    }
    flushing = false;
  }

  return {
    write(vote) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ vote, resolve, reject });
        // The first vote starts a commit after a short window; votes queued meanwhile share it,
        // and votes arriving during that commit join the next one.
        if (!flushing) {
          flushing = true;
          timer = setTimeout(() => void flush(), COLLECT_MS);
        } else if (timer && !early && queue.length >= lastBatch) {
          // As many votes wait as the last batch held: the voters answered by the last commit
          // are back, so waiting out the window would only leave the server idle.
          early = true;
          setImmediate(() => void flush());
        }
      });
    },
    onCommit(listener) {
      listeners.push(listener);
    },
  };
}
