// Indexes for the consultation page and search at size (thousands of submissions):
// - the old (consultation_id, status, published_at) index duplicated the prefix of the one 0007
//   added in page order; with two candidates and no statistics yet (a fresh bulk load),
//   PostgreSQL picked the old one and sorted every submission to show twenty;
// - questions and attachments were looked up by consultation and submission without an index;
// - search ranks inside the full-text index (see src/db/search.ts for the per-dialect part).
import type { Kysely } from 'kysely';
import { rankInsideSearchIndex, rankOutsideSearchIndex } from '../search.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('submissions_consultation_status').execute();
  await db.schema
    .createIndex('consultation_questions_consultation')
    .on('consultation_questions')
    .columns(['consultation_id', 'position'])
    .execute();
  await db.schema
    .createIndex('submission_attachments_submission')
    .on('submission_attachments')
    .columns(['submission_id', 'position'])
    .execute();
  await rankInsideSearchIndex(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rankOutsideSearchIndex(db);
  await db.schema.dropIndex('submission_attachments_submission').execute();
  await db.schema.dropIndex('consultation_questions_consultation').execute();
  await db.schema
    .createIndex('submissions_consultation_status')
    .on('submissions')
    .columns(['consultation_id', 'status', 'published_at'])
    .execute();
}
