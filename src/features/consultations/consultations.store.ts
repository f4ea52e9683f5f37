// SQL for consultations, their questions and invitees.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Eligibility, ParticipationRule } from '../../shared/consultation-rules.ts';

export interface ConsultationRecord {
  id: string;
  processId: string;
  slug: string;
  title: string;
  context: string;
  languages: string[];
  eligibility: Eligibility;
  rule: ParticipationRule;
  opensAt: string;
  closesAt: string;
  timeZone: string;
  publishedAt: string | null;
  phaseOverride: string | null;
  /** Raised by the database on every change to what the public page shows. */
  contentVersion: number;
}

export interface QuestionRecord {
  id: string;
  position: number;
  text: string;
  help: string;
}

type Row = {
  id: string;
  process_id: string;
  slug: string;
  title: string;
  context: string;
  languages: string;
  eligibility: string;
  rule: string;
  opens_at: string;
  closes_at: string;
  time_zone: string;
  published_at: string | null;
  phase_override: string | null;
  content_version: number;
};
const columns = [
  'id',
  'process_id',
  'slug',
  'title',
  'context',
  'languages',
  'eligibility',
  'rule',
  'opens_at',
  'closes_at',
  'time_zone',
  'published_at',
  'phase_override',
  'content_version',
] as const;
const toRecord = (r: Row): ConsultationRecord => ({
  id: r.id,
  processId: r.process_id,
  slug: r.slug,
  title: r.title,
  context: r.context,
  languages: JSON.parse(r.languages) as string[],
  eligibility: r.eligibility as Eligibility,
  rule: r.rule as ParticipationRule,
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  timeZone: r.time_zone,
  publishedAt: r.published_at,
  phaseOverride: r.phase_override,
  contentVersion: Number(r.content_version),
});

export type ConsultationFields = Omit<
  ConsultationRecord,
  'id' | 'processId' | 'slug' | 'publishedAt' | 'phaseOverride' | 'contentVersion'
>;

export function consultationsStore(db: Kysely<DB>) {
  return {
    async findBySlug(slug: string): Promise<ConsultationRecord | undefined> {
      const row = await db
        .selectFrom('consultations')
        .select(columns)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async findById(id: string): Promise<ConsultationRecord | undefined> {
      const row = await db
        .selectFrom('consultations')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async slugExists(slug: string): Promise<boolean> {
      return (
        (await db
          .selectFrom('consultations')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirst()) !== undefined
      );
    },
    /** Consultations of a process; drafts only when asked (for the secretariat). */
    async listForProcess(processId: string, includeDrafts: boolean): Promise<ConsultationRecord[]> {
      let query = db
        .selectFrom('consultations')
        .select(columns)
        .where('process_id', '=', processId);
      if (!includeDrafts) query = query.where('published_at', 'is not', null);
      return (await query.orderBy('opens_at', 'desc').execute()).map(toRecord);
    },
    async listPublished(filter: {
      processId?: string;
      language?: string;
    }): Promise<ConsultationRecord[]> {
      let query = db
        .selectFrom('consultations')
        .select(columns)
        .where('published_at', 'is not', null);
      if (filter.processId) query = query.where('process_id', '=', filter.processId);
      const rows = (await query.orderBy('closes_at', 'desc').execute()).map(toRecord);
      return filter.language
        ? rows.filter((c) => c.languages.includes(filter.language ?? ''))
        : rows;
    },
    async insert(
      c: ConsultationFields & { id: string; processId: string; slug: string; now: string },
    ): Promise<void> {
      await db
        .insertInto('consultations')
        .values({
          id: c.id,
          process_id: c.processId,
          slug: c.slug,
          title: c.title,
          context: c.context,
          languages: JSON.stringify(c.languages),
          eligibility: c.eligibility,
          rule: c.rule,
          opens_at: c.opensAt,
          closes_at: c.closesAt,
          time_zone: c.timeZone,
          published_at: null,
          phase_override: null,
          created_at: c.now,
          updated_at: c.now,
        })
        .execute();
    },
    async update(id: string, c: ConsultationFields, now: string): Promise<void> {
      await db
        .updateTable('consultations')
        .set({
          title: c.title,
          context: c.context,
          languages: JSON.stringify(c.languages),
          eligibility: c.eligibility,
          rule: c.rule,
          opens_at: c.opensAt,
          closes_at: c.closesAt,
          time_zone: c.timeZone,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
    async setPublished(id: string, now: string): Promise<void> {
      await db
        .updateTable('consultations')
        .set({ published_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
    async setPhaseOverride(
      id: string,
      phase: string | null,
      closesAt: string | undefined,
      now: string,
    ): Promise<void> {
      await db
        .updateTable('consultations')
        .set({
          phase_override: phase,
          updated_at: now,
          ...(closesAt ? { closes_at: closesAt } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async questions(consultationId: string): Promise<QuestionRecord[]> {
      return db
        .selectFrom('consultation_questions')
        .select(['id', 'position', 'text', 'help'])
        .where('consultation_id', '=', consultationId)
        .orderBy('position')
        .execute();
    },
    /** Replaces the question list; ids that are kept keep their answers. */
    async saveQuestions(consultationId: string, questions: QuestionRecord[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const keep = questions.map((q) => q.id);
        let del = trx
          .deleteFrom('consultation_questions')
          .where('consultation_id', '=', consultationId);
        if (keep.length) del = del.where('id', 'not in', keep);
        await del.execute();
        for (const q of questions) {
          await trx
            .insertInto('consultation_questions')
            .values({
              id: q.id,
              consultation_id: consultationId,
              position: q.position,
              text: q.text,
              help: q.help,
            })
            .onConflict((oc) =>
              oc.column('id').doUpdateSet({ position: q.position, text: q.text, help: q.help }),
            )
            .execute();
        }
      });
    },
    async invitees(consultationId: string): Promise<string[]> {
      return (
        await db
          .selectFrom('consultation_invitees')
          .select('email')
          .where('consultation_id', '=', consultationId)
          .orderBy('email')
          .execute()
      ).map((r) => r.email);
    },
    async isInvited(consultationId: string, email: string): Promise<boolean> {
      return (
        (await db
          .selectFrom('consultation_invitees')
          .select('email')
          .where('consultation_id', '=', consultationId)
          .where('email', '=', email)
          .executeTakeFirst()) !== undefined
      );
    },
    async addInvitees(consultationId: string, emails: string[], now: string): Promise<void> {
      for (const email of emails) {
        await db
          .insertInto('consultation_invitees')
          .values({ consultation_id: consultationId, email, created_at: now })
          .onConflict((oc) => oc.columns(['consultation_id', 'email']).doNothing())
          .execute();
      }
    },
  };
}

export type ConsultationsStore = ReturnType<typeof consultationsStore>;
