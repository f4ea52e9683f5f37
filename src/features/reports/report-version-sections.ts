// The sections a version prints when it cannot print figures of its own: the Participation
// section reprinted from the figures in force (dated), or withheld (a version published before
// versions were audited, whose input is lost), and in both cases no theme figure line. Themes are
// computed anew for every version, so an earlier version's theme figures would describe other
// themes; and a new theme figure beside old totals is a difference a reader could take.
import type { Translate } from '../../i18n/i18n.ts';
import { participationSection } from './participation-figures.ts';
import type { ReportFigures } from './report-figures.ts';
import type { ReportItem, ReportSections } from './report-model.ts';

const HOLE = '\u0000';

/** A line written from `message` whatever its values: the message with each value as `.+`. */
function lineOf(t: Translate, message: Parameters<Translate>[0]): RegExp {
  const filled = t(message, { count: HOLE, share: HOLE, list: HOLE, k: HOLE, themes: HOLE });
  const escaped = filled
    .split(HOLE)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^- ${escaped}$`, 'u');
}

/** Theme sections without a figure; the summary names the first themes without their shares. */
function withoutThemeFigures(
  t: Translate,
  sections: ReportSections,
  items: readonly ReportItem[],
): Pick<ReportSections, 'trends' | 'summary'> {
  const figureLines = (
    [
      'figures.theme.size',
      'figures.theme.sizeOnly',
      'figures.theme.noBreakdown',
      'reports.doc.trends.byGroup',
      'reports.doc.trends.byRegion',
    ] as const
  ).map((key) => lineOf(t, key));
  const trends = sections.trends
    .split('\n')
    .filter((line) => !figureLines.some((re) => re.test(line)))
    .join('\n');
  const labels = items
    .filter((i) => i.section === 'trends')
    .slice(0, 5)
    .map((i) => i.label.replace(/^\d+\.\s*/, ''));
  const themesLine = lineOf(t, 'reports.doc.summary.themes');
  const summary = sections.summary
    .split('\n')
    .map((line) =>
      themesLine.test(line)
        ? `- ${t('reports.doc.summary.themes', { themes: labels.join('; ') })}`
        : line,
    )
    .join('\n');
  return { trends, summary };
}

/**
 * A later version that prints figures of its own. Its participation tables were audited against
 * every earlier set; its theme figures could not be, since themes are recomputed and a reader may
 * still match two versions' themes by their sources: they are left out after the first version.
 */
export function sectionsWithOwnFiguresAfterFirst(
  t: Translate,
  sections: ReportSections,
  items: readonly ReportItem[],
  figures: ReportFigures,
): ReportSections {
  return {
    ...sections,
    ...withoutThemeFigures(t, sections, items),
    participation: participationSection(t, figures),
  };
}

/** A version that reprints the figures in force, published on `asOf` by an earlier version. */
export function sectionsWithKeptFigures(
  t: Translate,
  sections: ReportSections,
  items: readonly ReportItem[],
  kept: { figures: ReportFigures; asOf: string },
): ReportSections {
  return {
    ...sections,
    ...withoutThemeFigures(t, sections, items),
    participation: [
      t('reportVersions.figuresAsOf', { date: kept.asOf }),
      participationSection(t, kept.figures),
    ].join('\n\n'),
  };
}

/** A version whose figures cannot be audited: served without any. */
export function sectionsWithoutFigures(
  t: Translate,
  sections: ReportSections,
  items: readonly ReportItem[],
): ReportSections {
  return {
    ...sections,
    ...withoutThemeFigures(t, sections, items),
    participation: t('reportVersions.figuresWithheld'),
  };
}
