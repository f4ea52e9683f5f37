// The facilitator's pages: conversation settings, seeding statements, moderation and exports.
// Statements are listed without their authors under every rule: moderation judges the words.
import { Form, SelectField, TextAreaField, TextField, type FormState } from '../../ui/forms.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { ConversationRecord, StatementRecord } from './deliberation.store.ts';
import { base, DeliberationLayout } from './deliberation.views.tsx';
import { POLIS_FILES } from './polis-io.ts';

export function settingsValues(
  c: ConversationRecord | undefined,
  consultation: ConsultationRecord,
): Record<string, string> {
  return {
    topic: c?.topic ?? consultation.title,
    description: c?.description ?? '',
    moderation: c?.moderation ?? 'after',
    allowGuests: c?.allowGuests ? 'yes' : 'no',
    allowStatements: c === undefined || c.allowStatements ? 'yes' : 'no',
  };
}

export function SettingsPage({
  ctx,
  consultation,
  exists,
  state,
}: {
  ctx: ViewContext;
  consultation: ConsultationRecord;
  exists: boolean;
  state: FormState;
}) {
  const { t } = ctx;
  const labels = {
    topic: t('delib.settings.topic'),
    description: t('delib.settings.description'),
    moderation: t('delib.settings.moderation'),
    allowGuests: t('delib.settings.allowGuests'),
    allowStatements: t('delib.settings.allowStatements'),
  };
  const yesNo = [
    { value: 'yes', label: t('delib.settings.yes') },
    { value: 'no', label: t('delib.settings.no') },
  ];
  const title = exists ? t('delib.settings.editTitle') : t('delib.settings.newTitle');
  return (
    <DeliberationLayout ctx={ctx} title={title} hasErrors={Object.keys(state.errors).length > 0}>
      <p class="breadcrumb">
        <a href={`/consultations/${encodeURIComponent(consultation.slug)}`}>{consultation.title}</a>
      </p>
      <h1>{title}</h1>
      <Form
        ctx={ctx}
        action={`${base(consultation.slug)}/settings`}
        state={state}
        submit={t('delib.settings.submit')}
        fieldLabels={labels}
      >
        <TextField ctx={ctx} state={state} name="topic" label={labels.topic} maxLength={200} />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="description"
          label={labels.description}
          rows={4}
          maxLength={5000}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="moderation"
          label={labels.moderation}
          options={[
            { value: 'after', label: t('delib.settings.moderationAfter') },
            { value: 'before', label: t('delib.settings.moderationBefore') },
          ]}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="allowGuests"
          label={labels.allowGuests}
          hint={t('delib.settings.allowGuestsHint')}
          options={yesNo}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="allowStatements"
          label={labels.allowStatements}
          options={yesNo}
        />
      </Form>
      {exists && (
        <p>
          <a href={`${base(consultation.slug)}/moderation`}>{t('delib.facilitate.link')}</a>
        </p>
      )}
    </DeliberationLayout>
  );
}

function StatusLabel({ ctx, status }: { ctx: ViewContext; status: StatementRecord['status'] }) {
  const keys = {
    pending: 'delib.status.pending',
    accepted: 'delib.status.accepted',
    rejected: 'delib.status.rejected',
  } as const;
  return <span class={`status status-${status}`}>{ctx.t(keys[status])}</span>;
}

function ModerationRow({
  ctx,
  slug,
  statement,
}: {
  ctx: ViewContext;
  slug: string;
  statement: StatementRecord;
}) {
  const { t } = ctx;
  return (
    <tr>
      <td>{statement.number}</td>
      <td dir="auto">{statement.body}</td>
      <td>
        <StatusLabel ctx={ctx} status={statement.status} />
      </td>
      <td>
        <form
          method="post"
          action={`${base(slug)}/statements/${statement.number}/moderation`}
          class="inline"
        >
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          {statement.status !== 'accepted' && (
            <button
              type="submit"
              name="decision"
              value="accept"
              aria-label={t('delib.moderation.acceptNumbered', { number: statement.number })}
            >
              {t('delib.moderation.accept')}
            </button>
          )}{' '}
          {statement.status !== 'rejected' && (
            <button
              type="submit"
              name="decision"
              value="reject"
              class="secondary"
              aria-label={t('delib.moderation.rejectNumbered', { number: statement.number })}
            >
              {t('delib.moderation.reject')}
            </button>
          )}
        </form>
      </td>
    </tr>
  );
}

export function ModerationPage({
  ctx,
  consultation,
  conversation,
  statements,
  seedState,
}: {
  ctx: ViewContext;
  consultation: ConsultationRecord;
  conversation: ConversationRecord;
  statements: StatementRecord[];
  seedState: FormState;
}) {
  const { t } = ctx;
  const slug = consultation.slug;
  const pending = statements.filter((s) => s.status === 'pending').length;
  return (
    <DeliberationLayout
      ctx={ctx}
      title={t('delib.moderation.title')}
      hasErrors={Object.keys(seedState.errors).length > 0}
    >
      <p class="breadcrumb">
        <a href={base(slug)}>{conversation.topic}</a>
      </p>
      <h1>{t('delib.moderation.title')}</h1>
      <p>
        <a href={`${base(slug)}/settings`}>{t('delib.settings.editTitle')}</a> ·{' '}
        <a href={`${base(slug)}/results`}>{t('delib.results.link')}</a>
      </p>
      <h2>{t('delib.seed.heading')}</h2>
      <Form
        ctx={ctx}
        action={`${base(slug)}/seed`}
        state={seedState}
        submit={t('delib.seed.submit')}
        fieldLabels={{ statements: t('delib.seed.label') }}
      >
        <TextAreaField
          ctx={ctx}
          state={seedState}
          name="statements"
          label={t('delib.seed.label')}
          hint={t('delib.seed.hint')}
          rows={5}
        />
      </Form>
      <h2>{t('delib.moderation.heading')}</h2>
      <p>
        {t(
          conversation.moderation === 'before'
            ? 'delib.moderation.explainBefore'
            : 'delib.moderation.explainAfter',
          { pending },
        )}
      </p>
      <table>
        <caption>{t('delib.moderation.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('delib.moderation.number')}</th>
            <th scope="col">{t('delib.moderation.statement')}</th>
            <th scope="col">{t('delib.moderation.status')}</th>
            <th scope="col">{t('delib.moderation.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {statements.map((s) => (
            <ModerationRow ctx={ctx} slug={slug} statement={s} />
          ))}
        </tbody>
      </table>
      <h2>{t('delib.export.heading')}</h2>
      <p>{t('delib.export.explain')}</p>
      <ul class="links">
        {POLIS_FILES.map((f) => (
          <li>
            <a href={`${base(slug)}/export/${f}`} download={f}>
              {f}
            </a>
          </li>
        ))}
      </ul>
    </DeliberationLayout>
  );
}
