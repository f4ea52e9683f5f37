// Submission pages for readers and writers: a published submission (built only from a
// DisclosedSubmission, so the participation rule has already been applied), its public page, and
// the writing form with its two buttons.
import type { ComponentChildren } from 'preact';
import { SelectField, TextAreaField, type FormState } from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { dateInZone, languageName, ruleExplanation } from '../../ui/consultation-labels.ts';
import type { ConsultationRecord, QuestionRecord } from '../consultations/index.ts';
import type { DisclosedSubmission } from './disclosure.ts';
import { PublishedSubmission } from '../../ui/published-submission.tsx';

export function PublicSubmissionPage({
  ctx,
  consultation,
  submission,
}: {
  ctx: ViewContext;
  consultation: ConsultationRecord;
  submission: DisclosedSubmission;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('submission.pageTitle', { consultation: consultation.title })}>
      <p>
        <a href={`/consultations/${consultation.slug}`}>
          {t('submission.backTo', { consultation: consultation.title })}
        </a>
      </p>
      <h1>{t('submission.pageTitle', { consultation: consultation.title })}</h1>
      <p>{ruleExplanation(t, consultation.rule)}</p>
      <PublishedSubmission ctx={ctx} s={submission} />
    </Layout>
  );
}

export function NoticePage({
  ctx,
  title,
  body,
  status,
  children,
}: {
  ctx: ViewContext;
  title: MessageKey;
  body: MessageKey;
  status?: 'alert';
  children?: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t(title)}>
      <h1>{ctx.t(title)}</h1>
      <p role={status}>{ctx.t(body)}</p>
      {children}
    </Layout>
  );
}

export interface SubmissionFormProps {
  ctx: ViewContext;
  consultation: ConsultationRecord;
  questions: QuestionRecord[];
  organisations: Array<{ slug: string; name: string }>;
  state: FormState;
  /** A problem with the whole request (deadline, session, CSRF), not with one field. */
  general?: MessageKey | undefined;
  /** A submitted text being edited: one button, since every save is then a new version. */
  editingSubmitted?: boolean;
}

function ErrorSummary({
  ctx,
  state,
  general,
  labels,
}: {
  ctx: ViewContext;
  state: FormState;
  general: MessageKey | undefined;
  labels: Record<string, string>;
}) {
  const fields = Object.entries(state.errors);
  if (!general && fields.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{ctx.t('errors.summaryTitle')}</h2>
      <ul>
        {general && <li>{ctx.t(general)}</li>}
        {fields.map(([field, key]) => (
          <li>
            <a href={`#field-${field}`}>
              {labels[field] ? `${labels[field]}: ` : ''}
              {ctx.t(key as MessageKey)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Buttons({ ctx, editingSubmitted }: { ctx: ViewContext; editingSubmitted: boolean }) {
  const { t } = ctx;
  if (editingSubmitted) {
    return (
      <button type="submit" name="action" value="submit">
        {t('submission.form.saveChanges')}
      </button>
    );
  }
  // "Save draft" comes first so that pressing Enter in a field never submits by accident.
  return (
    <>
      <button type="submit" name="action" value="draft" class="secondary">
        {t('submission.form.saveDraft')}
      </button>{' '}
      <button type="submit" name="action" value="submit">
        {t('submission.form.submit')}
      </button>
    </>
  );
}

function Fields({
  ctx,
  state,
  questions,
  organisations,
  labels,
}: Pick<SubmissionFormProps, 'ctx' | 'state' | 'questions' | 'organisations'> & {
  labels: Record<'freeText' | 'language' | 'organisation', string>;
}) {
  const { t, locale } = ctx;
  return (
    <>
      {questions.map((q) => (
        <TextAreaField
          ctx={ctx}
          state={state}
          name={`answer-${q.id}`}
          label={t('submission.questionNumber', { number: q.position, question: q.text })}
          hint={q.help || undefined}
          rows={6}
          maxLength={20000}
        />
      ))}
      <TextAreaField
        ctx={ctx}
        state={state}
        name="freeText"
        label={labels.freeText}
        hint={t('submission.form.freeTextHint')}
        rows={8}
        maxLength={20000}
      />
      <SelectField
        ctx={ctx}
        state={state}
        name="language"
        label={labels.language}
        hint={t('submission.form.languageHint')}
        options={LOCALES.map((l) => ({ value: l, label: languageName(locale, l) }))}
      />
      <SelectField
        ctx={ctx}
        state={state}
        name="organisation"
        label={labels.organisation}
        emptyLabel={t('submission.form.myself')}
        options={organisations.map((o) => ({ value: o.slug, label: o.name }))}
      />
    </>
  );
}

export function SubmissionFormPage(props: SubmissionFormProps) {
  const { ctx, consultation, state } = props;
  const { t, locale } = ctx;
  const labels = {
    freeText: t('submission.form.freeText'),
    language: t('submission.form.language'),
    organisation: t('submission.form.behalf'),
  };
  const title = t('submission.form.title', { consultation: consultation.title });
  const deadline = dateInZone(t, locale, consultation.closesAt, consultation.timeZone);
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={props.general !== undefined || Object.keys(state.errors).length > 0}
    >
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} state={state} general={props.general} labels={labels} />
      <p>{t('submission.form.deadline', { deadline })}</p>
      <p>{ruleExplanation(t, consultation.rule)}</p>
      <form method="post" action={`/consultations/${consultation.slug}/submit`} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="idempotencyKey" value={state.values.idempotencyKey ?? ''} />
        {state.values.submissionId && (
          <input type="hidden" name="submissionId" value={state.values.submissionId} />
        )}
        <Fields
          ctx={ctx}
          state={state}
          questions={props.questions}
          organisations={props.organisations}
          labels={labels}
        />
        <Buttons ctx={ctx} editingSubmitted={props.editingSubmitted ?? false} />
      </form>
    </Layout>
  );
}
