// One counter that every write to what public search can show raises, so search results and
// pages can be reused until it moves (see src/db/search-version.ts).
import type { Kysely } from 'kysely';
import { createSearchContentVersion, dropSearchContentVersion } from '../search-version.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createSearchContentVersion(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropSearchContentVersion(db);
}
