// Rate-limit counters shared by every app instance on the database. A window opens with a
// client's first hit and lasts `windowMs`; hits inside it are counted, the first hit after it
// opens a new one (the same semantics as @fastify/rate-limit's in-memory store, without the
// double burst that windows aligned to the clock allow at each boundary).
import type { Database } from './database.ts';
import type { Clock } from '../shared/clock.ts';

export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window closes. */
  ttlMs: number;
}

export function rateLimitCounters(database: Database, clock: Clock) {
  const { db } = database;
  return {
    /**
     * Counts one hit for `key`. One statement, so concurrent hits from any number of instances
     * are all counted: PostgreSQL locks the conflicting row, SQLite has a single writer.
     */
    async hit(key: string, windowMs: number): Promise<RateLimitHit> {
      const now = clock.now();
      const nowIso = now.toISOString();
      const fresh = new Date(now.getTime() + windowMs).toISOString();
      const row = await db
        .insertInto('rate_limit_windows')
        .values({ key, hits: 1, expires_at: fresh })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => {
            // Both assignments read the row as it was before this update.
            const expired = eb('rate_limit_windows.expires_at', '<=', nowIso);
            return {
              hits: eb
                .case()
                .when(expired)
                .then(eb.lit(1))
                .else(eb('rate_limit_windows.hits', '+', eb.lit(1)))
                .end(),
              expires_at: eb
                .case()
                .when(expired)
                .then(fresh)
                .else(eb.ref('rate_limit_windows.expires_at'))
                .end(),
            };
          }),
        )
        .returning(['hits', 'expires_at'])
        .executeTakeFirstOrThrow();
      return {
        hits: Number(row.hits),
        ttlMs: Math.max(0, Date.parse(row.expires_at) - now.getTime()),
      };
    },

    /**
     * Adds `amount` to each entry's window in one statement, whatever their number: the abuse
     * limits check every rule of a request (per account, per client, by count and by bytes) at the
     * cost of one write. Rows are locked in key order, so concurrent calls cannot deadlock on
     * PostgreSQL. Answers in the order of `entries`; keys must be distinct.
     */
    async addAll(
      entries: ReadonlyArray<{ key: string; windowMs: number; amount: number }>,
    ): Promise<RateLimitHit[]> {
      if (entries.length === 0) return [];
      const now = clock.now();
      const nowIso = now.toISOString();
      const values = [...entries]
        .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
        .map((e) => ({
          key: e.key,
          hits: e.amount,
          expires_at: new Date(now.getTime() + e.windowMs).toISOString(),
        }));
      const rows = await db
        .insertInto('rate_limit_windows')
        .values(values)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => {
            const expired = eb('rate_limit_windows.expires_at', '<=', nowIso);
            return {
              hits: eb
                .case()
                .when(expired)
                .then(eb.ref('excluded.hits'))
                .else(eb('rate_limit_windows.hits', '+', eb.ref('excluded.hits')))
                .end(),
              expires_at: eb
                .case()
                .when(expired)
                .then(eb.ref('excluded.expires_at'))
                .else(eb.ref('rate_limit_windows.expires_at'))
                .end(),
            };
          }),
        )
        .returning(['key', 'hits', 'expires_at'])
        .execute();
      const byKey = new Map(
        rows.map((r) => [
          r.key,
          { hits: Number(r.hits), ttlMs: Math.max(0, Date.parse(r.expires_at) - now.getTime()) },
        ]),
      );
      return entries.map((e) => byKey.get(e.key) ?? { hits: 0, ttlMs: 0 });
    },

    /** The open window of `key` without counting a hit; undefined when none is open. */
    async peek(key: string): Promise<RateLimitHit | undefined> {
      const now = clock.now();
      const row = await db
        .selectFrom('rate_limit_windows')
        .select(['hits', 'expires_at'])
        .where('key', '=', key)
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst();
      return (
        row && {
          hits: Number(row.hits),
          ttlMs: Math.max(0, Date.parse(row.expires_at) - now.getTime()),
        }
      );
    },

    /** Makes `key`'s window hold `hits` and close in `windowMs`, whatever it held: one statement. */
    async set(key: string, hits: number, windowMs: number): Promise<void> {
      const expires = new Date(clock.now().getTime() + windowMs).toISOString();
      await db
        .insertInto('rate_limit_windows')
        .values({ key, hits, expires_at: expires })
        .onConflict((oc) => oc.column('key').doUpdateSet({ hits, expires_at: expires }))
        .execute();
    },

    /** Closes the windows of `keys` now, as if they had never been hit. */
    async clear(keys: string[]): Promise<void> {
      if (keys.length > 0)
        await db.deleteFrom('rate_limit_windows').where('key', 'in', keys).execute();
    },

    /** Deletes closed windows; returns how many. */
    async purgeExpired(): Promise<number> {
      const result = await db
        .deleteFrom('rate_limit_windows')
        .where('expires_at', '<=', clock.now().toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type RateLimitCounters = ReturnType<typeof rateLimitCounters>;
