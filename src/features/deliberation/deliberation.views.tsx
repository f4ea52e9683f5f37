// The conversation page: one statement at a time with three buttons (a plain form, so it works
// without JavaScript; vote.js sends the same form with fetch and swaps the statement in place),
// a form to add a statement, and the guest form when the facilitator allows guests.
import type { ComponentChildren } from 'preact';
import { assetPath } from '../../http/assets.ts';
import { Form, SelectField, TextAreaField, type FormState } from '../../ui/forms.tsx';
import { stakeholderLabel } from '../../http/labels.ts';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { countryOptions } from '../../shared/geography.ts';
import { STAKEHOLDER_GROUPS } from '../../shared/stakeholders.ts';
import type { DeliberationService } from './deliberation.service.ts';
import { MAX_STATEMENT_LENGTH } from './deliberation.service.ts';

export type ConversationPageView = Awaited<ReturnType<DeliberationService['conversationPage']>> & {
  canFacilitate: boolean;
};

export function base(slug: string): string {
  return `/consultations/${encodeURIComponent(slug)}/conversation`;
}

/** Page frame for deliberation pages: the shared layout plus this feature's stylesheet. */
export function DeliberationLayout(props: {
  ctx: ViewContext;
  title: string;
  hasErrors?: boolean;
  /** The page's own script, if any: vote.js on the conversation, results.js on the results. */
  script?: 'vote.js' | 'results.js';
  children: ComponentChildren;
}) {
  return (
    <Layout ctx={props.ctx} title={props.title} hasErrors={props.hasErrors}>
      <link rel="stylesheet" href={assetPath('deliberation.css')} />
      {props.script && <script src={assetPath(props.script)} defer />}
      {props.children}
    </Layout>
  );
}

function VoteCard({
  ctx,
  view,
  error,
}: {
  ctx: ViewContext;
  view: ConversationPageView;
  error?: string | undefined;
}) {
  const { t } = ctx;
  const next = view.next;
  const action = `${base(view.consultation.slug)}/votes`;
  return (
    <section class="vote-card" aria-labelledby="vote-heading">
      <h2 id="vote-heading">{t('delib.vote.heading')}</h2>
      <p
        class="vote-status"
        role="status"
        aria-live="polite"
        data-done={t('delib.vote.allDone')}
        data-saved={t('delib.vote.saved')}
        data-failed={t('delib.vote.failed')}
      />
      {error && <p class="field-error">{error}</p>}
      {next ? (
        <form method="post" action={action} class="vote-form" data-vote-form>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <input type="hidden" name="statement" value={String(next.number)} />
          <p class="statement" id="statement-text" dir="auto">
            {next.body}
          </p>
          <div class="vote-buttons" role="group" aria-labelledby="statement-text">
            <button type="submit" name="vote" value="agree">
              {t('delib.vote.agree')}
            </button>
            <button type="submit" name="vote" value="disagree">
              {t('delib.vote.disagree')}
            </button>
            <button type="submit" name="vote" value="pass" class="secondary">
              {t('delib.vote.pass')}
            </button>
          </div>
        </form>
      ) : (
        <p>{t('delib.vote.allDone')}</p>
      )}
      <details class="hint">
        <summary>{t('delib.order.summary')}</summary>
        <p>{t('delib.order.rule')}</p>
      </details>
    </section>
  );
}

function GuestForm({
  ctx,
  view,
  state,
}: {
  ctx: ViewContext;
  view: ConversationPageView;
  state: FormState;
}) {
  const { t } = ctx;
  const labels = {
    stakeholderGroup: t('delib.guest.stakeholderGroup'),
    country: t('delib.guest.country'),
  };
  return (
    <section aria-labelledby="guest-heading">
      <h2 id="guest-heading">{t('delib.guest.heading')}</h2>
      <p>{t('delib.guest.intro')}</p>
      <Form
        ctx={ctx}
        action={`${base(view.consultation.slug)}/guest`}
        state={state}
        submit={t('delib.guest.submit')}
        fieldLabels={labels}
      >
        <SelectField
          ctx={ctx}
          state={state}
          name="stakeholderGroup"
          label={labels.stakeholderGroup}
          emptyLabel={t('delib.guest.notSaid')}
          options={STAKEHOLDER_GROUPS.map((g) => ({ value: g, label: stakeholderLabel(t, g) }))}
        />
        <SelectField
          ctx={ctx}
          state={state}
          name="country"
          label={labels.country}
          emptyLabel={t('delib.guest.notSaid')}
          options={countryOptions(ctx.locale).map((c) => ({ value: c.code, label: c.name }))}
        />
      </Form>
      <p>
        <a href={`/account/sign-in?next=${encodeURIComponent(base(view.consultation.slug))}`}>
          {t('delib.guest.orSignIn')}
        </a>
      </p>
    </section>
  );
}

