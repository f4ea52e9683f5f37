// Processes, consultations, questions, accreditation, submissions (with versions, answers,
// attachments and co-signatures), personal API tokens and the hash-chained transparency log.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('processes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('convener', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('frameworks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('process_milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_id', 'text', (c) =>
      c.notNull().references('processes.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('process_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_id', 'text', (c) =>
      c.notNull().references('processes.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('process_links')
    .addColumn('from_process_id', 'text', (c) =>
      c.notNull().references('processes.id').onDelete('cascade'),
    )
    .addColumn('to_process_id', 'text', (c) =>
      c.notNull().references('processes.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('process_links_pk', ['from_process_id', 'to_process_id'])
    .execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_id', 'text', (c) =>
      c.notNull().references('processes.id').onDelete('cascade'),
    )
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('eligibility', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('phase_override', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultations_process')
    .on('consultations')
    .column('process_id')
    .execute();

  await db.schema
    .createTable('consultation_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('help', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('consultation_invitees')
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_invitees_pk', ['consultation_id', 'email'])
    .execute();

  await db.schema
    .createTable('accreditations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_id', 'text', (c) =>
      c.notNull().references('processes.id').onDelete('cascade'),
    )
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('motivation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text')
    .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addUniqueConstraint('accreditations_unique', ['process_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('free_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('rejection_category', 'text')
    .addColumn('rejection_note', 'text')
    .addColumn('withdrawn_at', 'text')
    .addUniqueConstraint('submissions_idempotency', ['author_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('submissions_consultation_status')
    .on('submissions')
    .columns(['consultation_id', 'status', 'published_at'])
    .execute();
  await db.schema.createIndex('submissions_author').on('submissions').column('author_id').execute();

  await db.schema
    .createTable('submission_answers')
    .addColumn('submission_id', 'text', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('question_id', 'text', (c) =>
      c.notNull().references('consultation_questions.id').onDelete('cascade'),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_answers_pk', ['submission_id', 'question_id'])
    .execute();

  await db.schema
    .createTable('submission_versions')
    .addColumn('submission_id', 'text', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_versions_pk', ['submission_id', 'version'])
    .execute();

  await db.schema
    .createTable('submission_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cosignatures')
    .addColumn('submission_id', 'text', (c) =>
      c.notNull().references('submissions.id').onDelete('cascade'),
    )
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('cosignatures_pk', ['submission_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('transparency_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('users').addColumn('reminders_opt_out_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('reminders_opt_out_at').execute();
  for (const table of [
    'transparency_log',
    'api_tokens',
    'cosignatures',
    'submission_attachments',
    'submission_versions',
    'submission_answers',
    'submissions',
    'accreditations',
    'consultation_invitees',
    'consultation_questions',
    'consultations',
    'process_links',
    'process_documents',
    'process_milestones',
    'processes',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
