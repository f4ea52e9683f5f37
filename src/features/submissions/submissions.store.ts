// SQL for submissions, their answers, versions, attachments and co-signatures.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SubmissionStatus } from '../../shared/consultation-rules.ts';
export { SUBMISSION_STATUSES, type SubmissionStatus } from '../../shared/consultation-rules.ts';

export interface SubmissionRecord {
  id: string;
  consultationId: string;
  authorId: string;
  organisationId: string | null;
  status: SubmissionStatus;
  language: string;
  freeText: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  rejectionCategory: string | null;
  rejectionNote: string | null;
}

export interface AnswerRecord {
  questionId: string;
  text: string;
}

export interface CosignatureRecord {
  organisationId: string;
  organisationName: string;
  organisationSlug: string;
  status: 'invited' | 'confirmed' | 'declined';
}

export interface ContentFields {
  language: string;
  freeText: string;
  answers: AnswerRecord[];
}

const columns = [
  'id',
  'consultation_id',
  'author_id',
  'organisation_id',
  'status',
  'language',
  'free_text',
  'version',
  'created_at',
  'updated_at',
  'submitted_at',
  'published_at',
  'rejection_category',
  'rejection_note',
] as const;
type Row = {
  id: string;
  consultation_id: string;
  author_id: string;
  organisation_id: string | null;
  status: string;
  language: string;
  free_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
  rejection_category: string | null;
  rejection_note: string | null;
};
const toRecord = (r: Row): SubmissionRecord => ({
  id: r.id,
  consultationId: r.consultation_id,
  authorId: r.author_id,
  organisationId: r.organisation_id,
  status: r.status as SubmissionStatus,
  language: r.language,
  freeText: r.free_text,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
  publishedAt: r.published_at,
  rejectionCategory: r.rejection_category,
  rejectionNote: r.rejection_note,
});

