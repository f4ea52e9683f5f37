// SQL for conversations, their participants, statements and the cached opinion map. Votes are
// written by vote-writer.ts (batched); this file only reads them.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type Moderation = 'before' | 'after';
export type StatementStatus = 'pending' | 'accepted' | 'rejected';

export interface ConversationRecord {
  id: string;
  consultationId: string;
  topic: string;
  description: string;
  moderation: Moderation;
  allowGuests: boolean;
  allowStatements: boolean;
  version: number;
}

export interface ConversationSettings {
  topic: string;
  description: string;
  moderation: Moderation;
  allowGuests: boolean;
  allowStatements: boolean;
}

export interface ParticipantRecord {
  id: string;
  number: number;
  stakeholderGroup: string | null;
  country: string | null;
}

export interface StatementRecord {
  id: string;
  number: number;
  body: string;
  status: StatementStatus;
  isSeed: boolean;
  authorParticipantId: string | null;
  createdAt: string;
}

export interface NewParticipant {
  userId?: string | null;
  guestKeyHash?: string | null;
  stakeholderGroup: string | null;
  country: string | null;
  /** Imports keep the participant numbers of the source. */
  number?: number;
}

const conversationColumns = [
  'id',
  'consultation_id',
  'topic',
  'description',
  'moderation',
  'allow_guests',
  'allow_statements',
  'version',
] as const;
type ConversationRow = {
  id: string;
  consultation_id: string;
  topic: string;
  description: string;
  moderation: string;
  allow_guests: number;
  allow_statements: number;
  version: number;
};
const toConversation = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  consultationId: r.consultation_id,
  topic: r.topic,
  description: r.description,
  moderation: r.moderation === 'before' ? 'before' : 'after',
  allowGuests: Number(r.allow_guests) === 1,
  allowStatements: Number(r.allow_statements) === 1,
  version: Number(r.version),
});

const statementColumns = [
  'id',
  'number',
  'body',
  'status',
  'is_seed',
  'author_participant_id',
  'created_at',
] as const;
type StatementRow = {
  id: string;
  number: number;
  body: string;
  status: string;
  is_seed: number;
  author_participant_id: string | null;
  created_at: string;
};
const toStatement = (r: StatementRow): StatementRecord => ({
  id: r.id,
  number: Number(r.number),
  body: r.body,
  status: r.status as StatementStatus,
  isSeed: Number(r.is_seed) === 1,
  authorParticipantId: r.author_participant_id,
  createdAt: r.created_at,
});

/** Which statements participants see, by moderation mode. */
export function visibleStatuses(moderation: Moderation): StatementStatus[] {
  return moderation === 'before' ? ['accepted'] : ['accepted', 'pending'];
}

/** Takes the next number of a per-conversation counter inside the caller's transaction. */
async function nextNumber(
  trx: Transaction<DB>,
  conversationId: string,
  counter: 'next_participant' | 'next_statement',
): Promise<number> {
  const row = await trx
    .updateTable('conversations')
    .set({ [counter]: sql`${sql.ref(counter)} + 1` })
    .where('id', '=', conversationId)
    .returning(counter)
    .executeTakeFirstOrThrow();
  return Number((row as Record<string, number>)[counter]) - 1;
}

/** Imports bring their own numbers: later allocations start above them. */
async function raiseCounter(
  trx: Transaction<DB>,
  conversationId: string,
  counter: 'next_participant' | 'next_statement',
  atLeast: number,
): Promise<void> {
  await trx
    .updateTable('conversations')
    .set({
      [counter]: sql`case when ${sql.ref(counter)} > ${atLeast} then ${sql.ref(counter)} else ${atLeast} end`,
    })
    .where('id', '=', conversationId)
    .execute();
}

