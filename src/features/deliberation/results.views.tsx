// The results page: the opinion map with its table, the opinion groups and what sets them apart,
// the statements with group-informed consensus, and the stakeholder heat map.
import { formatDate } from '../../i18n/i18n.ts';
import { stakeholderLabel } from '../../http/labels.ts';
import type { ViewContext } from '../../http/view-context.ts';
import { base, DeliberationLayout } from './deliberation.views.tsx';
import { GroupSwatch, groupLetter, OpinionMapSvg } from './opinion-map.svg.tsx';
import { STAKEHOLDER_COLUMNS, UNDECLARED, type HeatCell, type ResultsView } from './results.ts';
import { MIN_CELL, type PublishedCount } from './suppression.ts';

/** The same in every language: a symbol needs no translation. */
const SMALL_CELL = `< ${MIN_CELL}`;

function count(ctx: ViewContext, c: PublishedCount): string {
  if (c.kind === 'value') return c.value.toLocaleString(ctx.locale);
  return c.kind === 'small' ? SMALL_CELL : ctx.t('delib.cell.withheld');
}

function columnLabel(ctx: ViewContext, group: string): string {
  return group === UNDECLARED
    ? ctx.t('delib.stakeholder.undeclared')
    : stakeholderLabel(ctx.t, group);
}