export function submissionsStore(db: Kysely<DB>) {
  return {
    async findById(id: string): Promise<SubmissionRecord | undefined> {
      const row = await db
        .selectFrom('submissions')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async findByIdempotencyKey(
      authorId: string,
      key: string,
    ): Promise<SubmissionRecord | undefined> {
      const row = await db
        .selectFrom('submissions')
        .select(columns)
        .where('author_id', '=', authorId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async listByAuthor(authorId: string): Promise<SubmissionRecord[]> {
      return (
        await db
          .selectFrom('submissions')
          .select(columns)
          .where('author_id', '=', authorId)
          .orderBy('updated_at', 'desc')
          .execute()
      ).map(toRecord);
    },
    /** Submissions of a consultation in the given states, newest first, with cursor pagination on (published_at|updated_at, id). */
    async listForConsultation(
      consultationId: string,
      statuses: SubmissionStatus[],
      page: { limit: number; before?: { at: string; id: string } },
    ): Promise<SubmissionRecord[]> {
      let query = db
        .selectFrom('submissions')
        .select(columns)
        .where('consultation_id', '=', consultationId)
        .where('status', 'in', statuses);
      if (page.before) {
        const { at, id } = page.before;
        query = query.where((eb) =>
          eb.or([
            eb('updated_at', '<', at),
            eb.and([eb('updated_at', '=', at), eb('id', '<', id)]),
          ]),
        );
      }
      return (
        await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute()
      ).map(toRecord);
    },
    /**
     * One page of the texts waiting for moderation, in the order they were submitted, so a
     * burst of newer texts cannot push an earlier one out of sight (index in migration 0015).
     */
    async moderationPage(
      consultationId: string,
      page: { offset: number; limit: number },
    ): Promise<SubmissionRecord[]> {
      const rows = await db
        .selectFrom('submissions')
        .select(columns)
        .where('consultation_id', '=', consultationId)
        .where('status', '=', 'submitted')
        .orderBy('submitted_at')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toRecord);
    },
    async countByStatus(consultationId: string): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('submissions')
        .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('consultation_id', '=', consultationId)
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
    async rejectionCounts(
      consultationId: string,
    ): Promise<Array<{ category: string; count: number }>> {
      const rows = await db
        .selectFrom('submissions')
        .select(['rejection_category', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('consultation_id', '=', consultationId)
        .where('status', '=', 'rejected')
        .groupBy('rejection_category')
        .orderBy('rejection_category')
        .execute();
      return rows.map((r) => ({ category: r.rejection_category ?? 'other', count: Number(r.n) }));
    },
    async answers(submissionIds: string[]): Promise<Map<string, AnswerRecord[]>> {
      const map = new Map<string, AnswerRecord[]>();
      if (submissionIds.length === 0) return map;
      const rows = await db
        .selectFrom('submission_answers')
        .select(['submission_id', 'question_id', 'text'])
        .where('submission_id', 'in', submissionIds)
        .execute();
      for (const r of rows)
        map.set(r.submission_id, [
          ...(map.get(r.submission_id) ?? []),
          { questionId: r.question_id, text: r.text },
        ]);
      return map;
    },
    async insertDraft(
      s: {
        id: string;
        consultationId: string;
        authorId: string;
        organisationId: string | null;
        idempotencyKey: string | null;
        now: string;
      } & ContentFields,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('submissions')
          .values({
            id: s.id,
            consultation_id: s.consultationId,
            author_id: s.authorId,
            organisation_id: s.organisationId,
            status: 'draft',
            language: s.language,
            free_text: s.freeText,
            version: 0,
            idempotency_key: s.idempotencyKey,
            created_at: s.now,
            updated_at: s.now,
            submitted_at: null,
            published_at: null,
            rejection_category: null,
            rejection_note: null,
            withdrawn_at: null,
          })
          .execute();
        for (const a of s.answers)
          await trx
            .insertInto('submission_answers')
            .values({ submission_id: s.id, question_id: a.questionId, text: a.text })
            .execute();
      });
    },
    /** Replaces the content; with `snapshot`, also records a new version (the submitted text). */
    async saveContent(
      id: string,
      content: ContentFields,
      organisationId: string | null,
      now: string,
      change: { status?: SubmissionStatus; snapshot?: boolean },
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('submissions')
          .select(['version', 'submitted_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const version = Number(current.version) + (change.snapshot ? 1 : 0);
        await trx
          .updateTable('submissions')
          .set({
            language: content.language,
            free_text: content.freeText,
            organisation_id: organisationId,
            updated_at: now,
            version,
            ...(change.status ? { status: change.status } : {}),
            ...(change.snapshot && !current.submitted_at ? { submitted_at: now } : {}),
          })
          .where('id', '=', id)
          .execute();
        await trx.deleteFrom('submission_answers').where('submission_id', '=', id).execute();
        for (const a of content.answers)
          await trx
            .insertInto('submission_answers')
            .values({ submission_id: id, question_id: a.questionId, text: a.text })
            .execute();
        if (change.snapshot)
          await trx
            .insertInto('submission_versions')
            .values({
              submission_id: id,
              version,
              content: JSON.stringify(content),
              created_at: now,
            })
            .execute();
      });
    },
    async setStatus(
      id: string,
      status: SubmissionStatus,
      now: string,
      extra: {
        publishedAt?: string | null;
        rejectionCategory?: string | null;
        rejectionNote?: string | null;
        withdrawnAt?: string;
      } = {},
    ): Promise<void> {
      await db
        .updateTable('submissions')
        .set({
          status,
          updated_at: now,
          ...(extra.publishedAt !== undefined ? { published_at: extra.publishedAt } : {}),
          ...(extra.rejectionCategory !== undefined
            ? { rejection_category: extra.rejectionCategory }
            : {}),
          ...(extra.rejectionNote !== undefined ? { rejection_note: extra.rejectionNote } : {}),
          ...(extra.withdrawnAt ? { withdrawn_at: extra.withdrawnAt } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async versions(
      id: string,
    ): Promise<Array<{ version: number; content: ContentFields; createdAt: string }>> {
      const rows = await db
        .selectFrom('submission_versions')
        .select(['version', 'content', 'created_at'])
        .where('submission_id', '=', id)
        .orderBy('version')
        .execute();
      return rows.map((r) => ({
        version: Number(r.version),
        content: JSON.parse(r.content) as ContentFields,
        createdAt: r.created_at,
      }));
    },
    /** Who wrote each submission and for which organisation, for rules that show identities. */
    async attributions(
      submissionIds: string[],
    ): Promise<
      Map<string, { displayName: string; organisation: { name: string; slug: string } | null }>
    > {
      if (submissionIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('submissions as s')
        .leftJoin('users as u', 'u.id', 's.author_id')
        .leftJoin('organisations as o', 'o.id', 's.organisation_id')
        .select(['s.id', 'u.display_name', 'o.name', 'o.slug'])
        .where('s.id', 'in', submissionIds)
        .execute();
      return new Map(
        rows.map((r) => [
          r.id,
          {
            displayName: r.display_name ?? '',
            organisation:
              r.name !== null && r.slug !== null ? { name: r.name, slug: r.slug } : null,
          },
        ]),
      );
    },
    async cosignatures(submissionIds: string[]): Promise<Map<string, CosignatureRecord[]>> {
      const map = new Map<string, CosignatureRecord[]>();
      if (submissionIds.length === 0) return map;
      const rows = await db
        .selectFrom('cosignatures as c')
        .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
        .select(['c.submission_id', 'c.organisation_id', 'c.status', 'o.name', 'o.slug'])
        .where('c.submission_id', 'in', submissionIds)
        .orderBy('o.name')
        .execute();
      for (const r of rows)
        map.set(r.submission_id, [
          ...(map.get(r.submission_id) ?? []),
          {
            organisationId: r.organisation_id,
            organisationName: r.name,
            organisationSlug: r.slug,
            status: r.status as CosignatureRecord['status'],
          },
        ]);
      return map;
    },
    async inviteCosignatory(
      submissionId: string,
      organisationId: string,
      now: string,
    ): Promise<void> {
      await db
        .insertInto('cosignatures')
        .values({
          submission_id: submissionId,
          organisation_id: organisationId,
          status: 'invited',
          decided_by: null,
          invited_at: now,
          decided_at: null,
        })
        .onConflict((oc) => oc.columns(['submission_id', 'organisation_id']).doNothing())
        .execute();
    },
    async cosignatureInvitationsFor(organisationId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('cosignatures as c')
        .innerJoin('submissions as s', 's.id', 'c.submission_id')
        .select('c.submission_id')
        .where('c.organisation_id', '=', organisationId)
        .where('c.status', '=', 'invited')
        .where('s.status', 'not in', ['withdrawn', 'rejected'])
        .execute();
      return rows.map((r) => r.submission_id);
    },
    async decideCosignature(
      submissionId: string,
      organisationId: string,
      status: 'confirmed' | 'declined',
      userId: string,
      now: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('cosignatures')
        .set({ status, decided_by: userId, decided_at: now })
        .where('submission_id', '=', submissionId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Submissions made on the organisation's behalf (drafts aside), latest change first. */
    async listForOrganisation(organisationId: string): Promise<
      Array<{
        id: string;
        status: string;
        updatedAt: string;
        consultation: { slug: string; title: string };
      }>
    > {
      const rows = await db
        .selectFrom('submissions as s')
        .innerJoin('consultations as c', 'c.id', 's.consultation_id')
        .select(['s.id', 's.status', 's.updated_at', 'c.slug', 'c.title'])
        .where('s.organisation_id', '=', organisationId)
        .where('s.status', '!=', 'draft')
        .orderBy('s.updated_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        updatedAt: r.updated_at,
        consultation: { slug: r.slug, title: r.title },
      }));
    },
    /** Submissions the organisation was asked to co-sign, latest invitation first. */
    async cosignaturesOfOrganisation(organisationId: string): Promise<
      Array<{
        submissionId: string;
        status: string;
        submissionStatus: string;
        consultation: { slug: string; title: string };
      }>
    > {
      const rows = await db
        .selectFrom('cosignatures as k')
        .innerJoin('submissions as s', 's.id', 'k.submission_id')
        .innerJoin('consultations as c', 'c.id', 's.consultation_id')
        .select([
          'k.submission_id',
          'k.status',
          's.status as submission_status',
          'c.slug',
          'c.title',
        ])
        .where('k.organisation_id', '=', organisationId)
        .orderBy('k.invited_at', 'desc')
        .execute();
      return rows.map((r) => ({
        submissionId: r.submission_id,
        status: r.status,
        submissionStatus: r.submission_status,
        consultation: { slug: r.slug, title: r.title },
      }));
    },
    /**
     * Authors with a draft in a published consultation closing in (now, until], who have not
     * opted out of reminders and were not yet sent this kind for that consultation.
     */
    async dueReminders(
      kind: string,
      now: string,
      until: string,
    ): Promise<
      Array<{
        consultationId: string;
        title: string;
        closesAt: string;
        timeZone: string;
        userId: string;
        email: string;
        locale: string | null;
      }>
    > {
      const rows = await db
        .selectFrom('submissions as s')
        .innerJoin('consultations as c', 'c.id', 's.consultation_id')
        .innerJoin('users as u', 'u.id', 's.author_id')
        .leftJoin('sent_reminders as r', (join) =>
          join
            .onRef('r.subject_id', '=', 'c.id')
            .onRef('r.user_id', '=', 'u.id')
            .on('r.kind', '=', kind),
        )
        .select([
          'c.id as consultation_id',
          'c.title',
          'c.closes_at',
          'c.time_zone',
          'u.id as user_id',
          'u.email',
          'u.locale',
        ])
        .where('s.status', '=', 'draft')
        .where('c.published_at', 'is not', null)
        .where('c.closes_at', '>', now)
        .where('c.closes_at', '<=', until)
        .where('u.reminders_opt_out_at', 'is', null)
        .where('r.user_id', 'is', null)
        .execute();
      return rows.map((r) => ({
        consultationId: r.consultation_id,
        title: r.title,
        closesAt: r.closes_at,
        timeZone: r.time_zone,
        userId: r.user_id,
        email: r.email,
        locale: r.locale,
      }));
    },
    async recordReminder(
      kind: string,
      consultationId: string,
      userId: string,
      now: string,
    ): Promise<void> {
      await db
        .insertInto('sent_reminders')
        .values({ kind, subject_id: consultationId, user_id: userId, sent_at: now })
        .onConflict((oc) => oc.columns(['kind', 'subject_id', 'user_id']).doNothing())
        .execute();
    },
  };
}

export type SubmissionsStore = ReturnType<typeof submissionsStore>;
