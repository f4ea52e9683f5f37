// Response pages: the public "how the inputs were used" table (disclosed submissions only: a
// name appears only when the disclosed submission carries one), the secretariat's list and form,
// and the section on the author's own submission page.
import { Form, TextAreaField, type FormState } from '../../ui/forms.tsx';
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { numberFormat } from '../../i18n/formatters.ts';
import { dayLabel } from '../../ui/consultation-labels.ts';
import { sectionHeading, type ReportItem } from '../reports/index.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';
import { PublishedSubmission } from '../../ui/published-submission.tsx';
import { OUTCOME_KEYS } from './outcomes.ts';
import type { ResponsesService } from './responses.service.ts';
import { OUTCOMES, type Outcome } from './responses.store.ts';

type PublicView = Awaited<ReturnType<ResponsesService['publicTable']>>;
type ManageView = Awaited<ReturnType<ResponsesService['manageList']>>;
type FormView = Awaited<ReturnType<ResponsesService['responseForm']>>;
type OwnResponse = NonNullable<Awaited<ReturnType<ResponsesService['forAuthor']>>>;

const EXCERPT = 120;

function excerpt(s: DisclosedSubmission): string {
  const text = [s.freeText, ...s.answers.map((a) => a.text)].join(' ').replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
}

function ContributionCell({ ctx, s }: { ctx: ViewContext; s: DisclosedSubmission }) {
  const day = s.publishedOn ? dayLabel(ctx.locale, s.publishedOn) : '';
  return (
    <>
      <a href={`/submissions/${s.id}`}>{ctx.t('submission.heading', { day })}</a>
      {s.author && <p class="hint">{s.author.displayName}</p>}
      <p lang={s.language}>{excerpt(s)}</p>
    </>
  );
}

