// The provider's embeddings of coding inputs and codebook themes, kept so pages never fetch them:
// one row per consultation, input (a submission or a codebook theme), embedding model and hash
// of the embedded text, so an edited text or another model is embedded afresh. Plus, per
// consultation, the last "refresh suggestions" job, whose progress the coding page shows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('coding_embeddings')
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('input_id', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    // Float32 little-endian, base64: a third of the size of JSON, the same on both dialects.
    .addColumn('vector', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_embeddings_pk', [
      'consultation_id',
      'input_id',
      'model',
      'text_hash',
    ])
    .execute();
  await db.schema
    .createTable('coding_refreshes')
    .addColumn('consultation_id', 'text', (c) =>
      c.primaryKey().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('coding_refreshes').execute();
  await db.schema.dropTable('coding_embeddings').execute();
}
