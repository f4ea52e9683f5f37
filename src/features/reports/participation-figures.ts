// The Participation section and the per-theme shares, written from the suppressed figures of
// report-figures.ts: every count the report prints about who took part goes through there.
import type { Shown } from '../../engines/suppression/index.ts';
import { regionLabel, stakeholderLabel } from '../../http/labels.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { countryInfo, isCountryCode, type Hemisphere } from '../../shared/geography.ts';
import { figureId, K, reportFigures, UNKNOWN, type ReportFigures } from './report-figures.ts';

/** What the report knows of a contributor: never who, only the categories counted. */
export interface Profile {
  /** Opaque key of the contributor (organisation or person), only ever used to count once. */
  contributor: string;
  stakeholderGroup: string | null;
  region: string | null;
  hemisphere: Hemisphere | null;
}

export function profileOf(
  contributor: string,
  stakeholderGroup: string | null,
  country: string | null,
): Profile {
  const info = country && isCountryCode(country) ? countryInfo(country) : null;
  return {
    contributor,
    stakeholderGroup,
    region: info?.region ?? null,
    hemisphere: info?.hemisphere ?? null,
  };
}

/** Contributors (each once) from profiles keyed by submission, optionally limited to some. */
export function contributorsOf(
  profiles: Map<string, Profile>,
  submissionIds?: readonly string[],
): Map<string, Profile> {
  const out = new Map<string, Profile>();
  for (const id of submissionIds ?? profiles.keys()) {
    const p = profiles.get(id);
    if (p) out.set(p.contributor, p);
  }
  return out;
}

/** The figures of a report from its profiles and the sources of each theme. */
export function figuresFor(
  profiles: Map<string, Profile>,
  themes: ReadonlyArray<{ sourceIds: readonly string[] }>,
): ReportFigures {
  return reportFigures(
    contributorsOf(profiles),
    themes.map((th) => contributorsOf(profiles, th.sourceIds)),
  );
}

/** How a figure reads: its value, "< 5", or "withheld"; null when it is not printed. */
export function figureText(t: Translate, shown: Shown | undefined): string | null {
  if (!shown || shown.kind === 'omitted') return null;
  if (shown.kind === 'small') return t('figures.small', { k: K });
  if (shown.kind === 'withheld') return t('figures.withheld');
  return String(shown.value);
}

function markdownTable(
  t: Translate,
  figures: ReportFigures,
  title: string,
  rows: Array<{ id: string; label: string }>,
): string {
  const cell = (id: string) => figureText(t, figures.shown.get(id)) ?? '—';
  return [
    `### ${title}`,
    '',
    `| ${t('reports.doc.participation.category')} | ${t('figures.contributors')} |`,
    '| --- | ---: |',
    ...rows.map((r) => `| ${r.label} | ${cell(r.id)} |`),
    `| **${t('reports.doc.participation.total')}** | **${cell(figureId.total)}** |`,
  ].join('\n');
}

export function participationSection(t: Translate, figures: ReportFigures): string {
  const unknown = t('reports.doc.participation.unknown');
  const label = (name: (key: string) => string) => (key: string) =>
    key === UNKNOWN ? unknown : name(key);
  const hemisphere = (h: string) =>
    h === 'global_north' ? t('profile.globalNorth') : t('profile.globalSouth');
  const rows = (keys: string[], id: (k: string) => string, name: (key: string) => string) =>
    keys.map((key) => ({ id: id(key), label: label(name)(key) }));
  return [
    t('figures.note', { k: K }),
    markdownTable(
      t,
      figures,
      t('reports.doc.participation.byGroup'),
      rows(figures.groups, figureId.group, (g) => stakeholderLabel(t, g)),
    ),
    markdownTable(
      t,
      figures,
      t('reports.doc.participation.byRegion'),
      rows(figures.regions, figureId.region, (r) => regionLabel(t, r)),
    ),
    markdownTable(
      t,
      figures,
      t('reports.doc.participation.byHemisphere'),
      rows(figures.hemispheres, figureId.hemisphere, hemisphere),
    ),
  ].join('\n\n');
}
