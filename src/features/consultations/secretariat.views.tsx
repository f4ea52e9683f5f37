// The secretariat's consultation form: create and edit, with a server-side preview of the context
// and a list of questions that works without JavaScript. (The dashboard is in dashboard.views.tsx.)
import {
  ChoiceFieldset,
  Form,
  InputField,
  SelectField,
  TextAreaField,
  TextField,
  type FormState,
} from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { LOCALES, LOCALE_NAMES } from '../../i18n/locales.ts';
import { ELIGIBILITIES, PARTICIPATION_RULES, type Phase } from '../../shared/consultation-rules.ts';
import { PostButton } from '../../ui/buttons.tsx';
import { Markdown } from '../../ui/markdown.tsx';
import { phaseLabel } from '../../ui/consultation-labels.ts';
import { eligibilityLabel, ruleLabel } from '../../ui/secretariat-labels.ts';

/** UTC first (the default), then every zone the runtime knows. */
const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

export interface ConsultationFormModel {
  mode: 'new' | 'edit';
  action: string;
  process: { slug: string; title: string };
  /** The consultation being edited: its rule is locked once published. */
  consultation: {
    slug: string;
    title: string;
    publishedAt: string | null;
    rule: string;
    phase: Phase;
  } | null;
  state: FormState;
  languages: string[];
  /** Question fieldsets to show, filled ones first (two empty ones follow). */
  questionSlots: number;
  invitees: string[];
  /** Set when the secretariat pressed "Preview": the context as it will be shown. */
  preview: string | null;
}

function QuestionFields({
  ctx,
  state,
  slots,
}: {
  ctx: ViewContext;
  state: FormState;
  slots: number;
}) {
  const { t } = ctx;
  const error = state.errors.questions;
  return (
    <fieldset id="field-questions" class={error ? 'field has-error' : 'field'} tabindex={-1}>
      <legend>{t('secretariat.questions.title')}</legend>
      <p class="hint">{t('secretariat.questions.hint')}</p>
      {error && <p class="field-error">{t(error as 'errors.required')}</p>}
      {Array.from({ length: slots }, (_, i) => {
        const n = i + 1;
        return (
          <fieldset class="field">
            <legend>{t('secretariat.questions.number', { n })}</legend>
            <input type="hidden" name={`q${n}-id`} value={state.values[`q${n}-id`] ?? ''} />
            <TextAreaField
              ctx={ctx}
              state={state}
              name={`q${n}-text`}
              label={t('secretariat.questions.text')}
              rows={2}
              maxLength={1000}
            />
            <TextAreaField
              ctx={ctx}
              state={state}
              name={`q${n}-help`}
              label={t('secretariat.questions.help')}
              rows={2}
              maxLength={2000}
            />
            <InputField
              ctx={ctx}
              state={state}
              name={`q${n}-position`}
              type="number"
              min={1}
              label={t('secretariat.questions.position')}
              dir="ltr"
            />
          </fieldset>
        );
      })}
    </fieldset>
  );
}

function RuleField({ ctx, model }: { ctx: ViewContext; model: ConsultationFormModel }) {
  const { t } = ctx;
  const locked = model.consultation?.publishedAt ? model.consultation.rule : null;
  if (locked) {
    const { label, explanation } = ruleLabel(t, locked);
    return (
      <div class="field">
        <input type="hidden" name="rule" value={locked} />
        <p>
          <strong>{t('secretariat.rule.legend')}:</strong> {label} — {explanation}
        </p>
        <p class="hint">{t('secretariat.rule.locked')}</p>
      </div>
    );
  }
  const choices = PARTICIPATION_RULES.map((r) => ({ value: r, ...ruleLabel(t, r) }));
  return (
    <ChoiceFieldset
      ctx={ctx}
      state={model.state}
      name="rule"
      legend={t('secretariat.rule.legend')}
      hint={t('secretariat.rule.hint')}
      choices={choices.map((c) => ({ value: c.value, label: c.label, explanation: c.explanation }))}
    />
  );
}

/** Title and context; "Preview" re-renders the form with the context as it will be shown. */
function ContextFields({ ctx, model }: { ctx: ViewContext; model: ConsultationFormModel }) {
  const { t } = ctx;
  const { state } = model;
  return (
    <>
      <TextField
        ctx={ctx}
        state={state}
        name="title"
        label={t('secretariat.consultation.titleField')}
        maxLength={200}
      />
      <TextAreaField
        ctx={ctx}
        state={state}
        name="context"
        label={t('secretariat.consultation.context')}
        hint={t('secretariat.markdownHint')}
        rows={10}
        maxLength={50000}
      />
      <button type="submit" name="intent" value="preview" class="secondary">
        {t('secretariat.preview')}
      </button>
      {model.preview !== null && (
        <section aria-labelledby="preview-title" class="preview">
          <h2 id="preview-title">{t('secretariat.previewTitle')}</h2>
          <p role="status">{t('secretariat.previewNotSaved')}</p>
          <Markdown source={model.preview} />
        </section>
      )}
    </>
  );
}

