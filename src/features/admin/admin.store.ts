// SQL for the one-time link that creates the first instance administrator.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const PURPOSE = 'setup_admin';

export function adminStore(db: Kysely<DB>) {
  return {
    async insertSetupToken(tokenHash: string, now: string, expiresAt: string): Promise<void> {
      await db
        .insertInto('one_time_tokens')
        .values({
          token_hash: tokenHash,
          purpose: PURPOSE,
          user_id: null,
          subject: null,
          created_at: now,
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
    },

    /** Whether the setup token exists, is unused and has not expired at `now`. */
    async isSetupTokenUsable(tokenHash: string, now: string): Promise<boolean> {
      const row = await db
        .selectFrom('one_time_tokens')
        .select('token_hash')
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', PURPOSE)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row !== undefined;
    },

    async markTokenUsed(tokenHash: string, now: string): Promise<void> {
      await db
        .updateTable('one_time_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
  };
}

export type AdminStore = ReturnType<typeof adminStore>;
