// The secretariat's dashboard of a consultation: phase, dates, submissions by status, the way to
// the moderation queue, and the phase changes that are possible now.
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { formatNumber } from '../../i18n/i18n.ts';
import { SUBMISSION_STATUSES } from '../../shared/consultation-rules.ts';
import type { Phase } from '../../shared/consultation-rules.ts';
import { PostButton } from '../../ui/buttons.tsx';
import { eligibilityLabel, ruleLabel, submissionStatusLabel } from '../../ui/secretariat-labels.ts';
import { dateInZone, phaseLabel } from '../../ui/consultation-labels.ts';

export interface DashboardModel {
  process: { slug: string; title: string };
  consultation: {
    slug: string;
    title: string;
    opensAt: string;
    closesAt: string;
    timeZone: string;
    rule: string;
    eligibility: string;
    publishedAt: string | null;
  };
  phase: Phase;
  counts: Record<string, number>;
  questions: number;
}

/** The phase moves the secretariat may make from here: closing early, then synthesis, then results. */
const NEXT_PHASES: Partial<Record<Phase, Array<'closed' | 'synthesis' | 'published'>>> = {
  open: ['closed'],
  closed: ['synthesis', 'published'],
  synthesis: ['published'],
};

function PhaseActions({ ctx, model }: { ctx: ViewContext; model: DashboardModel }) {
  const { t } = ctx;
  const next = NEXT_PHASES[model.phase] ?? [];
  if (!model.consultation.publishedAt) return <p>{t('secretariat.dashboard.notPublished')}</p>;
  if (next.length === 0) return <p>{t('secretariat.dashboard.noPhaseChange')}</p>;
  const labels = {
    closed: t('secretariat.advance.closed'),
    synthesis: t('secretariat.advance.synthesis'),
    published: t('secretariat.advance.published'),
  };
  return (
    <ul class="links">
      {next.map((phase) => (
        <li>
          <PostButton
            ctx={ctx}
            action={`/consultations/${model.consultation.slug}/phase`}
            fields={{ phase }}
            label={labels[phase]}
          />
        </li>
      ))}
    </ul>
  );
}

function Facts({ ctx, model }: { ctx: ViewContext; model: DashboardModel }) {
  const { t } = ctx;
  const c = model.consultation;
  return (
    <dl class="facts">
      <dt>{t('secretariat.dashboard.phase')}</dt>
      <dd>{phaseLabel(t, model.phase)}</dd>
      <dt>{t('secretariat.consultation.opensAt')}</dt>
      <dd>{dateInZone(t, ctx.locale, c.opensAt, c.timeZone)}</dd>
      <dt>{t('secretariat.consultation.closesAt')}</dt>
      <dd>{dateInZone(t, ctx.locale, c.closesAt, c.timeZone)}</dd>
      <dt>{t('secretariat.rule.legend')}</dt>
      <dd>{ruleLabel(t, c.rule).label}</dd>
      <dt>{t('secretariat.eligibility.legend')}</dt>
      <dd>{eligibilityLabel(t, c.eligibility).label}</dd>
      <dt>{t('secretariat.questions.title')}</dt>
      <dd>{formatNumber(ctx.locale, model.questions)}</dd>
    </dl>
  );
}

/** Submissions by status; each count carries its status so tests and scripts can read it. */
function Counts({ ctx, counts }: { ctx: ViewContext; counts: Record<string, number> }) {
  const { t } = ctx;
  return (
    <table>
      <caption>{t('secretariat.dashboard.counts')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('secretariat.dashboard.status')}</th>
          <th scope="col">{t('secretariat.dashboard.number')}</th>
        </tr>
      </thead>
      <tbody>
        {SUBMISSION_STATUSES.map((s) => (
          <tr>
            <th scope="row">{submissionStatusLabel(t, s)}</th>
            <td data-status={s}>{formatNumber(ctx.locale, counts[s] ?? 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DashboardPage({ ctx, model }: { ctx: ViewContext; model: DashboardModel }) {
  const { t } = ctx;
  const c = model.consultation;
  const waiting = model.counts.submitted ?? 0;
  return (
    <Layout ctx={ctx} title={`${t('secretariat.dashboard.title')} — ${c.title}`}>
      <p>
        <a href={`/processes/${model.process.slug}`}>{model.process.title}</a>
      </p>
      <h1>{t('secretariat.dashboard.heading', { title: c.title })}</h1>
      <Facts ctx={ctx} model={model} />
      <Counts ctx={ctx} counts={model.counts} />
      <p>
        <a class="button" href={`/consultations/${c.slug}/moderation`}>
          {t('secretariat.dashboard.moderate', { count: waiting })}
        </a>
      </p>
      <ul class="links">
        <li>
          <a href={`/consultations/${c.slug}/edit`}>{t('secretariat.dashboard.edit')}</a>
        </li>
        {c.publishedAt && (
          <li>
            <a href={`/consultations/${c.slug}`}>{t('secretariat.dashboard.publicPage')}</a>
          </li>
        )}
        {c.publishedAt && (
          <li>
            <a href={`/consultations/${c.slug}/conversation/settings`}>
              {t('delib.settings.editTitle')}
            </a>
          </li>
        )}
        {c.publishedAt && (
          <li>
            <a href={`/consultations/${c.slug}/report/draft`}>
              {t('reports.draft.title', { consultation: c.title })}
            </a>
          </li>
        )}
      </ul>
      <section aria-labelledby="phase-title">
        <h2 id="phase-title">{t('secretariat.dashboard.phaseTitle')}</h2>
        <PhaseActions ctx={ctx} model={model} />
      </section>
    </Layout>
  );
}
