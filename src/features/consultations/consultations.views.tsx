// Public consultation pages: the list with its filters, one consultation with its questions and
// published submissions, and its moderation log. Nothing here names a contributor unless the
// disclosed submissions carry the name.
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';
import { PublishedSubmission } from '../../ui/published-submission.tsx';
import {
  dateInZone,
  eligibilityExplanation,
  languageName,
  phaseLabel,
  ruleExplanation,
} from '../../ui/consultation-labels.ts';
import type { ConsultationRecord, QuestionRecord } from './consultations.store.ts';
import type { Phase } from '../../shared/consultation-rules.ts';
import { numberFormat } from '../../i18n/formatters.ts';
import { Markdown } from '../../ui/markdown.tsx';
import { rejectionLabel } from '../../ui/secretariat-labels.ts';

export function Facts({
  ctx,
  c,
  phase,
}: {
  ctx: ViewContext;
  c: ConsultationRecord;
  phase: Phase;
}) {
  const { t, locale } = ctx;
  return (
    <dl class="facts">
      <dt>{t('consult.facts.phase')}</dt>
      <dd>{phaseLabel(t, phase)}</dd>
      <dt>{t('consult.facts.opens')}</dt>
      <dd>{dateInZone(t, locale, c.opensAt, c.timeZone)}</dd>
      <dt>{t('consult.facts.deadline')}</dt>
      <dd>{dateInZone(t, locale, c.closesAt, c.timeZone)}</dd>
      <dt>{t('consult.facts.languages')}</dt>
      <dd>{c.languages.map((l) => languageName(locale, l)).join(', ')}</dd>
      <dt>{t('consult.facts.eligibility')}</dt>
      <dd>{eligibilityExplanation(t, c.eligibility)}</dd>
      <dt>{t('consult.facts.rule')}</dt>
      <dd>{ruleExplanation(t, c.rule)}</dd>
    </dl>
  );
}

/** What every reader of the consultation page sees alike, rendered once per content version. */
export interface ConsultationContentProps {
  /** Knows no reader: see sharedViewContext. */
  ctx: ViewContext;
  consultation: ConsultationRecord;
  processTitle: string;
  phase: Phase;
  /** The consultation's context, in Markdown. */
  context: string;
  questions: QuestionRecord[];
  submissions: DisclosedSubmission[];
  next: string | null;
  paged: boolean;
  /** Links to the report when one is published. */
  reportPublished?: boolean;
  /** Links to the conversation (statements to vote on) when there is one. */
  hasConversation?: boolean;
}

export interface ConsultationPageProps {
  ctx: ViewContext;
  consultation: ConsultationRecord;
  phase: Phase;
  participation: 'sign_in' | 'eligible' | 'not_eligible';
  /** The shared parts, rendered: ConsultationIntro and ConsultationBody. */
  content: { intro: string; body: string };
}

/** Where the consultation led: the published report and how each contribution was used. */
function Outcome({
  ctx,
  slug,
  reportPublished,
}: {
  ctx: ViewContext;
  slug: string;
  reportPublished: boolean;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t('reports.consult.outcome')}</h2>
      <ul class="links">
        {reportPublished && (
          <li>
            <a href={`/consultations/${slug}/report`}>{t('reports.nav.published')}</a>
          </li>
        )}
        <li>
          <a href={`/consultations/${slug}/responses`}>{t('reports.public.responses')}</a>
        </li>
      </ul>
    </section>
  );
}

function CallToAction({
  ctx,
  slug,
  phase,
  participation,
}: {
  ctx: ViewContext;
  slug: string;
  phase: Phase;
  participation: ConsultationPageProps['participation'];
}) {
  const { t } = ctx;
  if (phase !== 'open') return null;
  if (participation === 'eligible') {
    return (
      <p>
        <a class="button" href={`/consultations/${slug}/submit`}>
          {t('consult.cta.write')}
        </a>
      </p>
    );
  }
  if (participation === 'sign_in') {
    return (
      <p>
        <a href={`/account/sign-in?next=${encodeURIComponent(`/consultations/${slug}`)}`}>
          {t('consult.cta.signIn')}
        </a>
      </p>
    );
  }
  return <p>{t('consult.cta.notEligible')}</p>;
}

function SubmissionsSection(props: {
  ctx: ViewContext;
  slug: string;
  submissions: DisclosedSubmission[];
  next: string | null;
  paged: boolean;
}) {
  const { ctx, slug } = props;
  const { t } = ctx;
  return (
    <section aria-labelledby="submissions-title">
      <h2 id="submissions-title">{t('consult.submissions.title')}</h2>
      {props.submissions.length === 0 && <p>{t('consult.submissions.none')}</p>}
      {props.submissions.map((s) => (
        <PublishedSubmission ctx={ctx} s={s} level={3} />
      ))}
      <nav aria-label={t('consult.submissions.pages')}>
        <ul class="links">
          {props.paged && (
            <li>
              <a href={`/consultations/${slug}`}>{t('consult.submissions.newest')}</a>
            </li>
          )}
          {props.next && (
            <li>
              <a href={`/consultations/${slug}?before=${encodeURIComponent(props.next)}`}>
                {t('consult.submissions.older')}
              </a>
            </li>
          )}
        </ul>
      </nav>
    </section>
  );
}

