// Reports (a working draft per consultation and its published versions), the assisted-coding
// codebook and labels, and the responses that tell each contributor how their input was used.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One working draft per consultation; sections are kept apart so one can be regenerated
  // without touching the secretariat's edits to the others.
  await db.schema
    .createTable('report_drafts')
    .addColumn('consultation_id', 'text', (c) =>
      c.primaryKey().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('provider_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('job_id', 'text')
    .addColumn('generated_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('report_versions')
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_versions_pk', ['consultation_id', 'version'])
    .execute();
  await db.schema
    .createTable('coding_themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('stance', 'text')
    .execute();
  await db.schema
    .createTable('coding_labels')
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('submission_id', 'text', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('theme_ids', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_labels_pk', ['consultation_id', 'submission_id'])
    .execute();
  await db.schema
    .createTable('submission_responses')
    .addColumn('submission_id', 'text', (c) =>
      c.primaryKey().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('report_items', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('submission_responses_consultation')
    .on('submission_responses')
    .column('consultation_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'submission_responses',
    'coding_labels',
    'coding_themes',
    'report_versions',
    'report_drafts',
  ])
    await db.schema.dropTable(table).execute();
}