function StatementForm({
  ctx,
  view,
  state,
}: {
  ctx: ViewContext;
  view: ConversationPageView;
  state: FormState;
}) {
  const { t } = ctx;
  const labels = { body: t('delib.write.label') };
  const hint =
    view.conversation.moderation === 'before'
      ? t('delib.write.hintBefore', { max: MAX_STATEMENT_LENGTH })
      : t('delib.write.hintAfter', { max: MAX_STATEMENT_LENGTH });
  return (
    <section aria-labelledby="write-heading">
      <h2 id="write-heading">{t('delib.write.heading')}</h2>
      <Form
        ctx={ctx}
        action={`${base(view.consultation.slug)}/statements`}
        state={state}
        submit={t('delib.write.submit')}
        fieldLabels={labels}
      >
        <TextAreaField
          ctx={ctx}
          state={state}
          name="body"
          label={labels.body}
          hint={hint}
          rows={3}
          maxLength={MAX_STATEMENT_LENGTH}
        />
      </Form>
    </section>
  );
}

export interface ConversationForms {
  vote?: string | undefined;
  guest?: FormState;
  statement?: FormState;
}

function Participation({
  ctx,
  view,
  forms,
}: {
  ctx: ViewContext;
  view: ConversationPageView;
  forms: ConversationForms;
}) {
  const { t } = ctx;
  const empty = { values: {}, errors: {} };
  switch (view.standing) {
    case 'closed':
      return <p class="notice">{t('delib.closed')}</p>;
    case 'sign-in':
      return (
        <p class="notice">
          <a href={`/account/sign-in?next=${encodeURIComponent(base(view.consultation.slug))}`}>
            {t('delib.signInToTakePart')}
          </a>
        </p>
      );
    case 'not-eligible':
      return <p class="notice">{t('delib.notEligible')}</p>;
    case 'join-as-guest':
      return <GuestForm ctx={ctx} view={view} state={forms.guest ?? empty} />;
    default:
      return (
        <>
          <VoteCard ctx={ctx} view={view} error={forms.vote} />
          {view.conversation.allowStatements && (
            <StatementForm ctx={ctx} view={view} state={forms.statement ?? empty} />
          )}
        </>
      );
  }
}

export function ConversationPage({
  ctx,
  view,
  forms = {},
}: {
  ctx: ViewContext;
  view: ConversationPageView;
  forms?: ConversationForms;
}) {
  const { t } = ctx;
  const slug = view.consultation.slug;
  const hasErrors =
    Boolean(forms.vote) ||
    Object.keys(forms.guest?.errors ?? {}).length > 0 ||
    Object.keys(forms.statement?.errors ?? {}).length > 0;
  return (
    <DeliberationLayout
      ctx={ctx}
      title={view.conversation.topic}
      hasErrors={hasErrors}
      script="vote.js"
    >
      <p class="breadcrumb">
        <a href={`/consultations/${encodeURIComponent(slug)}`}>{view.consultation.title}</a>
      </p>
      <h1 dir="auto">{view.conversation.topic}</h1>
      {view.conversation.description && (
        <p class="lead" dir="auto">
          {view.conversation.description}
        </p>
      )}
      <p class="hint">{t('delib.privacy')}</p>
      <Participation ctx={ctx} view={view} forms={forms} />
      <h2>{t('delib.results.heading')}</h2>
      <p>
        <a href={`${base(slug)}/results`}>{t('delib.results.link')}</a>
      </p>
      {view.canFacilitate && (
        <p>
          <a href={`${base(slug)}/moderation`}>{t('delib.facilitate.link')}</a>
        </p>
      )}
    </DeliberationLayout>
  );
}
