// Personal API tokens get a scope (read or write) and an expiry. Tokens made before this had both
// powers and no end: they keep the write scope, so running scripts do not break without warning,
// and expire 90 days after the upgrade, so no token lives forever; their owners see the date on
// /account/tokens and replace them. New tokens always set both columns; the defaults only fill
// existing rows (SQLite can add a NOT NULL column only with one).
import type { Kysely } from 'kysely';

const EXISTING_TOKENS_DAYS = 90;

export async function up(db: Kysely<unknown>): Promise<void> {
  const expiresAt = new Date(Date.now() + EXISTING_TOKENS_DAYS * 24 * 3600 * 1000).toISOString();
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('write'))
    .execute();
  await db.schema
    .alterTable('api_tokens')
    .addColumn('expires_at', 'text', (c) => c.notNull().defaultTo(expiresAt))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scope').execute();
}
