// Submission pages: the public page of a published submission, and writing one. Writing never
// loses what was typed: every refusal (invalid field, deadline passed, signed out, expired CSRF
// token) re-renders the form with the text and the same idempotency key, so sending it again
// lands on the same submission.
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { limitedBy } from '../../http/abuse-limits.ts';
import { formBody, text, type FormBody } from '../../http/form-body.ts';
import { sendPage } from '../../http/render.ts';
import { setFlash, viewContext } from '../../http/view-context.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { AppError } from '../../shared/errors.ts';
import { requireUser } from '../accounts/index.ts';
import type { ConsultationRecord, QuestionRecord } from '../consultations/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import type { AttachmentsService } from '../attachments/index.ts';
import type { Actor } from '../../shared/actor.ts';
import type { OrganisationActivity } from './organisation-activity.ts';
import type { DraftInput, SubmissionsService } from './submissions.service.ts';
import type { SubmissionRecord } from './submissions.store.ts';
import { NoticePage, PublicSubmissionPage, SubmissionFormPage } from './submissions.views.tsx';

export interface SubmissionsRoutesOptions {
  consultations: ConsultationsService;
  submissions: SubmissionsService;
  organisations: OrganisationsService;
  accounts: AccountsService;
  attachments: AttachmentsService;
  organisationActivity: (actor: Actor, slug: string) => Promise<OrganisationActivity>;
}

type SlugParams = { Params: { slug: string } };
type Values = Record<string, string>;

/** Refusals that concern the whole request rather than one field, and how to explain them. */
const GENERAL_ERRORS: Record<string, MessageKey> = {
  consultation_closed: 'submission.error.closed',
  not_editable: 'submission.error.notEditable',
  not_eligible: 'submission.error.notEligible',
  csrf_invalid: 'submission.error.csrf',
  unauthenticated: 'submission.error.signedOut',
};

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function formValues(body: FormBody, questions: QuestionRecord[]): Values {
  const key = text(body, 'idempotencyKey');
  const values: Values = {
    idempotencyKey: KEY_PATTERN.test(key) ? key : randomUUID(),
    submissionId: text(body, 'submissionId'),
    freeText: text(body, 'freeText'),
    language: text(body, 'language'),
    organisation: text(body, 'organisation'),
  };
  for (const q of questions) values[`answer-${q.id}`] = text(body, `answer-${q.id}`);
  return values;
}

/** The form values of a saved submission, for editing it. */
export function valuesOf(
  submission: SubmissionRecord,
  answers: Array<{ questionId: string; text: string }>,
  organisationSlug: string,
): Values {
  const values: Values = {
    idempotencyKey: randomUUID(),
    submissionId: submission.id,
    freeText: submission.freeText,
    language: submission.language,
    organisation: organisationSlug,
  };
  for (const a of answers) values[`answer-${a.questionId}`] = a.text;
  return values;
}

function draftInput(values: Values, questions: QuestionRecord[]): DraftInput {
  return {
    submissionId: values.submissionId || undefined,
    idempotencyKey: values.idempotencyKey,
    organisationSlug: values.organisation || null,
    language: values.language ?? '',
    freeText: values.freeText ?? '',
    answers: questions.map((q) => ({ questionId: q.id, text: values[`answer-${q.id}`] ?? '' })),
  };
}

export type FormFailure = {
  errors?: Record<string, string>;
  general?: MessageKey;
  status?: number;
};

/** Renders the writing form (new, edit, or refused with the typed text kept). */
export function submissionForm({
  consultations,
  submissions,
  organisations,
}: Pick<SubmissionsRoutesOptions, 'consultations' | 'submissions' | 'organisations'>) {
  return async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    c: ConsultationRecord,
    values: Values,
    failure: FormFailure = {},
  ) {
    const [questions, mine] = await Promise.all([
      consultations.questions(c.id),
      organisations.myOrganisations(request.actor),
    ]);
    // Once submitted, every save is a new version: the form then offers one button, not a draft.
    const editingSubmitted =
      values.submissionId && request.actor.user
        ? (await submissions.mine(request.actor)).some(
            (s) => s.id === values.submissionId && s.status !== 'draft',
          )
        : false;
    const page = (
      <SubmissionFormPage
        ctx={viewContext(request, reply)}
        consultation={c}
        questions={questions}
        organisations={mine}
        state={{ values, errors: failure.errors ?? {} }}
        general={failure.general}
        editingSubmitted={editingSubmitted}
      />
    );
    return sendPage(reply, page, failure.status ?? 200);
  };
}

