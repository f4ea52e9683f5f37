// The author's own pages. These show the author's own records (they wrote them); anything about a
// third party's submission (a co-signature request) is a DisclosedSubmission.
import { Form, TextField, type FormState } from '../../ui/forms.tsx';
import { AttachmentsSection, type AttachmentsView } from '../attachments/index.ts';
import { OwnResponseSection, type ResponsesService } from '../responses/index.ts';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { dateInZone, dayLabel, languageName } from '../../ui/consultation-labels.ts';
import type { ConsultationRecord, QuestionRecord } from '../consultations/index.ts';
import type { Phase } from '../../shared/consultation-rules.ts';
import type { DisclosedSubmission } from './disclosure.ts';
import type { ContentFields, CosignatureRecord, SubmissionRecord } from './submissions.store.ts';
import { Paragraphs, PublishedSubmission } from '../../ui/published-submission.tsx';
import { rejectionLabel } from '../../ui/secretariat-labels.ts';

export const STATUS_KEYS = {
  draft: 'submission.status.draft',
  submitted: 'submission.status.submitted',
  published: 'submission.status.published',
  rejected: 'submission.status.rejected',
  withdrawn: 'submission.status.withdrawn',
} as const;

export const COSIGN_KEYS = {
  invited: 'cosign.status.invited',
  confirmed: 'cosign.status.confirmed',
  declined: 'cosign.status.declined',
} as const;

