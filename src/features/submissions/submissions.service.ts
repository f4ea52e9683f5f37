// Submission use cases: draft, submit (idempotently), edit until the deadline, withdraw, co-sign,
// moderate, and read — every read for others goes through disclose().
import type { RunInTransaction } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  AppError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { isLocale } from '../../i18n/locales.ts';
import type { SubmissionMailer } from './submission-mail.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { AccreditationService } from '../accreditation/index.ts';
import type { ConsultationRecord, QuestionRecord } from '../consultations/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { OrganisationsStore } from '../organisations/index.ts';
import type { AttachmentLookup } from '../attachments/index.ts';
import type { PublicIndex } from '../search/index.ts';
import { isSecretariat, requireSecretariat } from '../../shared/process-policy.ts';
import type { TransparencyService } from '../transparency/index.ts';
import {
  disclose,
  identitiesVisible,
  type Audience,
  type DisclosedSubmission,
} from './disclosure.ts';
import type {
  ContentFields,
  SubmissionRecord,
  SubmissionsStore,
  SubmissionStatus,
} from './submissions.store.ts';

/** Texts per page of the moderation queue. */
export const MODERATION_PAGE_SIZE = 50;

import { REJECTION_CATEGORIES } from '../../shared/consultation-rules.ts';
export { REJECTION_CATEGORIES };
const MAX_TEXT = 20000;

export interface DraftInput {
  submissionId?: string | undefined;
  /** Sent with every save and submit: a retried request lands on the same submission. */
  idempotencyKey?: string | undefined;
  organisationSlug?: string | null | undefined;
  language: string;
  freeText: string;
  answers: Array<{ questionId: string; text: string }>;
}

export interface SubmissionsDeps {
  store: SubmissionsStore;
  consultations: ConsultationsService;
  organisations: OrganisationsStore;
  accreditation: AccreditationService;
  accounts: AccountsService;
  transparency: TransparencyService;
  /** Runs a command as one transaction (its write and its log entry). */
  transaction: RunInTransaction;
  mail: SubmissionMailer;
  clock: Clock;
  baseUrl: string;
  /** Attachments for disclosure; absent in tools that never show files. */
  attachments?: AttachmentLookup;
  /** Kept up to date with what the public may read (search). */
  index?: PublicIndex;
}

