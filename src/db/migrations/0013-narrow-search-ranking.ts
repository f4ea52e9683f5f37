// First-time searches (a query nobody asked since the last change) ranked every match of a common
// word by reading wide rows: on PostgreSQL the whole search_documents row with its text, on SQLite
// the FTS content row for the publication date. Ranking now reads narrow data (src/db/search.ts).
import type { Kysely } from 'kysely';
import { narrowSearchRanking, widenSearchRanking } from '../search.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await narrowSearchRanking(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await widenSearchRanking(db);
}
