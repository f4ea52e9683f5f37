// Accreditation: the request form on a process page, and the secretariat's review page.
import { Form, SelectField, TextAreaField, emptyForm, type FormState } from '../../ui/forms.tsx';
import { stakeholderLabel } from '../../http/labels.ts';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { formatDate, type MessageKey, type Translate } from '../../i18n/i18n.ts';
import { PostButton } from '../../ui/buttons.tsx';
import type { AccreditationService, AccreditationStatus } from './accreditation.service.ts';

export interface RequestableOrganisation {
  slug: string;
  name: string;
  status: AccreditationStatus | null;
  /** Why the secretariat refused, shown to the organisation that asked. */
  reason: string | null;
}

type Requests = Awaited<ReturnType<AccreditationService['listForProcess']>>;

const STATUS_KEYS = {
  pending: 'secretariat.accreditation.pending',
  accepted: 'secretariat.accreditation.accepted',
  refused: 'secretariat.accreditation.refused',
} as const;

function statusLabel(t: Translate, status: string): string {
  const key = STATUS_KEYS[status as AccreditationStatus];
  return key ? t(key) : status;
}

function RequestForm(props: {
  ctx: ViewContext;
  processSlug: string;
  askable: RequestableOrganisation[];
  state: FormState;
}) {
  const { ctx, processSlug, askable, state } = props;
  const { t } = ctx;
  return (
    <Form
      ctx={ctx}
      action={`/processes/${processSlug}/accreditations/request`}
      state={state}
      submit={t('secretariat.accreditation.request')}
      fieldLabels={{
        organisation: t('secretariat.accreditation.organisation'),
        motivation: t('secretariat.accreditation.motivation'),
      }}
    >
      <SelectField
        ctx={ctx}
        state={state}
        name="organisation"
        label={t('secretariat.accreditation.organisation')}
        emptyLabel={t('org.choose')}
        options={askable.map((o) => ({ value: o.slug, label: o.name }))}
      />
      <TextAreaField
        ctx={ctx}
        state={state}
        name="motivation"
        label={t('secretariat.accreditation.motivation')}
        hint={t('secretariat.accreditation.motivationHint')}
        rows={4}
        maxLength={2000}
      />
    </Form>
  );
}