export function MySubmissionsPage({
  ctx,
  submissions,
  consultations,
}: {
  ctx: ViewContext;
  submissions: SubmissionRecord[];
  consultations: Map<string, { slug: string; title: string }>;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('my.submissions.title')}>
      <h1>{t('my.submissions.title')}</h1>
      {submissions.length === 0 ? (
        <p>{t('my.submissions.none')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('my.submissions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('my.submissions.consultation')}</th>
              <th scope="col">{t('my.submissions.status')}</th>
              <th scope="col">{t('my.submissions.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {submissions.map((s) => (
              <tr>
                <td>
                  <a href={`/my/submissions/${s.id}`}>
                    {consultations.get(s.consultationId)?.title ?? t('my.submissions.untitled')}
                  </a>
                </td>
                <td>{t(STATUS_KEYS[s.status])}</td>
                <td>{dayLabel(locale, s.updatedAt.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/my/cosignatures">{t('cosign.title')}</a> ·{' '}
        <a href="/my/notifications">{t('notifications.title')}</a>
      </p>
    </Layout>
  );
}

export interface OwnView {
  submission: SubmissionRecord;
  answers: Array<{ questionId: string; text: string }>;
  cosignatures: CosignatureRecord[];
  versions: Array<{ version: number; content: ContentFields; createdAt: string }>;
  consultation: ConsultationRecord;
  questions: QuestionRecord[];
  organisation: { name: string } | null;
  attachmentsView: AttachmentsView;
  /** How the secretariat took the submission into account, once recorded. */
  response?: Awaited<ReturnType<ResponsesService['forAuthor']>>;
  phase: Phase;
}

function OwnContent({
  ctx,
  content,
  questions,
}: {
  ctx: ViewContext;
  content: ContentFields;
  questions: QuestionRecord[];
}) {
  const { t } = ctx;
  return (
    <>
      {questions.map((q) => {
        const answer = content.answers.find((a) => a.questionId === q.id);
        return answer ? (
          <>
            <h3>{t('submission.questionNumber', { number: q.position, question: q.text })}</h3>
            <Paragraphs text={answer.text} lang={content.language} />
          </>
        ) : null;
      })}
      {content.freeText && (
        <>
          <h3>{t('submission.freeText')}</h3>
          <Paragraphs text={content.freeText} lang={content.language} />
        </>
      )}
    </>
  );
}

function Cosignatories({
  ctx,
  view,
  state,
}: {
  ctx: ViewContext;
  view: OwnView;
  state: FormState;
}) {
  const { t } = ctx;
  const label = t('cosign.invite.organisation');
  return (
    <section aria-labelledby="cosign-title">
      <h2 id="cosign-title">{t('cosign.section')}</h2>
      {view.cosignatures.length === 0 ? (
        <p>{t('cosign.noneYet')}</p>
      ) : (
        <ul>
          {view.cosignatures.map((c) => (
            <li>
              {t('cosign.line', {
                organisation: c.organisationName,
                status: t(COSIGN_KEYS[c.status]),
              })}
            </li>
          ))}
        </ul>
      )}
      <p class="hint">{t('cosign.publicNote')}</p>
      {view.phase === 'open' && view.submission.status !== 'withdrawn' && (
        <Form
          ctx={ctx}
          action={`/my/submissions/${view.submission.id}/cosignatories`}
          state={state}
          submit={t('cosign.invite.submit')}
          fieldLabels={{ organisation: label }}
        >
          <TextField
            ctx={ctx}
            state={state}
            name="organisation"
            label={label}
            hint={t('cosign.invite.hint')}
            dir="ltr"
          />
        </Form>
      )}
    </section>
  );
}

export function MySubmissionPage({
  ctx,
  view,
  inviteState,
}: {
  ctx: ViewContext;
  view: OwnView;
  inviteState: FormState;
}) {
  const { t, locale } = ctx;
  const { submission: s, consultation: c } = view;
  const title = t('my.submission.title', { consultation: c.title });
  const editable = view.phase === 'open' && s.status !== 'withdrawn' && s.status !== 'rejected';
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(inviteState.errors).length > 0}>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{t('my.submissions.status')}</dt>
        <dd>{t(STATUS_KEYS[s.status])}</dd>
        <dt>{t('submission.form.behalf')}</dt>
        <dd>{view.organisation?.name ?? t('submission.form.myself')}</dd>
        <dt>{t('submission.form.language')}</dt>
        <dd>{languageName(locale, s.language)}</dd>
        <dt>{t('consult.facts.deadline')}</dt>
        <dd>{dateInZone(t, locale, c.closesAt, c.timeZone)}</dd>
      </dl>
      {s.status === 'rejected' && (
        <p>
          {t('my.submission.rejected', {
            reason: rejectionLabel(t, s.rejectionCategory ?? 'other'),
            note: s.rejectionNote ?? '',
          })}
        </p>
      )}
      {s.status === 'published' && (
        <p>
          <a href={`/submissions/${s.id}`}>{t('my.submission.publicPage')}</a>
        </p>
      )}
      <ul class="links">
        {editable && (
          <li>
            <a class="button" href={`/my/submissions/${s.id}/edit`}>
              {t('my.submission.edit')}
            </a>
          </li>
        )}
        {s.status !== 'withdrawn' && (
          <li>
            <a href={`/my/submissions/${s.id}/withdraw`}>{t('my.submission.withdraw')}</a>
          </li>
        )}
      </ul>
      {!editable && s.status !== 'withdrawn' && <p>{t('my.submission.editClosed')}</p>}
      {view.response && <OwnResponseSection ctx={ctx} response={view.response} />}
      <section aria-labelledby="text-title">
        <h2 id="text-title">{t('my.submission.text')}</h2>
        <OwnContent
          ctx={ctx}
          content={{ language: s.language, freeText: s.freeText, answers: view.answers }}
          questions={view.questions}
        />
      </section>
      <AttachmentsSection ctx={ctx} view={view.attachmentsView} />
      <Cosignatories ctx={ctx} view={view} state={inviteState} />
      {view.versions.length > 0 && (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">{t('my.submission.versions')}</h2>
          {view.versions.map((v) => (
            <details>
              <summary>
                {t('my.submission.version', {
                  number: v.version,
                  date: dateInZone(t, locale, v.createdAt, c.timeZone),
                })}
              </summary>
              <OwnContent ctx={ctx} content={v.content} questions={view.questions} />
            </details>
          ))}
        </section>
      )}
    </Layout>
  );
}

export function WithdrawPage({
  ctx,
  id,
  consultation,
}: {
  ctx: ViewContext;
  id: string;
  consultation: ConsultationRecord;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('my.withdraw.title')}>
      <h1>{t('my.withdraw.title')}</h1>
      <p>{t('my.withdraw.body', { consultation: consultation.title })}</p>
      <form method="post" action={`/my/submissions/${id}/withdraw`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <button type="submit">{t('my.withdraw.confirm')}</button>
      </form>
      <p>
        <a href={`/my/submissions/${id}`}>{t('my.withdraw.cancel')}</a>
      </p>
    </Layout>
  );
}

type CosignatureRequest = {
  organisation: { name: string; slug: string };
  consultation: { slug: string; title: string };
  submission: DisclosedSubmission;
};

export function CosignaturesPage({
  ctx,
  requests,
}: {
  ctx: ViewContext;
  requests: CosignatureRequest[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('cosign.title')}>
      <h1>{t('cosign.title')}</h1>
      <p>{t('cosign.intro')}</p>
      {requests.length === 0 && <p>{t('cosign.none')}</p>}
      {requests.map((r) => (
        <section
          class="cosign-request"
          aria-label={t('cosign.requestFor', {
            organisation: r.organisation.name,
            consultation: r.consultation.title,
          })}
        >
          <h2>
            {t('cosign.requestFor', {
              organisation: r.organisation.name,
              consultation: r.consultation.title,
            })}
          </h2>
          <PublishedSubmission ctx={ctx} s={r.submission} level={3} />
          <form method="post" action={`/my/cosignatures/${r.submission.id}`} class="inline">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="organisation" value={r.organisation.slug} />
            <button type="submit" name="decision" value="confirmed">
              {t('cosign.confirm', { organisation: r.organisation.name })}
            </button>{' '}
            <button type="submit" name="decision" value="declined" class="secondary">
              {t('cosign.decline')}
            </button>
          </form>
        </section>
      ))}
    </Layout>
  );
}