function MapSection({ ctx, view }: { ctx: ViewContext; view: ResultsView }) {
  const { t } = ctx;
  if (!view.map) return <p>{t('delib.map.empty')}</p>;
  const ungrouped = view.map.points.filter((p) => p[2] < 0).length;
  return (
    <>
      <figure class="map-figure">
        <OpinionMapSvg t={t} points={view.map.points} groups={view.groups} />
        <figcaption>{t('delib.map.caption')}</figcaption>
      </figure>
      <table>
        <caption>{t('delib.groups.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('delib.groups.group')}</th>
            <th scope="col">{t('delib.groups.size')}</th>
            <th scope="col">{t('delib.groups.position')}</th>
          </tr>
        </thead>
        <tbody>
          {view.groups.map((g) => (
            <tr>
              <th scope="row">
                <GroupSwatch id={g.id} /> {t('delib.groups.name', { letter: groupLetter(g.id) })}
              </th>
              <td>{count(ctx, g.size)}</td>
              <td>
                {t('delib.groups.centre', { x: g.centre[0].toFixed(2), y: g.centre[1].toFixed(2) })}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              <GroupSwatch id={-1} /> {t('delib.groups.ungrouped')}
            </th>
            <td>{ungrouped.toLocaleString(ctx.locale)}</td>
            <td>—</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

function GroupsSection({ ctx, view }: { ctx: ViewContext; view: ResultsView }) {
  const { t } = ctx;
  return (
    <>
      {view.groups.map((g) => (
        <section aria-labelledby={`group-${g.id}`}>
          <h3 id={`group-${g.id}`}>
            <GroupSwatch id={g.id} /> {t('delib.groups.name', { letter: groupLetter(g.id) })} (
            {count(ctx, g.size)})
          </h3>
          {g.representative.length === 0 ? (
            <p>{t('delib.groups.noRepresentative')}</p>
          ) : (
            <ul class="statements">
              {g.representative.map((r) => (
                <li>
                  <span dir="auto">{r.body}</span>{' '}
                  <span class="muted">
                    {r.percent === null
                      ? t(
                          r.direction === 'agree'
                            ? 'delib.groups.agreedSmall'
                            : 'delib.groups.disagreedSmall',
                        )
                      : t(
                          r.direction === 'agree'
                            ? 'delib.groups.agreed'
                            : 'delib.groups.disagreed',
                          { percent: r.percent },
                        )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

function ConsensusList({
  ctx,
  items,
  empty,
}: {
  ctx: ViewContext;
  items: ResultsView['consensus'];
  empty: string;
}) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ol class="statements">
      {items.map((s) => (
        <li>
          <span dir="auto">{s.body}</span>{' '}
          <span class="muted">{ctx.t('delib.consensus.score', { score: s.score.toFixed(2) })}</span>
        </li>
      ))}
    </ol>
  );
}

function heatClass(cell: HeatCell): string {
  return cell.agreePercent === null
    ? 'heat heat-none'
    : `heat heat-${Math.min(9, Math.floor(cell.agreePercent / 10))}`;
}

function StakeholderSection({ ctx, view }: { ctx: ViewContext; view: ResultsView }) {
  const { t } = ctx;
  const { stakeholder } = view;
  return (
    <div class="table-scroll" role="region" aria-labelledby="stakeholder-heading" tabindex={0}>
      <table class="heat-map">
        <caption>{t('delib.stakeholder.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('delib.stakeholder.statement')}</th>
            {STAKEHOLDER_COLUMNS.map((g) => (
              <th scope="col">{columnLabel(ctx, g)}</th>
            ))}
            <th scope="col">{t('delib.stakeholder.total')}</th>
          </tr>
          <tr>
            <th scope="row">{t('delib.stakeholder.participants')}</th>
            {stakeholder.participants.cells.map((c) => (
              <td>{count(ctx, c)}</td>
            ))}
            <td>{count(ctx, stakeholder.participants.total)}</td>
          </tr>
        </thead>
        <tbody>
          {stakeholder.rows.map((row) => (
            <tr>
              <th scope="row">
                <span dir="auto">{row.body}</span>
                {row.consensus && (
                  <strong class="consensus-mark"> {t('delib.stakeholder.consensusMark')}</strong>
                )}
              </th>
              {row.cells.map((cell) => (
                <td class={heatClass(cell)}>
                  {cell.agreePercent === null
                    ? count(ctx, cell.count)
                    : t('delib.stakeholder.cell', {
                        percent: cell.agreePercent,
                        voters: count(ctx, cell.count),
                      })}
                </td>
              ))}
              <td>{count(ctx, row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ResultsPage({ ctx, view }: { ctx: ViewContext; view: ResultsView }) {
  const { t } = ctx;
  const title = t('delib.results.title', { topic: view.topic });
  return (
    <DeliberationLayout ctx={ctx} title={title} script="results.js">
      <p class="breadcrumb">
        <a href={base(view.slug)}>{view.topic}</a>
      </p>
      <h1 dir="auto">{title}</h1>
      {/* For results.js, which follows the results as they form (see there). Without JavaScript
          the status stays empty and the button hidden: a reload shows the latest results. */}
      <div
        class="live-results"
        data-live-results
        data-events={`${base(view.slug)}/results/events`}
        data-available={t('delib.live.available')}
        data-updated={t('delib.live.updated')}
      >
        <p class="live-status" role="status" aria-live="polite" />
        <button type="button" class="secondary" hidden>
          {t('delib.live.show')}
        </button>
      </div>
      <div id="results-content" data-version={view.version === null ? '' : String(view.version)}>
        <p id="results-summary" tabindex={-1}>
          {t('delib.results.summary', { participants: view.participants, votes: view.votes })}
        </p>
        <p class="hint">
          {view.computedAt
            ? t('delib.results.computedAt', { date: formatDate(ctx.locale, view.computedAt, true) })
            : t('delib.results.notYet')}
          {view.stale && ` ${t('delib.results.updating')}`}
        </p>
        <h2>{t('delib.map.heading')}</h2>
        <p>{t('delib.map.explain')}</p>
        <MapSection ctx={ctx} view={view} />
        <h2>{t('delib.groups.heading')}</h2>
        <GroupsSection ctx={ctx} view={view} />
        <h2>{t('delib.consensus.heading')}</h2>
        <p>{t('delib.consensus.explain')}</p>
        <ConsensusList ctx={ctx} items={view.consensus} empty={t('delib.consensus.none')} />
        <h2>{t('delib.disagreement.heading')}</h2>
        <ConsensusList ctx={ctx} items={view.disagreement} empty={t('delib.consensus.none')} />
        <h2 id="stakeholder-heading">{t('delib.stakeholder.heading')}</h2>
        <p>{t('delib.stakeholder.explain')}</p>
        <p class="hint">{t('delib.stakeholder.suppression')}</p>
        <StakeholderSection ctx={ctx} view={view} />
      </div>
    </DeliberationLayout>
  );
}