/** On the process page: owners and administrators of organisations ask for accreditation. */
export function AccreditationRequestSection(props: {
  ctx: ViewContext;
  processSlug: string;
  requestable: RequestableOrganisation[] | null;
  state: FormState | undefined;
}) {
  const { ctx, processSlug } = props;
  const { t } = ctx;
  const state = props.state ?? emptyForm;
  const askable = (props.requestable ?? []).filter(
    (o) => o.status === null || o.status === 'refused',
  );
  return (
    <section aria-labelledby="accreditation-title">
      <h2 id="accreditation-title">{t('secretariat.accreditation.requestTitle')}</h2>
      <p>{t('secretariat.accreditation.requestIntro')}</p>
      {props.requestable === null ? (
        <p>
          <a href={`/account/sign-in?next=${encodeURIComponent(`/processes/${processSlug}`)}`}>
            {t('secretariat.accreditation.signIn')}
          </a>
        </p>
      ) : props.requestable.length === 0 ? (
        <p>{t('secretariat.accreditation.noOrganisation')}</p>
      ) : (
        <>
          <ul class="links">
            {props.requestable.map((o) => (
              <li>
                {o.name}:{' '}
                {o.status ? statusLabel(t, o.status) : t('secretariat.accreditation.notRequested')}
                {o.status === 'refused' && o.reason && (
                  <span dir="auto">
                    {' '}
                    — {t('secretariat.accreditation.reasonGiven', { reason: o.reason })}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {askable.length > 0 && (
            <RequestForm ctx={ctx} processSlug={processSlug} askable={askable} state={state} />
          )}
        </>
      )}
    </section>
  );
}

function RefuseForm(props: {
  ctx: ViewContext;
  action: string;
  id: string;
  organisation: string;
  error: string | undefined;
  reason: string;
}) {
  const { ctx, id } = props;
  const { t } = ctx;
  return (
    <form method="post" action={props.action} class={props.error ? 'has-error' : undefined}>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="decision" value="refused" />
      <label for={`reason-${id}`}>{t('secretariat.accreditation.reason')}</label>
      {props.error && (
        <p class="field-error" id={`reason-error-${id}`}>
          {t(props.error as MessageKey)}
        </p>
      )}
      <textarea
        id={`reason-${id}`}
        name="reason"
        rows={2}
        maxLength={2000}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `reason-error-${id}` : undefined}
      >
        {props.reason}
      </textarea>
      <button
        type="submit"
        class="secondary"
        aria-label={t('secretariat.accreditation.refuseNamed', { name: props.organisation })}
      >
        {t('secretariat.accreditation.refuse')}
      </button>
    </form>
  );
}

function RequestRow(props: {
  ctx: ViewContext;
  processSlug: string;
  request: Requests[number];
  failed: FormState | undefined;
}) {
  const { ctx, request: r, failed } = props;
  const { t } = ctx;
  const action = `/processes/${props.processSlug}/accreditations/${r.id}/decide`;
  return (
    <tr id={`request-${r.id}`}>
      <td>
        <a href={`/organisations/${r.slug}`}>{r.name}</a>
        <br />
        {stakeholderLabel(t, r.stakeholderGroup)}
        <br />
        {t('secretariat.accreditation.requestedOn', {
          date: formatDate(ctx.locale, r.createdAt),
        })}
      </td>
      <td dir="auto">{r.motivation || '—'}</td>
      <td>
        {statusLabel(t, r.status)}
        {r.reason && (
          <p dir="auto">{t('secretariat.accreditation.reasonGiven', { reason: r.reason })}</p>
        )}
      </td>
      <td>
        {r.status !== 'accepted' && (
          <PostButton
            ctx={ctx}
            action={action}
            fields={{ decision: 'accepted' }}
            label={t('secretariat.accreditation.accept')}
            ariaLabel={t('secretariat.accreditation.acceptNamed', { name: r.name })}
          />
        )}
        {r.status !== 'refused' && (
          <RefuseForm
            ctx={ctx}
            action={action}
            id={r.id}
            organisation={r.name}
            error={failed?.errors.reason}
            reason={failed?.values.reason ?? ''}
          />
        )}
      </td>
    </tr>
  );
}

export function AccreditationsPage(props: {
  ctx: ViewContext;
  process: { slug: string; title: string };
  requests: Requests;
  failed?: { id: string; state: FormState } | undefined;
}) {
  const { ctx, process, failed } = props;
  const { t } = ctx;
  const title = t('secretariat.accreditations.title');
  return (
    <Layout ctx={ctx} title={`${title} — ${process.title}`} hasErrors={failed !== undefined}>
      <p>
        <a href={`/processes/${process.slug}`}>{process.title}</a>
      </p>
      <h1>{title}</h1>
      {failed && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t('errors.summaryTitle')}</h2>
          <p>
            <a href={`#reason-${failed.id}`}>
              {t((failed.state.errors.reason ?? 'errors.generic') as MessageKey)}
            </a>
          </p>
        </div>
      )}
      {props.requests.length === 0 ? (
        <p>{t('secretariat.accreditations.none')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('secretariat.accreditation.organisation')}</th>
              <th scope="col">{t('secretariat.accreditation.motivation')}</th>
              <th scope="col">{t('secretariat.accreditation.status')}</th>
              <th scope="col">{t('org.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.requests.map((r) => (
              <RequestRow
                ctx={ctx}
                processSlug={process.slug}
                request={r}
                failed={failed?.id === r.id ? failed.state : undefined}
              />
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
