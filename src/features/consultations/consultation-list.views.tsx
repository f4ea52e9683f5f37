// The list of consultations with its filters (a GET form, so it works without JavaScript and
// every filtered view has its own address).
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { languageName, phaseLabel } from '../../ui/consultation-labels.ts';
import type { ConsultationRecord } from './consultations.store.ts';
import { Facts } from './consultations.views.tsx';
import { PHASES, type Phase } from '../../shared/consultation-rules.ts';

export interface ListedConsultation {
  consultation: ConsultationRecord;
  phase: Phase;
  processTitle: string;
}

export interface ListFilter {
  process: string;
  phase: string;
  language: string;
}

function FilterForm({
  ctx,
  filter,
  processes,
}: {
  ctx: ViewContext;
  filter: ListFilter;
  processes: Array<{ slug: string; title: string }>;
}) {
  const { t, locale } = ctx;
  const select = (
    name: keyof ListFilter,
    label: string,
    options: Array<{ value: string; label: string }>,
  ) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{t('consult.filter.any')}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === filter[name]}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action="/consultations" role="search" aria-label={t('consult.filter.title')}>
      {select(
        'process',
        t('consult.filter.process'),
        processes.map((p) => ({ value: p.slug, label: p.title })),
      )}
      {select(
        'phase',
        t('consult.filter.phase'),
        PHASES.filter((p) => p !== 'draft').map((p) => ({ value: p, label: phaseLabel(t, p) })),
      )}
      {select(
        'language',
        t('consult.filter.language'),
        LOCALES.map((l) => ({ value: l, label: languageName(locale, l) })),
      )}
      <button type="submit">{t('consult.filter.submit')}</button>
    </form>
  );
}

function ListSection({
  ctx,
  id,
  title,
  items,
}: {
  ctx: ViewContext;
  id: string;
  title: string;
  items: ListedConsultation[];
}) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="consultations">
        {items.map(({ consultation: c, phase, processTitle }) => (
          <li>
            <h3>
              <a href={`/consultations/${c.slug}`}>{c.title}</a>
            </h3>
            <p class="hint">{processTitle}</p>
            <Facts ctx={ctx} c={c} phase={phase} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ConsultationListPage({
  ctx,
  items,
  filter,
  processes,
}: {
  ctx: ViewContext;
  items: ListedConsultation[];
  filter: ListFilter;
  processes: Array<{ slug: string; title: string }>;
}) {
  const { t } = ctx;
  const isPast = (p: Phase) => p === 'closed' || p === 'synthesis' || p === 'published';
  return (
    <Layout ctx={ctx} title={t('consult.list.title')}>
      <h1>{t('consult.list.title')}</h1>
      <p class="lead">{t('consult.list.intro')}</p>
      <FilterForm ctx={ctx} filter={filter} processes={processes} />
      {items.length === 0 && <p role="status">{t('consult.list.none')}</p>}
      <ListSection
        ctx={ctx}
        id="open-title"
        title={t('consult.list.open')}
        items={items.filter((i) => i.phase === 'open')}
      />
      <ListSection
        ctx={ctx}
        id="upcoming-title"
        title={t('consult.list.upcoming')}
        items={items.filter((i) => i.phase === 'upcoming')}
      />
      <ListSection
        ctx={ctx}
        id="past-title"
        title={t('consult.list.past')}
        items={items.filter((i) => isPast(i.phase))}
      />
    </Layout>
  );
}
