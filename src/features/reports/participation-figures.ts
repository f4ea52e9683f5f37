// Representation figures for the Participation section: contributions by stakeholder group,
// region and Global South/North, each table passed through small-cell suppression so no
// published cell (or difference of cells) is below 5.
import { countCells, suppressTable, type PublishedTable } from '../../engines/suppression/index.ts';
import { regionLabel, stakeholderLabel } from '../../http/labels.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { countryInfo, isCountryCode, type Hemisphere } from '../../shared/geography.ts';

/** What the report knows of a contributor: never who, only the categories counted. */
export interface Profile {
  stakeholderGroup: string | null;
  region: string | null;
  hemisphere: Hemisphere | null;
}

export function profileOf(stakeholderGroup: string | null, country: string | null): Profile {
  const info = country && isCountryCode(country) ? countryInfo(country) : null;
  return { stakeholderGroup, region: info?.region ?? null, hemisphere: info?.hemisphere ?? null };
}

const UNKNOWN = 'unknown';

export interface ParticipationTables {
  byGroup: PublishedTable;
  byRegion: PublishedTable;
  byHemisphere: PublishedTable;
}

export function participationTables(profiles: Iterable<Profile>): ParticipationTables {
  const list = [...profiles];
  const sorted = (values: Array<string | null>) =>
    countCells(values, UNKNOWN).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return {
    byGroup: suppressTable(sorted(list.map((p) => p.stakeholderGroup))),
    byRegion: suppressTable(sorted(list.map((p) => p.region))),
    byHemisphere: suppressTable(sorted(list.map((p) => p.hemisphere))),
  };
}

function markdownTable(
  t: Translate,
  title: string,
  table: PublishedTable,
  label: (key: string) => string,
): string {
  const cell = (v: number | null) => (v === null ? '< 5' : String(v));
  const rows = table.cells.map(
    (c) =>
      `| ${c.key === UNKNOWN ? t('reports.doc.participation.unknown') : label(c.key)} | ${cell(c.value)} |`,
  );
  return [
    `### ${title}`,
    '',
    `| ${t('reports.doc.participation.category')} | ${t('reports.doc.participation.count')} |`,
    '| --- | ---: |',
    ...rows,
    `| **${t('reports.doc.participation.total')}** | **${cell(table.total)}** |`,
  ].join('\n');
}

export function participationSection(t: Translate, profiles: Map<string, Profile>): string {
  const tables = participationTables(profiles.values());
  const hemisphere = (h: string) =>
    h === 'global_north' ? t('profile.globalNorth') : t('profile.globalSouth');
  return [
    t('reports.doc.participation.note'),
    markdownTable(t, t('reports.doc.participation.byGroup'), tables.byGroup, (g) =>
      stakeholderLabel(t, g),
    ),
    markdownTable(t, t('reports.doc.participation.byRegion'), tables.byRegion, (r) =>
      regionLabel(t, r),
    ),
    markdownTable(t, t('reports.doc.participation.byHemisphere'), tables.byHemisphere, hemisphere),
  ].join('\n\n');
}