export function deliberationStore(db: Kysely<DB>) {
  return {
    async findByConsultation(consultationId: string): Promise<ConversationRecord | undefined> {
      const row = await db
        .selectFrom('conversations')
        .select(conversationColumns)
        .where('consultation_id', '=', consultationId)
        .executeTakeFirst();
      return row && toConversation(row);
    },
    async findById(id: string): Promise<ConversationRecord | undefined> {
      const row = await db
        .selectFrom('conversations')
        .select(conversationColumns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toConversation(row);
    },
    async insertConversation(
      c: ConversationSettings & { id: string; consultationId: string; now: string },
    ): Promise<void> {
      await db
        .insertInto('conversations')
        .values({
          id: c.id,
          consultation_id: c.consultationId,
          topic: c.topic,
          description: c.description,
          moderation: c.moderation,
          allow_guests: c.allowGuests ? 1 : 0,
          allow_statements: c.allowStatements ? 1 : 0,
          created_at: c.now,
          updated_at: c.now,
        })
        .execute();
    },
    async updateConversation(id: string, c: ConversationSettings, now: string): Promise<void> {
      await db
        .updateTable('conversations')
        .set({
          topic: c.topic,
          description: c.description,
          moderation: c.moderation,
          allow_guests: c.allowGuests ? 1 : 0,
          allow_statements: c.allowStatements ? 1 : 0,
          version: sql`version + 1`,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
    async findParticipant(
      conversationId: string,
      who: { userId: string } | { guestKeyHash: string },
    ): Promise<ParticipantRecord | undefined> {
      let query = db
        .selectFrom('conversation_participants')
        .select(['id', 'number', 'stakeholder_group', 'country'])
        .where('conversation_id', '=', conversationId);
      query =
        'userId' in who
          ? query.where('user_id', '=', who.userId)
          : query.where('guest_key_hash', '=', who.guestKeyHash);
      const row = await query.executeTakeFirst();
      return (
        row && {
          id: row.id,
          number: Number(row.number),
          stakeholderGroup: row.stakeholder_group,
          country: row.country,
        }
      );
    },
    async insertParticipant(
      conversationId: string,
      id: string,
      p: NewParticipant,
      now: string,
    ): Promise<ParticipantRecord> {
      return db.transaction().execute(async (trx) => {
        const number = p.number ?? (await nextNumber(trx, conversationId, 'next_participant'));
        if (p.number !== undefined)
          await raiseCounter(trx, conversationId, 'next_participant', p.number + 1);
        await trx
          .insertInto('conversation_participants')
          .values({
            id,
            conversation_id: conversationId,
            number,
            user_id: p.userId ?? null,
            guest_key_hash: p.guestKeyHash ?? null,
            stakeholder_group: p.stakeholderGroup,
            country: p.country,
            created_at: now,
          })
          .execute();
        return { id, number, stakeholderGroup: p.stakeholderGroup, country: p.country };
      });
    },
    async insertStatement(
      conversationId: string,
      s: {
        id: string;
        body: string;
        status: StatementStatus;
        isSeed: boolean;
        authorParticipantId: string | null;
        number?: number;
        now: string;
      },
    ): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const number = s.number ?? (await nextNumber(trx, conversationId, 'next_statement'));
        if (s.number !== undefined)
          await raiseCounter(trx, conversationId, 'next_statement', s.number + 1);
        await trx
          .insertInto('statements')
          .values({
            id: s.id,
            conversation_id: conversationId,
            number,
            author_participant_id: s.authorParticipantId,
            is_seed: s.isSeed ? 1 : 0,
            body: s.body,
            status: s.status,
            created_at: s.now,
            moderated_at: s.status === 'pending' ? null : s.now,
          })
          .execute();
        return number;
      });
    },
    async statement(conversationId: string, number: number): Promise<StatementRecord | undefined> {
      const row = await db
        .selectFrom('statements')
        .select(statementColumns)
        .where('conversation_id', '=', conversationId)
        .where('number', '=', number)
        .executeTakeFirst();
      return row && toStatement(row);
    },
    async statements(
      conversationId: string,
      statuses?: StatementStatus[],
    ): Promise<StatementRecord[]> {
      let query = db
        .selectFrom('statements')
        .select(statementColumns)
        .where('conversation_id', '=', conversationId);
      if (statuses) query = query.where('status', 'in', statuses);
      return (await query.orderBy('number').execute()).map(toStatement);
    },
    /** The statements a participant has voted on: what "next" leaves out. */
    async votedStatementIds(participantId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('votes')
        .select('statement_id')
        .where('participant_id', '=', participantId)
        .execute();
      return new Set(rows.map((r) => r.statement_id));
    },
    async setStatus(
      statementId: string,
      conversationId: string,
      status: StatementStatus,
      now: string,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('statements')
          .set({ status, moderated_at: now })
          .where('id', '=', statementId)
          .execute();
        await trx
          .updateTable('conversations')
          .set({ version: sql`version + 1` })
          .where('id', '=', conversationId)
          .execute();
      });
    },
    async participants(
      conversationId: string,
    ): Promise<Array<ParticipantRecord & { hasUser: boolean }>> {
      const rows = await db
        .selectFrom('conversation_participants')
        .select(['id', 'number', 'stakeholder_group', 'country', 'user_id'])
        .where('conversation_id', '=', conversationId)
        .orderBy('number')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        number: Number(r.number),
        stakeholderGroup: r.stakeholder_group,
        country: r.country,
        hasUser: r.user_id !== null,
      }));
    },
    async votes(
      conversationId: string,
    ): Promise<
      Array<{ participantId: string; statementId: string; vote: number; votedAt: number }>
    > {
      const rows = await db
        .selectFrom('votes')
        .select(['participant_id', 'statement_id', 'vote', 'voted_at'])
        .where('conversation_id', '=', conversationId)
        .execute();
      return rows.map((r) => ({
        participantId: r.participant_id,
        statementId: r.statement_id,
        vote: Number(r.vote),
        votedAt: Number(r.voted_at),
      }));
    },
    async mapVersion(conversationId: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('opinion_maps')
        .select('version')
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      return row && Number(row.version);
    },
    async cachedMap(
      conversationId: string,
    ): Promise<{ version: number; computedAt: string; result: string } | undefined> {
      const row = await db
        .selectFrom('opinion_maps')
        .select(['version', 'computed_at', 'result'])
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      return (
        row && { version: Number(row.version), computedAt: row.computed_at, result: row.result }
      );
    },
    async saveMap(
      conversationId: string,
      version: number,
      result: string,
      now: string,
    ): Promise<void> {
      await db
        .insertInto('opinion_maps')
        .values({ conversation_id: conversationId, version, computed_at: now, result })
        .onConflict((oc) =>
          oc.column('conversation_id').doUpdateSet({ version, computed_at: now, result }),
        )
        .execute();
    },
  };
}

export type DeliberationStore = ReturnType<typeof deliberationStore>;