/** Languages, who may submit, and the invitation list used when only invited people may. */
function WhoFields({ ctx, model }: { ctx: ViewContext; model: ConsultationFormModel }) {
  const { t } = ctx;
  const { state } = model;
  return (
    <>
      <ChoiceFieldset
        ctx={ctx}
        state={state}
        name="languages"
        legend={t('secretariat.consultation.languages')}
        multiple
        selected={model.languages}
        choices={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))}
      />
      <ChoiceFieldset
        ctx={ctx}
        state={state}
        name="eligibility"
        legend={t('secretariat.eligibility.legend')}
        choices={ELIGIBILITIES.map((e) => ({ value: e, ...eligibilityLabel(t, e) }))}
      />
      {model.invitees.length > 0 && (
        <p>{t('secretariat.invitees.current', { emails: model.invitees.join(', ') })}</p>
      )}
      <TextAreaField
        ctx={ctx}
        state={state}
        name="emails"
        label={t('secretariat.invitees.label')}
        hint={t('secretariat.invitees.hint')}
        rows={4}
      />
    </>
  );
}

/** Opening and closing as wall-clock times in a named time zone. */
function WhenFields({ ctx, model }: { ctx: ViewContext; model: ConsultationFormModel }) {
  const { t } = ctx;
  const { state } = model;
  return (
    <>
      <InputField
        ctx={ctx}
        state={state}
        name="opensAt"
        type="datetime-local"
        label={t('secretariat.consultation.opensAt')}
        dir="ltr"
      />
      <InputField
        ctx={ctx}
        state={state}
        name="closesAt"
        type="datetime-local"
        label={t('secretariat.consultation.closesAt')}
        dir="ltr"
      />
      <SelectField
        ctx={ctx}
        state={state}
        name="timeZone"
        label={t('secretariat.consultation.timeZone')}
        hint={t('secretariat.consultation.timeZoneHint')}
        options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
      />
    </>
  );
}

function ConsultationFields({ ctx, model }: { ctx: ViewContext; model: ConsultationFormModel }) {
  return (
    <>
      <ContextFields ctx={ctx} model={model} />
      <WhoFields ctx={ctx} model={model} />
      <RuleField ctx={ctx} model={model} />
      <WhenFields ctx={ctx} model={model} />
      <QuestionFields ctx={ctx} state={model.state} slots={model.questionSlots} />
    </>
  );
}

export function ConsultationFormPage({
  ctx,
  model,
}: {
  ctx: ViewContext;
  model: ConsultationFormModel;
}) {
  const { t } = ctx;
  const c = model.consultation;
  const title = c
    ? t('secretariat.consultation.edit', { title: c.title })
    : t('secretariat.consultation.new');
  const labels = {
    title: t('secretariat.consultation.titleField'),
    context: t('secretariat.consultation.context'),
    languages: t('secretariat.consultation.languages'),
    eligibility: t('secretariat.eligibility.legend'),
    emails: t('secretariat.invitees.label'),
    rule: t('secretariat.rule.legend'),
    opensAt: t('secretariat.consultation.opensAt'),
    closesAt: t('secretariat.consultation.closesAt'),
    timeZone: t('secretariat.consultation.timeZone'),
    questions: t('secretariat.questions.title'),
  };
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(model.state.errors).length > 0}>
      <p>
        <a href={`/processes/${model.process.slug}`}>{model.process.title}</a>
        {c && (
          <>
            {' · '}
            <a href={`/consultations/${c.slug}/dashboard`}>{t('secretariat.dashboard.title')}</a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      {c && <p>{t('secretariat.phaseIs', { phase: phaseLabel(t, c.phase) })}</p>}
      <Form
        ctx={ctx}
        action={model.action}
        state={model.state}
        submit={t('secretariat.save')}
        fieldLabels={labels}
      >
        <ConsultationFields ctx={ctx} model={model} />
      </Form>
      {c && !c.publishedAt && (
        <section aria-labelledby="publish-title">
          <h2 id="publish-title">{t('secretariat.publish.title')}</h2>
          <p>{t('secretariat.publish.explained')}</p>
          <PostButton
            ctx={ctx}
            action={`/consultations/${c.slug}/publish`}
            label={t('secretariat.publish.submit')}
          />
        </section>
      )}
    </Layout>
  );
}