/** Links from a response to the report items it fed (published items only). */
export function ItemLinks(props: { ctx: ViewContext; slug: string; items: ReportItem[] }) {
  const { ctx, slug, items } = props;
  if (items.length === 0) return <>—</>;
  return (
    <ul>
      {items.map((item) => (
        <li>
          <a href={`/consultations/${slug}/report#${item.section}`}>
            {sectionHeading(ctx.locale, item.section)}: {item.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

function OutcomeCounts({ ctx, view }: { ctx: ViewContext; view: PublicView }) {
  const { t } = ctx;
  const count = (o: Outcome) => view.rows.filter((r) => r.outcome === o).length;
  return (
    <dl class="facts">
      {OUTCOMES.map((o) => (
        <>
          <dt>{t(OUTCOME_KEYS[o])}</dt>
          <dd>{numberFormat(ctx.locale).format(count(o))}</dd>
        </>
      ))}
    </dl>
  );
}

export function PublicResponsesPage({ ctx, view }: { ctx: ViewContext; view: PublicView }) {
  const { t } = ctx;
  const c = view.consultation;
  const title = t('reports.responses.public.title', { consultation: c.title });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/consultations/${c.slug}`}>{c.title}</a>
        {view.reportPublished && (
          <>
            {' · '}
            <a href={`/consultations/${c.slug}/report`}>{t('reports.nav.published')}</a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      <p>
        {t('reports.responses.public.intro', { answered: view.rows.length, total: view.published })}
      </p>
      {view.rows.length === 0 ? (
        <p>{t('reports.responses.public.none')}</p>
      ) : (
        <>
          <OutcomeCounts ctx={ctx} view={view} />
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.responses.column.contribution')}</th>
                <th scope="col">{t('reports.responses.column.outcome')}</th>
                <th scope="col">{t('reports.responses.column.explanation')}</th>
                <th scope="col">{t('reports.responses.column.items')}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr>
                  <td>
                    <ContributionCell ctx={ctx} s={row.submission} />
                  </td>
                  <td>{t(OUTCOME_KEYS[row.outcome])}</td>
                  <td>{row.explanation}</td>
                  <td>
                    <ItemLinks ctx={ctx} slug={c.slug} items={row.items} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}

export function ManageResponsesPage({ ctx, view }: { ctx: ViewContext; view: ManageView }) {
  const { t } = ctx;
  const c = view.consultation;
  const title = t('reports.responses.manage.title', { consultation: c.title });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/consultations/${c.slug}/report/draft`}>{t('reports.coding.backToDraft')}</a> ·{' '}
        <a href={`/consultations/${c.slug}/responses`}>{t('reports.public.responses')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('reports.responses.manage.intro')}</p>
      <table>
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.responses.column.contribution')}</th>
            <th scope="col">{t('reports.responses.column.outcome')}</th>
            <th scope="col">{t('reports.responses.column.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr>
              <td>
                <ContributionCell ctx={ctx} s={row.submission} />
              </td>
              <td>
                {row.response
                  ? t(OUTCOME_KEYS[row.response.outcome])
                  : t('reports.responses.manage.pending')}
              </td>
              <td>
                <a href={`/consultations/${c.slug}/responses/manage/${row.submission.id}`}>
                  {row.response
                    ? t('reports.responses.manage.change')
                    : t('reports.responses.manage.respond')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

function Choices(props: {
  ctx: ViewContext;
  state: FormState;
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: Array<{ value: string; label: string }>;
  checked: (value: string) => boolean;
}) {
  const { ctx, state, name } = props;
  const error = state.errors[name];
  return (
    <fieldset id={`field-${name}`} aria-describedby={error ? `error-${name}` : undefined}>
      <legend>{props.legend}</legend>
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {ctx.t(error as 'errors.required')}
        </p>
      )}
      {props.options.map((o, i) => (
        <div class="field">
          <input
            type={props.type}
            id={`${name}-${i}`}
            name={name}
            value={o.value}
            checked={props.checked(o.value)}
          />
          <label for={`${name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function ResponseFormPage(props: {
  ctx: ViewContext;
  view: FormView;
  state: FormState;
  chosenItems: string[];
}) {
  const { ctx, view, state } = props;
  const { t } = ctx;
  const c = view.consultation;
  const title = t('reports.responses.form.title');
  const labels = {
    outcome: t('reports.responses.column.outcome'),
    explanation: t('reports.responses.column.explanation'),
    reportItems: t('reports.responses.column.items'),
  };
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(state.errors).length > 0}>
      <p>
        <a href={`/consultations/${c.slug}/responses/manage`}>
          {t('reports.responses.manage.title', { consultation: c.title })}
        </a>
      </p>
      <h1>{title}</h1>
      <PublishedSubmission ctx={ctx} s={view.submission} level={2} />
      <Form
        ctx={ctx}
        action={`/consultations/${c.slug}/responses/manage/${view.submission.id}`}
        state={state}
        submit={t('reports.responses.form.submit')}
        fieldLabels={labels}
      >
        <Choices
          ctx={ctx}
          state={state}
          name="outcome"
          legend={labels.outcome}
          type="radio"
          options={OUTCOMES.map((o) => ({ value: o, label: t(OUTCOME_KEYS[o]) }))}
          checked={(v) => state.values.outcome === v}
        />
        <TextAreaField
          ctx={ctx}
          state={state}
          name="explanation"
          label={labels.explanation}
          hint={t('reports.responses.form.explanationHint')}
          rows={5}
        />
        {view.items.length === 0 ? (
          <p class="hint">{t('reports.responses.form.noItems')}</p>
        ) : (
          <Choices
            ctx={ctx}
            state={state}
            name="reportItems"
            legend={labels.reportItems}
            type="checkbox"
            options={view.items.map((i) => ({
              value: i.id,
              label: `${sectionHeading(ctx.locale, i.section)}: ${i.label}`,
            }))}
            checked={(v) => props.chosenItems.includes(v)}
          />
        )}
      </Form>
    </Layout>
  );
}

/** The response on the author's own submission page. */
export function OwnResponseSection({ ctx, response }: { ctx: ViewContext; response: OwnResponse }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="response-title">
      <h2 id="response-title">{t('reports.responses.own.title')}</h2>
      <p>
        <strong>{t(OUTCOME_KEYS[response.outcome])}</strong>
      </p>
      <p>{response.explanation}</p>
      {response.items.length > 0 && (
        <>
          <h3>{t('reports.responses.column.items')}</h3>
          <ItemLinks ctx={ctx} slug={response.consultationSlug} items={response.items} />
        </>
      )}
    </section>
  );
}
