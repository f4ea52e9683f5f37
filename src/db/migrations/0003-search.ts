// Full-text search over what the public may read: published consultations and submissions, as
// normalised tokens (see src/db/search.ts for the per-dialect index).
import type { Kysely } from 'kysely';
import { createSearchSchema, dropSearchSchema } from '../search.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createSearchSchema(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropSearchSchema(db);
}