export const submissionsRoutes: FastifyPluginAsync<SubmissionsRoutesOptions> = async (
  app,
  options,
) => {
  const { consultations, submissions } = options;
  const showForm = submissionForm(options);

  /** Turns a refusal into the re-rendered form; anything unexpected goes to the app's handler. */
  function refusal(error: unknown): FormFailure {
    if (!(error instanceof AppError)) throw error;
    if (error.fields) return { errors: error.fields, status: error.status };
    const general = GENERAL_ERRORS[error.code];
    if (!general) throw error;
    return { general, status: error.status };
  }

  /** A refused form keeps its text even when the CSRF check fails before the handler runs. */
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const csrf =
      error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET';
    if (!csrf || request.routeOptions.url !== '/consultations/:slug/submit') throw error;
    const { slug } = request.params as { slug: string };
    const consultation = await consultations.loadVisible(request.actor, slug);
    const values = formValues(formBody(request), await consultations.questions(consultation.id));
    return showForm(request, reply, consultation, values, {
      general: 'submission.error.csrf',
      status: 403,
    });
  });

  app.get<{ Params: { id: string } }>('/submissions/:id', async (request, reply) => {
    const { consultation, submission } = await submissions.publicOne(request.params.id);
    return sendPage(
      reply,
      <PublicSubmissionPage
        ctx={viewContext(request, reply)}
        consultation={consultation}
        submission={submission}
      />,
    );
  });

  app.get<SlugParams>('/consultations/:slug/submit', async (request, reply) => {
    requireUser(request.actor);
    const consultation = await consultations.loadVisible(request.actor, request.params.slug);
    if (consultations.phase(consultation) !== 'open')
      return sendPage(
        reply,
        <NoticePage
          ctx={viewContext(request, reply)}
          title="submission.closed.title"
          body="submission.error.closed"
        />,
        409,
      );
    if ((await submissions.participation(request.actor, consultation)) !== 'eligible')
      return sendPage(
        reply,
        <NoticePage
          ctx={viewContext(request, reply)}
          title="submission.notEligible.title"
          body="submission.error.notEligible"
        />,
        403,
      );
    const language = consultation.languages.includes(request.locale)
      ? request.locale
      : (consultation.languages[0] ?? request.locale);
    return showForm(request, reply, consultation, { idempotencyKey: randomUUID(), language });
  });

  app.post<SlugParams>(
    '/consultations/:slug/submit',
    limitedBy('submissions'),
    async (request, reply) => {
      const consultation = await consultations.loadVisible(request.actor, request.params.slug);
      const questions = await consultations.questions(consultation.id);
      const body = formBody(request);
      const values = formValues(body, questions);
      const action = text(body, 'action') === 'draft' ? 'draft' : 'submit';
      try {
        requireUser(request.actor);
        // A retried "submit" (double click, flaky connection) finds what the first one created.
        const earlier =
          !values.submissionId && action === 'submit'
            ? await submissions.ownByIdempotencyKey(request.actor, values.idempotencyKey ?? '')
            : undefined;
        if (earlier && earlier.status !== 'draft' && earlier.consultationId === consultation.id) {
          setFlash(reply, 'submission.flash.alreadySubmitted');
          return reply.redirect(`/my/submissions/${earlier.id}`, 303);
        }
        const input = draftInput(values, questions);
        const saved =
          action === 'draft'
            ? await submissions.saveDraft(request.actor, consultation.slug, input)
            : await submissions.submit(request.actor, consultation.slug, input);
        setFlash(
          reply,
          action === 'draft' ? 'submission.flash.draftSaved' : 'submission.flash.submitted',
        );
        return reply.redirect(
          action === 'draft' ? `/my/submissions/${saved.id}/edit` : `/my/submissions/${saved.id}`,
          303,
        );
      } catch (error) {
        return showForm(request, reply, consultation, values, refusal(error));
      }
    },
  );
};
