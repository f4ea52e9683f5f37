// Deliberation: a conversation per consultation, its participants
// (accounts or pseudonymous guests), short statements, the latest vote per participant and
// statement, and the cached opinion map the background job computes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().unique().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('moderation', 'text', (c) => c.notNull())
    .addColumn('allow_guests', 'integer', (c) => c.notNull())
    .addColumn('allow_statements', 'integer', (c) => c.notNull())
    // Bumped by every vote and moderation decision: the cached map is stale when it lags behind.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_participant', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_statement', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Pseudonymous by construction: `number` is what exports show; a guest is known only by the
  // hash of the key in their signed cookie.
  await db.schema
    .createTable('conversation_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('guest_key_hash', 'text')
    .addColumn('stakeholder_group', 'text')
    .addColumn('country', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conversation_participants_number', ['conversation_id', 'number'])
    .addUniqueConstraint('conversation_participants_user', ['conversation_id', 'user_id'])
    .addUniqueConstraint('conversation_participants_guest', ['conversation_id', 'guest_key_hash'])
    .execute();

  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_participant_id', 'text', (c) =>
      c.references('conversation_participants.id').onDelete('set null'),
    )
    .addColumn('is_seed', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('moderated_at', 'text')
    .addUniqueConstraint('statements_number', ['conversation_id', 'number'])
    .execute();
  await db.schema
    .createIndex('statements_by_status')
    .on('statements')
    .columns(['conversation_id', 'status'])
    .execute();

  // Only the latest vote of a participant on a statement is kept: it is all the map uses, and a
  // changed mind leaves no trail.
  await db.schema
    .createTable('votes')
    .addColumn('participant_id', 'text', (c) =>
      c.notNull().references('conversation_participants.id').onDelete('cascade'),
    )
    .addColumn('statement_id', 'text', (c) =>
      c.notNull().references('statements.id').onDelete('cascade'),
    )
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('vote', 'integer', (c) => c.notNull())
    .addColumn('voted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('votes_pk', ['participant_id', 'statement_id'])
    .execute();
  await db.schema
    .createIndex('votes_by_conversation')
    .on('votes')
    .columns(['conversation_id'])
    .execute();

  await db.schema
    .createTable('opinion_maps')
    .addColumn('conversation_id', 'text', (c) =>
      c.primaryKey().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'opinion_maps',
    'votes',
    'statements',
    'conversation_participants',
    'conversations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