export function submissionsService(deps: SubmissionsDeps) {
  const {
    store,
    consultations,
    organisations,
    accreditation,
    accounts,
    transparency,
    transaction,
    mail,
    clock,
    baseUrl,
    index,
  } = deps;
  const now = () => clock.now().toISOString();

  async function checkContent(
    consultation: ConsultationRecord,
    input: DraftInput,
  ): Promise<ContentFields> {
    const questions = new Set((await consultations.questions(consultation.id)).map((q) => q.id));
    const answers = input.answers
      .map((a) => ({ questionId: a.questionId, text: a.text.trim() }))
      .filter((a) => a.text && questions.has(a.questionId));
    if (input.freeText.length > MAX_TEXT || answers.some((a) => a.text.length > MAX_TEXT))
      throw ValidationError({ freeText: 'errors.tooLong' });
    if (!isLocale(input.language) && !/^[a-z]{2,3}$/.test(input.language))
      throw ValidationError({ language: 'errors.choiceInvalid' });
    return { language: input.language, freeText: input.freeText.trim(), answers };
  }

  async function organisationFor(
    actor: Actor,
    slug: string | null | undefined,
  ): Promise<string | null> {
    if (!slug || !actor.user) return null;
    const org = await organisations.findBySlug(slug);
    if (!org || !(await organisations.roleOf(org.id, actor.user.id)))
      throw ValidationError({ organisation: 'errors.notMember' });
    return org.id;
  }

  async function checkEligible(
    actor: Actor,
    consultation: ConsultationRecord,
    organisationId: string | null,
  ): Promise<void> {
    if (!actor.user) throw UnauthenticatedError();
    if (consultation.eligibility === 'accredited') {
      if (
        !organisationId ||
        (await accreditation.statusOf(consultation.processId, organisationId)) !== 'accepted'
      )
        throw new AppError('not_eligible', 'only accredited organisations may submit', {
          fields: { organisation: 'errors.notAccredited' },
        });
    }
    if (
      consultation.eligibility === 'invited' &&
      !(await consultations.isInvited(consultation.id, actor.user.email))
    )
      throw new AppError('not_eligible', 'this consultation is by invitation');
  }

  function requireOpen(consultation: ConsultationRecord): void {
    if (consultations.phase(consultation) !== 'open')
      throw new AppError('consultation_closed', 'the consultation is not open for submissions');
  }

  async function unchanged(
    existing: SubmissionRecord,
    content: ContentFields,
    organisationId: string | null,
  ): Promise<boolean> {
    if (
      existing.language !== content.language ||
      existing.freeText !== content.freeText ||
      existing.organisationId !== organisationId
    )
      return false;
    const key = (answers: ContentFields['answers']) =>
      JSON.stringify([...answers].sort((a, b) => a.questionId.localeCompare(b.questionId)));
    return (
      key((await store.answers([existing.id])).get(existing.id) ?? []) === key(content.answers)
    );
  }

  async function ownSubmission(actor: Actor, id: string): Promise<SubmissionRecord> {
    if (!actor.user) throw UnauthenticatedError();
    const submission = await store.findById(id);
    if (!submission || submission.authorId !== actor.user.id) throw NotFoundError('submission');
    return submission;
  }

  /** Disclosed forms of `records`; a caller that already holds the questions passes them. */
  async function present(
    consultation: ConsultationRecord,
    records: SubmissionRecord[],
    audience: Audience,
    known?: { questions: QuestionRecord[] },
  ): Promise<DisclosedSubmission[]> {
    const ids = records.map((r) => r.id);
    // Identities are not even looked up when the rule hides them; when shown, in one query.
    const withIdentities = identitiesVisible(consultation.rule, audience);
    const [questions, answers, cosignatures, attachments, authors] = await Promise.all([
      known?.questions ?? consultations.questions(consultation.id),
      store.answers(ids),
      store.cosignatures(ids),
      deps.attachments?.listFor(ids),
      withIdentities ? store.attributions(ids) : undefined,
    ]);
    return records.map((submission) =>
      disclose(
        {
          submission,
          consultation,
          questions,
          answers: answers.get(submission.id) ?? [],
          cosignatures: cosignatures.get(submission.id) ?? [],
          attachments: attachments?.get(submission.id) ?? [],
          author:
            authors && (authors.get(submission.id) ?? { displayName: '', organisation: null }),
        },
        audience,
      ),
    );
  }

  async function sendReceipt(
    actor: Actor,
    consultation: ConsultationRecord,
    submission: SubmissionRecord,
  ): Promise<void> {
    if (!actor.user) return;
    const user = await accounts.findUser(actor.user.id);
    await mail.send({ email: actor.user.email, locale: user?.locale }, consultation, (t) => ({
      subject: t('mail.receipt.subject', { consultation: consultation.title }),
      text: t('mail.receipt.body', {
        consultation: consultation.title,
        link: `${baseUrl}/submissions/${submission.id}`,
        deadline: consultation.closesAt.slice(0, 16).replace('T', ' ') + ' UTC',
      }),
    }));
  }

  async function* eachPublished(
    consultation: ConsultationRecord,
    batchSize = 200,
  ): AsyncGenerator<DisclosedSubmission[]> {
    let before: { at: string; id: string } | undefined;
    for (;;) {
      const records = await store.listForConsultation(consultation.id, ['published'], {
        limit: batchSize,
        ...(before ? { before } : {}),
      });
      if (records.length === 0) return;
      yield present(consultation, records, 'public');
      const last = records[records.length - 1] as SubmissionRecord;
      before = { at: last.updatedAt, id: last.id };
    }
  }

  return {
    /** Creates or updates the actor's draft (or their submitted text while the consultation is open). */
    async saveDraft(
      actor: Actor,
      consultationSlug: string,
      input: DraftInput,
    ): Promise<SubmissionRecord> {
      const consultation = await consultations.loadVisible(actor, consultationSlug);
      requireOpen(consultation);
      const organisationId = await organisationFor(actor, input.organisationSlug);
      await checkEligible(actor, consultation, organisationId);
      const content = await checkContent(consultation, input);
      const userId = actor.user?.id ?? '';
      const existing = input.submissionId
        ? await ownSubmission(actor, input.submissionId)
        : input.idempotencyKey
          ? await store.findByIdempotencyKey(userId, input.idempotencyKey)
          : undefined;
      if (existing) {
        if (
          existing.consultationId !== consultation.id ||
          existing.status === 'withdrawn' ||
          existing.status === 'rejected'
        )
          throw new AppError('not_editable', 'this submission can no longer be edited');
        // A retried request (same key, same content) changes nothing: no new version, and a text
        // already published is not sent back to moderation.
        if (await unchanged(existing, content, organisationId)) return existing;
        // An edit after publication goes back to moderation before it shows again.
        const status: SubmissionStatus | undefined =
          existing.status === 'published' ? 'submitted' : undefined;
        await store.saveContent(existing.id, content, organisationId, now(), {
          status,
          snapshot: existing.status !== 'draft',
        });
        if (status) await index?.submissionHidden(existing.id);
        return (await store.findById(existing.id)) as SubmissionRecord;
      }
      const id = newId();
      try {
        await store.insertDraft({
          id,
          consultationId: consultation.id,
          authorId: userId,
          organisationId,
          idempotencyKey: input.idempotencyKey ?? null,
          now: now(),
          ...content,
        });
      } catch (error) {
        // Two requests with the same key at the same instant: the unique key let one in; answer with it.
        const winner = input.idempotencyKey
          ? await store.findByIdempotencyKey(userId, input.idempotencyKey)
          : undefined;
        if (winner) return winner;
        throw error;
      }
      return (await store.findById(id)) as SubmissionRecord;
    },

    /** Saves and submits; submitting twice (a retry) changes nothing more. */
    async submit(
      actor: Actor,
      consultationSlug: string,
      input: DraftInput,
    ): Promise<SubmissionRecord> {
      const draft = await this.saveDraft(actor, consultationSlug, input);
      if (draft.status !== 'draft') return draft;
      if (!draft.freeText && (await store.answers([draft.id])).get(draft.id) === undefined)
        throw ValidationError({ freeText: 'errors.submissionEmpty' });
      const content = {
        language: draft.language,
        freeText: draft.freeText,
        answers: (await store.answers([draft.id])).get(draft.id) ?? [],
      };
      await store.saveContent(draft.id, content, draft.organisationId, now(), {
        status: 'submitted',
        snapshot: true,
      });
      const submitted = (await store.findById(draft.id)) as SubmissionRecord;
      const consultation = await consultations.load(consultationSlug);
      await sendReceipt(actor, consultation, submitted);
      return submitted;
    },

    async withdraw(actor: Actor, submissionId: string): Promise<void> {
      const submission = await ownSubmission(actor, submissionId);
      if (submission.status === 'withdrawn') return;
      const wasPublic = submission.status === 'published';
      const slug = wasPublic ? await slugOf(submission) : '';
      await transaction(async () => {
        await store.setStatus(submission.id, 'withdrawn', now(), { withdrawnAt: now() });
        if (wasPublic)
          await transparency.append('submission_withdrawn', 'consultation', slug, {
            submission: submission.id,
          });
      });
      if (wasPublic) await index?.submissionHidden(submission.id);
    },

    async moderate(
      actor: Actor,
      submissionId: string,
      decision: { action: 'publish' } | { action: 'reject'; category: string; note: string },
    ): Promise<void> {
      const submission = await store.findById(submissionId);
      if (!submission) throw NotFoundError('submission');
      const consultation = await consultations.load(await slugOf(submission));
      requireSecretariat(actor, consultation.processId);
      if (submission.status !== 'submitted')
        throw new AppError('not_pending', 'only submitted texts wait for moderation');
      if (decision.action === 'publish') {
        await transaction(async () => {
          await store.setStatus(submission.id, 'published', now(), {
            publishedAt: now(),
            rejectionCategory: null,
            rejectionNote: null,
          });
          await transparency.append('submission_published', 'consultation', consultation.slug, {
            submission: submission.id,
          });
        });
        // The index receives the disclosed form only, never the record.
        const [disclosed] = await present(
          consultation,
          [(await store.findById(submission.id)) as SubmissionRecord],
          'public',
        );
        if (disclosed) await index?.submissionPublished(consultation, disclosed);
        return;
      }
      if (!(REJECTION_CATEGORIES as readonly string[]).includes(decision.category))
        throw ValidationError({ category: 'errors.choiceInvalid' });
      await transaction(async () => {
        await store.setStatus(submission.id, 'rejected', now(), {
          rejectionCategory: decision.category,
          rejectionNote: decision.note.trim() || null,
        });
        await transparency.append('submission_rejected', 'consultation', consultation.slug, {
          category: decision.category,
        });
      });
    },

    async inviteCosignatory(
      actor: Actor,
      submissionId: string,
      organisationSlug: string,
    ): Promise<void> {
      const submission = await ownSubmission(actor, submissionId);
      const org = await organisations.findBySlug(organisationSlug);
      if (!org) throw ValidationError({ organisation: 'errors.choiceInvalid' });
      if (org.id === submission.organisationId)
        throw ValidationError({ organisation: 'errors.cosignOwn' });
      await store.inviteCosignatory(submission.id, org.id, now());
    },

    /** A member of the invited organisation confirms or declines from their own account. */
    async decideCosignature(
      actor: Actor,
      submissionId: string,
      organisationSlug: string,
      decision: 'confirmed' | 'declined',
    ): Promise<void> {
      if (!actor.user) throw UnauthenticatedError();
      const org = await organisations.findBySlug(organisationSlug);
      if (!org) throw NotFoundError('organisation');
      if (!(await organisations.roleOf(org.id, actor.user.id)))
        throw new AppError('not_member', 'only members of the organisation may co-sign for it');
      if (!(await store.decideCosignature(submissionId, org.id, decision, actor.user.id, now())))
        throw NotFoundError('co-signature invitation');
    },

    async pendingCosignatures(actor: Actor) {
      if (!actor.user) return [];
      const mine = await organisations.listForUser(actor.user.id);
      const result: Array<{ submissionId: string; organisation: { name: string; slug: string } }> =
        [];
      for (const org of mine) {
        const rows = await store.cosignatureInvitationsFor(org.id);
        for (const submissionId of rows)
          result.push({ submissionId, organisation: { name: org.name, slug: org.slug } });
      }
      return result;
    },

    /**
     * A page of published submissions for public pages. The cursor is the last submission's id, so
     * no timestamp finer than the day ever appears in a URL.
     */
    async publicPage(
      consultation: ConsultationRecord,
      page: { limit: number; beforeId?: string | undefined },
    ) {
      const last = page.beforeId ? await store.findById(page.beforeId) : undefined;
      const before =
        last && last.consultationId === consultation.id && last.status === 'published'
          ? { at: last.updatedAt, id: last.id }
          : undefined;
      const [records, questions] = await Promise.all([
        store.listForConsultation(consultation.id, ['published'], {
          limit: page.limit + 1,
          ...(before ? { before } : {}),
        }),
        consultations.questions(consultation.id),
      ]);
      const items = await present(consultation, records.slice(0, page.limit), 'public', {
        questions,
      });
      // The questions come along: the page shows them too, and need not ask for them again.
      return {
        items,
        next: records.length > page.limit ? (items.at(-1)?.id ?? null) : null,
        questions,
      };
    },

    /** Whether the actor may write to this consultation, without saying on whose behalf yet. */
    async participation(
      actor: Actor,
      consultation: ConsultationRecord,
    ): Promise<'sign_in' | 'eligible' | 'not_eligible'> {
      if (!actor.user) return 'sign_in';
      if (consultation.eligibility === 'invited')
        return (await consultations.isInvited(consultation.id, actor.user.email))
          ? 'eligible'
          : 'not_eligible';
      if (consultation.eligibility === 'open') return 'eligible';
      for (const org of await organisations.listForUser(actor.user.id)) {
        if ((await accreditation.statusOf(consultation.processId, org.id)) === 'accepted')
          return 'eligible';
      }
      return 'not_eligible';
    },

    /** The actor's submission made with this idempotency key, if a previous request created one. */
    async ownByIdempotencyKey(actor: Actor, key: string): Promise<SubmissionRecord | undefined> {
      return actor.user ? store.findByIdempotencyKey(actor.user.id, key) : undefined;
    },

    /**
     * Pending co-signature requests for the actor's organisations, with the text to co-sign. The
     * invited organisation is a third party: it sees the submission as the public would.
     */
    async cosignatureRequests(actor: Actor) {
      const result: Array<{
        organisation: { name: string; slug: string };
        consultation: { slug: string; title: string };
        submission: DisclosedSubmission;
      }> = [];
      for (const pending of await this.pendingCosignatures(actor)) {
        const record = await store.findById(pending.submissionId);
        const consultation = record && (await consultations.findById(record.consultationId));
        if (!record || !consultation) continue;
        const [submission] = await present(consultation, [record], 'public');
        if (submission)
          result.push({
            organisation: pending.organisation,
            consultation: { slug: consultation.slug, title: consultation.title },
            submission,
          });
      }
      return result;
    },

    async publicList(
      consultation: ConsultationRecord,
      page: { limit: number; before?: { at: string; id: string } },
    ) {
      const records = await store.listForConsultation(consultation.id, ['published'], page);
      return present(consultation, records, 'public');
    },

    /** Every published submission of a consultation, disclosed, in batches (exports). */
    eachPublished,

    /** Every published submission, disclosed for the public, oldest first (then by id). */
    async allPublished(consultation: ConsultationRecord): Promise<DisclosedSubmission[]> {
      const all: DisclosedSubmission[] = [];
      for await (const batch of eachPublished(consultation)) all.push(...batch);
      return all.sort(
        (a, b) =>
          (a.publishedOn ?? '').localeCompare(b.publishedOn ?? '') || a.id.localeCompare(b.id),
      );
    },

    async publicOne(
      submissionId: string,
    ): Promise<{ consultation: ConsultationRecord; submission: DisclosedSubmission }> {
      const record = await store.findById(submissionId);
      if (!record || record.status !== 'published') throw NotFoundError('submission');
      const consultation = await consultations.load(await slugOf(record));
      const [submission] = await present(consultation, [record], 'public');
      return { consultation, submission: submission as DisclosedSubmission };
    },

    /** One submission as its secretariat sees it, from submission on (to review its files). */
    async secretariatOne(actor: Actor, submissionId: string): Promise<DisclosedSubmission> {
      const record = await store.findById(submissionId);
      if (!record || record.status === 'draft' || record.status === 'withdrawn')
        throw NotFoundError('submission');
      const consultation = await consultations.load(await slugOf(record));
      requireSecretariat(actor, consultation.processId);
      const [submission] = await present(consultation, [record], 'secretariat');
      return submission as DisclosedSubmission;
    },

    /** The moderation queue, oldest submission first, `MODERATION_PAGE_SIZE` texts a page. */
    async moderationQueue(actor: Actor, consultation: ConsultationRecord, requestedPage: number) {
      requireSecretariat(actor, consultation.processId);
      const total = (await store.countByStatus(consultation.id)).submitted ?? 0;
      const pages = Math.max(1, Math.ceil(total / MODERATION_PAGE_SIZE));
      const page = Math.min(pages, Math.max(1, Math.floor(requestedPage) || 1));
      const offset = (page - 1) * MODERATION_PAGE_SIZE;
      const records = await store.moderationPage(consultation.id, {
        offset,
        limit: MODERATION_PAGE_SIZE,
      });
      return {
        items: await present(consultation, records, 'secretariat'),
        total,
        page,
        pages,
        offset,
      };
    },

    async mine(actor: Actor) {
      if (!actor.user) throw UnauthenticatedError();
      return store.listByAuthor(actor.user.id);
    },

    async ownWithContent(actor: Actor, submissionId: string) {
      const submission = await ownSubmission(actor, submissionId);
      const [answers, cosignatures, versions] = await Promise.all([
        store.answers([submission.id]),
        store.cosignatures([submission.id]),
        store.versions(submission.id),
      ]);
      return {
        submission,
        answers: answers.get(submission.id) ?? [],
        cosignatures: cosignatures.get(submission.id) ?? [],
        versions,
      };
    },

    counts: (consultationId: string) => store.countByStatus(consultationId),
    moderationLog: (consultationId: string) => store.rejectionCounts(consultationId),
    canModerate: (actor: Actor, consultation: ConsultationRecord) =>
      isSecretariat(actor, consultation.processId),
  };

  async function slugOf(submission: SubmissionRecord): Promise<string> {
    const consultation = await consultations.findById(submission.consultationId);
    if (!consultation) throw NotFoundError('consultation');
    return consultation.slug;
  }
}

export type SubmissionsService = ReturnType<typeof submissionsService>;
