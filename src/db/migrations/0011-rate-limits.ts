// Rate-limit counters (sign-in, sign-up, password reset), kept in the database every app instance
// shares, so N instances do not give a client N times the limit and a restart does not reset it.
// One row per client and route: the key is a keyed hash, never the client's address.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  // The purge deletes by expiry.
  await db.schema
    .createIndex('rate_limit_windows_expires')
    .on('rate_limit_windows')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_windows').execute();
}
