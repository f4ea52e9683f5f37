// Public lists page through a consultation's submissions newest first by (updated_at, id): an
// index in that order lets the database read one page instead of sorting them all.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('submissions_consultation_status_updated')
    .on('submissions')
    .columns(['consultation_id', 'status', 'updated_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('submissions_consultation_status_updated').execute();
}
