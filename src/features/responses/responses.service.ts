// Responses: the secretariat tells each contributor how their submission was taken into account
// and which report items it fed; the author is e-mailed in their language and sees it on their
// own page; the public sees a "how the inputs were used" table built from disclosed submissions.
// Every recorded or changed response is written to the transparency log.
import type { RunInTransaction } from '../../db/database.ts';
import { anonymousActor, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  AppError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  type FieldErrors,
} from '../../shared/errors.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { ReportItem, ReportsService } from '../reports/index.ts';
import type {
  DisclosedSubmission,
  SubmissionMailer,
  SubmissionsService,
} from '../submissions/index.ts';
import type { TransparencyService } from '../transparency/index.ts';
import { OUTCOME_KEYS } from './outcomes.ts';
import {
  OUTCOMES,
  type Outcome,
  type ResponseRecord,
  type ResponsesStore,
} from './responses.store.ts';

const MAX_EXPLANATION = 4000;

export interface ResponsesDeps {
  store: ResponsesStore;
  consultations: ConsultationsService;
  submissions: SubmissionsService;
  reports: ReportsService;
  transparency: TransparencyService;
  /** Runs a command as one transaction (its write and its log entry). */
  transaction: RunInTransaction;
  mail: SubmissionMailer;
  clock: Clock;
  baseUrl: string;
}

/**
 * What saving a response did: `recorded` the first one, `updated` its outcome or explanation,
 * `relinked` only its report items (the contributor has nothing new to read), or nothing.
 */
export type ResponseChange = 'recorded' | 'updated' | 'relinked' | 'unchanged';

export interface ResponseInput {
  outcome: string;
  explanation: string;
  reportItems: string[];
}

function checkResponse(input: ResponseInput, items: ReportItem[]): Outcome {
  const errors: FieldErrors = {};
  if (!(OUTCOMES as readonly string[]).includes(input.outcome)) errors.outcome = 'errors.required';
  const explanation = input.explanation.trim();
  if (!explanation) errors.explanation = 'errors.required';
  else if (explanation.length > MAX_EXPLANATION) errors.explanation = 'errors.tooLong';
  const known = new Set(items.map((i) => i.id));
  if (input.reportItems.some((id) => !known.has(id))) errors.reportItems = 'errors.choiceInvalid';
  if (Object.keys(errors).length) throw ValidationError(errors);
  return input.outcome as Outcome;
}

function changeFrom(before: ResponseRecord | undefined, after: ResponseRecord): ResponseChange {
  if (!before) return 'recorded';
  if (before.outcome !== after.outcome || before.explanation !== after.explanation)
    return 'updated';
  const items = (r: ResponseRecord) => JSON.stringify([...r.reportItems].sort());
  return items(before) === items(after) ? 'unchanged' : 'relinked';
}

