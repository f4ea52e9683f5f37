// SQL for personal API tokens. Only a token's SHA-256 hash is stored; the token itself is shown once.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** read: GET (and HEAD) only; write: every method. */
export type TokenScope = 'read' | 'write';

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const columns = [
  'id',
  'user_id',
  'name',
  'scope',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;
type Row = {
  id: string;
  user_id: string;
  name: string;
  scope: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};
const toRecord = (r: Row): ApiTokenRecord => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  // Anything but an explicit write grant reads only.
  scope: r.scope === 'write' ? 'write' : 'read',
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export function apiTokensStore(db: Kysely<DB>) {
  return {
    async insert(t: {
      id: string;
      userId: string;
      name: string;
      tokenHash: string;
      scope: TokenScope;
      now: string;
      expiresAt: string;
    }): Promise<void> {
      await db
        .insertInto('api_tokens')
        .values({
          id: t.id,
          user_id: t.userId,
          name: t.name,
          token_hash: t.tokenHash,
          scope: t.scope,
          created_at: t.now,
          expires_at: t.expiresAt,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    },
    /** The live (neither revoked nor expired) token with this hash. */
    async findActiveByHash(tokenHash: string, now: string): Promise<ApiTokenRecord | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .select(columns)
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async listForUser(userId: string): Promise<ApiTokenRecord[]> {
      return (
        await db
          .selectFrom('api_tokens')
          .select(columns)
          .where('user_id', '=', userId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute()
      ).map(toRecord);
    },
    async countActive(userId: string, now: string): Promise<number> {
      const row = await db
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Revokes one of the user's tokens; false when there is no such live token of theirs. */
    async revoke(userId: string, id: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Revokes every live token of the user (their password changed). */
    async revokeAllOfUser(userId: string, now: string): Promise<void> {
      await db
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
    },
    /** Records use, but only when the last record is older than `staleBefore`: one write a minute at most. */
    async touch(id: string, now: string, staleBefore: string): Promise<void> {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: now })
        .where('id', '=', id)
        .where((eb) =>
          eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]),
        )
        .execute();
    },
  };
}

export type ApiTokensStore = ReturnType<typeof apiTokensStore>;
