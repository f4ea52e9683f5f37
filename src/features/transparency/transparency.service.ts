// The transparency log: an append-only, hash-chained record of public actions. Each entry holds
// the hash of the previous one, so anyone can recompute the chain and find the first broken link.
// Entries carry only the day and never name a contributor.
import { createHash } from 'node:crypto';
import { lockUntilCommit, type Database } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';

export const GENESIS_HASH = '0'.repeat(64);

export const LOG_ACTIONS = [
  'consultation_opened',
  'consultation_closed',
  'consultation_published',
  'submission_published',
  'submission_rejected',
  'submission_withdrawn',
  'accreditation_decided',
  'report_published',
  'response_recorded',
  'response_changed',
] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

export interface LogEntry {
  seq: number;
  day: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, string | number | null>;
  prevHash: string;
  hash: string;
}

export function entryHash(e: Omit<LogEntry, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.day,
    e.action,
    e.subjectType,
    e.subjectId,
    Object.entries(e.details).sort(([a], [b]) => a.localeCompare(b)),
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The first entry whose stored hash or back-link does not match, or null when the chain holds. */
export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; brokenAt: number; kind: 'link' | 'content'; reason: string };

export function verifyChain(entries: LogEntry[]): ChainCheck {
  let prev = GENESIS_HASH;
  for (const e of entries) {
    if (e.prevHash !== prev)
      return { ok: false, brokenAt: e.seq, kind: 'link', reason: 'previous hash does not match' };
    if (entryHash(e) !== e.hash)
      return {
        ok: false,
        brokenAt: e.seq,
        kind: 'content',
        reason: 'entry hash does not match its content',
      };
    prev = e.hash;
  }
  return { ok: true, count: entries.length };
}

type Row = {
  seq: number;
  day: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string;
  prev_hash: string;
  hash: string;
};
const toEntry = (r: Row): LogEntry => ({
  seq: Number(r.seq),
  day: r.day,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: JSON.parse(r.details) as LogEntry['details'],
  prevHash: r.prev_hash,
  hash: r.hash,
});

export function transparencyService(database: Database, clock: Clock) {
  const { db, dialect } = database;
  return {
    /**
     * Appends an entry in the caller's command (its transaction), or in a transaction of its own
     * when called alone: the entry commits with the change it records, or neither does. Appends
     * take turns on the chain head until their transaction ends, so each links to the one before
     * it; nothing is retried — a failure fails the command, which changed nothing.
     */
    async append(
      action: LogAction,
      subjectType: string,
      subjectId: string,
      details: LogEntry['details'] = {},
    ): Promise<LogEntry> {
      return database.transaction(async () => {
        await lockUntilCommit(db, dialect, 'transparency_log');
        const last = await db
          .selectFrom('transparency_log')
          .select(['seq', 'hash'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        const base = {
          seq: Number(last?.seq ?? 0) + 1,
          day: clock.now().toISOString().slice(0, 10),
          action,
          subjectType,
          subjectId,
          details,
          prevHash: last?.hash ?? GENESIS_HASH,
        };
        const entry = { ...base, hash: entryHash(base) };
        await db
          .insertInto('transparency_log')
          .values({
            seq: entry.seq,
            day: entry.day,
            action,
            subject_type: subjectType,
            subject_id: subjectId,
            details: JSON.stringify(details),
            prev_hash: entry.prevHash,
            hash: entry.hash,
          })
          .execute();
        return entry;
      });
    },

    async list(options: { after?: number; limit: number }): Promise<LogEntry[]> {
      const rows = await db
        .selectFrom('transparency_log')
        .selectAll()
        .where('seq', '>', options.after ?? 0)
        .orderBy('seq')
        .limit(options.limit)
        .execute();
      return rows.map(toEntry);
    },

    async verify() {
      const rows = await db.selectFrom('transparency_log').selectAll().orderBy('seq').execute();
      return verifyChain(rows.map(toEntry));
    },
  };
}

export type TransparencyService = ReturnType<typeof transparencyService>;
