// The moderation queue pages through a consultation's submitted texts oldest first by
// (submitted_at, id): an index in that order reads one page instead of sorting the whole queue.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('submissions_consultation_status_submitted')
    .on('submissions')
    .columns(['consultation_id', 'status', 'submitted_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('submissions_consultation_status_submitted').execute();
}