/** Process, title and facts: above the reader's call to action. */
export function ConsultationIntro(
  props: Pick<ConsultationContentProps, 'ctx' | 'consultation' | 'processTitle' | 'phase'>,
) {
  const { ctx, consultation: c, phase } = props;
  return (
    <>
      <p class="hint">{props.processTitle}</p>
      <h1 dir="auto">{c.title}</h1>
      <Facts ctx={ctx} c={c} phase={phase} />
    </>
  );
}

/** Context, questions, links and the published submissions: below the call to action. */
export function ConsultationBody(props: ConsultationContentProps) {
  const { ctx, consultation: c, phase } = props;
  const { t } = ctx;
  return (
    <>
      {c.context && (
        <section aria-labelledby="context-title">
          <h2 id="context-title">{t('consult.context')}</h2>
          <Markdown source={props.context} />
        </section>
      )}
      <section aria-labelledby="questions-title">
        <h2 id="questions-title">{t('consult.questions')}</h2>
        <ol>
          {props.questions.map((q) => (
            <li>
              <p dir="auto">{q.text}</p>
              {q.help && (
                <p class="hint" dir="auto">
                  {q.help}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
      {props.hasConversation && phase !== 'draft' && (
        <section aria-labelledby="conversation-title">
          <h2 id="conversation-title">{ctx.t('delib.vote.heading')}</h2>
          <ul class="links">
            <li>
              <a href={`/consultations/${c.slug}/conversation`}>{ctx.t('delib.vote.heading')}</a>
            </li>
            <li>
              <a href={`/consultations/${c.slug}/conversation/results`}>
                {ctx.t('delib.results.link')}
              </a>
            </li>
          </ul>
        </section>
      )}
      {phase !== 'draft' && phase !== 'upcoming' && (
        <Outcome ctx={ctx} slug={c.slug} reportPublished={props.reportPublished ?? false} />
      )}
      {phase !== 'draft' && (
        <section aria-labelledby="open-data-title">
          <h2 id="open-data-title">{ctx.t('opendata.follow')}</h2>
          <ul class="links">
            <li>
              <a href={`/consultations/${c.slug}/feed.atom`} type="application/atom+xml">
                {ctx.t('opendata.feed')}
              </a>
            </li>
            <li>
              <a href={`/consultations/${c.slug}/submissions.csv`} download>
                {ctx.t('opendata.csv')}
              </a>
            </li>
            <li>
              <a href={`/consultations/${c.slug}/submissions.json`}>{ctx.t('opendata.json')}</a>
            </li>
          </ul>
        </section>
      )}
      <SubmissionsSection
        ctx={ctx}
        slug={c.slug}
        submissions={props.submissions}
        next={props.next}
        paged={props.paged}
      />
      <p>
        <a href={`/consultations/${c.slug}/moderation-log`}>{t('consult.modlog.link')}</a>
      </p>
    </>
  );
}

/**
 * The page around the shared parts: the reader's own header and call to action are rendered per
 * request, the rest comes rendered (src/http/fragment-cache.ts).
 */
export function ConsultationPage(props: ConsultationPageProps) {
  const { ctx, consultation: c, phase } = props;
  return (
    <Layout ctx={ctx} title={c.title}>
      <div class="consultation-intro" dangerouslySetInnerHTML={{ __html: props.content.intro }} />
      <CallToAction ctx={ctx} slug={c.slug} phase={phase} participation={props.participation} />
      <div class="consultation-body" dangerouslySetInnerHTML={{ __html: props.content.body }} />
    </Layout>
  );
}

export function ModerationLogPage({
  ctx,
  consultation,
  rows,
}: {
  ctx: ViewContext;
  consultation: ConsultationRecord;
  rows: Array<{ category: string; count: number }>;
}) {
  const { t } = ctx;
  const title = t('consult.modlog.title', { consultation: consultation.title });
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/consultations/${consultation.slug}`}>{consultation.title}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('consult.modlog.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('consult.modlog.none')}</p>
      ) : (
        <table>
          <caption>{t('consult.modlog.caption', { count: total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consult.modlog.reason')}</th>
              <th scope="col">{t('consult.modlog.count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{rejectionLabel(t, r.category)}</th>
                <td>{numberFormat(ctx.locale).format(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