export function responsesService(deps: ResponsesDeps) {
  const {
    store,
    consultations,
    submissions,
    reports,
    transparency,
    transaction,
    mail,
    clock,
    baseUrl,
  } = deps;

  /** A published submission of this consultation, disclosed for the public. */
  async function submissionIn(consultation: ConsultationRecord, id: string) {
    const found = await submissions.publicOne(id);
    if (found.consultation.id !== consultation.id) throw NotFoundError('submission');
    return found.submission;
  }

  /** Items of the latest published report: the only ones the public may see named. */
  async function publishedItems(slug: string): Promise<ReportItem[] | null> {
    try {
      return (await reports.publishedReport(slug)).record.items;
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    }
  }

  async function notify(
    consultation: ConsultationRecord,
    response: ResponseRecord,
    update: boolean,
  ) {
    const contact = await store.authorContact(response.submissionId);
    if (!contact) return;
    const subject = update
      ? 'reports.responses.mail.updatedSubject'
      : 'reports.responses.mail.subject';
    const body = update ? 'reports.responses.mail.updatedBody' : 'reports.responses.mail.body';
    await mail.send(contact, consultation, (t) => ({
      subject: t(subject, { consultation: consultation.title }),
      text: t(body, {
        consultation: consultation.title,
        outcome: t(OUTCOME_KEYS[response.outcome]),
        explanation: response.explanation,
        link: `${baseUrl}/my/submissions/${response.submissionId}`,
      }),
    }));
  }

  /**
   * The public trace of a response: the reference of the submission as disclosed to the public
   * (never its author, whatever the rule) and the outcome. The explanation stays out: it is free
   * text, and an append-only log could never take back a name written in it by mistake.
   */
  async function logResponse(
    consultation: ConsultationRecord,
    submission: DisclosedSubmission,
    response: ResponseRecord,
    before: ResponseRecord | undefined,
  ) {
    const details = {
      submission: submission.id,
      outcome: response.outcome,
      ...(before && before.outcome !== response.outcome ? { previousOutcome: before.outcome } : {}),
    };
    const action = before ? 'response_changed' : 'response_recorded';
    await transparency.append(action, 'consultation', consultation.slug, details);
  }

  return {
    async manageList(actor: Actor, slug: string) {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      const [list, responses] = await Promise.all([
        submissions.allPublished(consultation),
        store.forConsultation(consultation.id),
      ]);
      return {
        consultation,
        rows: list.map((s) => ({ submission: s, response: responses.get(s.id) })),
      };
    },

    async responseForm(actor: Actor, slug: string, submissionId: string) {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      const submission = await submissionIn(consultation, submissionId);
      const [response, items] = await Promise.all([
        store.find(submissionId),
        reports.itemsFor(consultation),
      ]);
      return { consultation, submission, response, items };
    },

    /** Saves a response; logs and notifies only what changed, so a repeated save does nothing. */
    async recordResponse(
      actor: Actor,
      slug: string,
      submissionId: string,
      input: ResponseInput,
    ): Promise<ResponseChange> {
      const consultation = await consultations.loadForSecretariat(actor, slug);
      const submission = await submissionIn(consultation, submissionId);
      const items = await reports.itemsFor(consultation);
      const outcome = checkResponse(input, items);
      const response: ResponseRecord = {
        submissionId,
        outcome,
        explanation: input.explanation.trim().replace(/\r\n/g, '\n'),
        reportItems: items.filter((i) => input.reportItems.includes(i.id)).map((i) => i.id),
        updatedAt: clock.now().toISOString(),
      };
      const before = await store.find(submissionId);
      const change = changeFrom(before, response);
      if (change === 'unchanged') return change;
      await transaction(async () => {
        await store.save(consultation.id, response);
        await logResponse(consultation, submission, response, before);
      });
      if (change !== 'relinked') await notify(consultation, response, change === 'updated');
      return change;
    },

    /** The public table: disclosed submissions with a response, and the report items named. */
    async publicTable(slug: string) {
      const consultation = await consultations.loadVisible(anonymousActor, slug);
      const [list, responses, items] = await Promise.all([
        submissions.allPublished(consultation),
        store.forConsultation(consultation.id),
        publishedItems(slug),
      ]);
      const byId = new Map((items ?? []).map((i) => [i.id, i]));
      const rows = list.flatMap((submission) => {
        const response = responses.get(submission.id);
        if (!response) return [];
        const linked = response.reportItems.flatMap((id) => byId.get(id) ?? []);
        return [
          {
            submission,
            outcome: response.outcome,
            explanation: response.explanation,
            items: linked,
          },
        ];
      });
      return { consultation, rows, reportPublished: items !== null, published: list.length };
    },

    /** The response to one's own submission, for the author's page. */
    async forAuthor(actor: Actor, submissionId: string) {
      if (!actor.user) throw UnauthenticatedError();
      const contact = await store.authorContact(submissionId);
      if (!contact || contact.authorId !== actor.user.id) throw NotFoundError('submission');
      const response = await store.find(submissionId);
      if (!response) return undefined;
      const consultation = await consultations.findById(contact.consultationId);
      const items = consultation ? ((await publishedItems(consultation.slug)) ?? []) : [];
      const linked = response.reportItems.flatMap((id) => items.find((i) => i.id === id) ?? []);
      return { ...response, items: linked, consultationSlug: consultation?.slug ?? '' };
    },
  };
}

export type ResponsesService = ReturnType<typeof responsesService>;
