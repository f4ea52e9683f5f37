// Every figure a report publishes about who took part, as one system passed through the
// suppression module: the participation tables (by stakeholder group, region, Global South/North,
// all sharing one total) and each theme's shares by group and region.
//
// What is counted: contributors, not contributions. A contributor is the organisation a text was
// submitted for, or else the participant who submitted it; 25 texts from one organisation count
// once. Co-signatories are not counted: they endorse a text, they do not add one, and counting
// them would let a group grow its weight by collecting signatures. A person who writes both for
// themself and for an organisation counts once as each.
import {
  suppressFigures,
  MIN_COUNT,
  type Figure,
  type Relation,
  type Shown,
} from '../../engines/suppression/index.ts';
import { countryInfo, countryOptions } from '../../shared/geography.ts';
import type { Profile } from './participation-figures.ts';

export const UNKNOWN = 'unknown';
export const K = MIN_COUNT;

/** Region × Global South/North pairs a reader knows can occur, from the public geography. */
let crossPairs: Set<string> | undefined;
function possiblePairs(): Set<string> {
  if (!crossPairs) {
    crossPairs = new Set([`${UNKNOWN}|${UNKNOWN}`]);
    for (const { code } of countryOptions('en')) {
      const info = countryInfo(code);
      crossPairs.add(`${info.region ?? UNKNOWN}|${info.hemisphere}`);
    }
  }
  return crossPairs;
}

export interface ReportFigures {
  shown: ReadonlyMap<string, Shown>;
  /** The sums tying the figures, as suppression saw them (audits across versions use them). */
  relations: readonly Relation[];
  groups: string[];
  regions: string[];
  hemispheres: string[];
  /** Each theme's contributors per group/region, the denominators of its shares. */
  count(id: string): number;
}

export const figureId = {
  total: 'total',
  group: (g: string) => `g:${g}`,
  region: (r: string) => `r:${r}`,
  hemisphere: (h: string) => `h:${h}`,
  themeGroup: (t: number, g: string) => `t${t}:g:${g}`,
  themeRegion: (t: number, r: string) => `t${t}:r:${r}`,
  /** A theme's contributors as printed, with its share of all contributors. */
  themeSize: (t: number) => `t${t}:size`,
};

type Contributors = Map<string, Profile>;

const axes = {
  group: (p: Profile) => p.stakeholderGroup ?? UNKNOWN,
  region: (p: Profile) => p.region ?? UNKNOWN,
  hemisphere: (p: Profile) => p.hemisphere ?? UNKNOWN,
};

function tally(people: Iterable<Profile>, key: (p: Profile) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of people) out.set(key(p), (out.get(key(p)) ?? 0) + 1);
  return out;
}

const ordered = (counts: Map<string, number>) =>
  [...counts.keys()].sort(
    (a, b) =>
      Number(a === UNKNOWN) - Number(b === UNKNOWN) ||
      counts.get(b)! - counts.get(a)! ||
      a.localeCompare(b),
  );

/** The participation tables: three breakdowns of one total, and regions crossed with South/North. */
function participation(people: Contributors, figures: Figure[], relations: Relation[]) {
  figures.push({ id: figureId.total, count: people.size });
  const keys = {} as Record<keyof typeof axes, string[]>;
  const ids = { group: figureId.group, region: figureId.region, hemisphere: figureId.hemisphere };
  for (const axis of Object.keys(axes) as Array<keyof typeof axes>) {
    const counts = tally(people.values(), axes[axis]);
    keys[axis] = ordered(counts);
    keys[axis].forEach((key) => figures.push({ id: ids[axis](key), count: counts.get(key)! }));
    relations.push({ total: figureId.total, parts: keys[axis].map(ids[axis]) });
  }
  // The report prints no region × South/North table, but a reader knows which pairs exist.
  const cross = tally(people.values(), (p) => `${axes.region(p)}|${axes.hemisphere(p)}`);
  const pairs = keys.region.flatMap((r) =>
    keys.hemisphere.map((h) => `${r}|${h}`).filter((x) => possiblePairs().has(x) || cross.has(x)),
  );
  pairs.forEach((x) => figures.push({ id: `x:${x}`, count: cross.get(x) ?? 0, print: 'never' }));
  for (const r of keys.region)
    relations.push({
      total: ids.region(r),
      parts: pairs.filter((x) => x.startsWith(`${r}|`)).map((x) => `x:${x}`),
    });
  for (const h of keys.hemisphere)
    relations.push({
      total: ids.hemisphere(h),
      parts: pairs.filter((x) => x.endsWith(`|${h}`)).map((x) => `x:${x}`),
    });
  return keys;
}

function themeRows(
  themes: readonly Contributors[],
  keys: { group: string[]; region: string[] },
  figures: Figure[],
  relations: Relation[],
) {
  const rows = [
    { axis: axes.group, keys: keys.group, id: figureId.themeGroup, total: figureId.group },
    { axis: axes.region, keys: keys.region, id: figureId.themeRegion, total: figureId.region },
  ];
  themes.forEach((people, t) => {
    // Public by other means (the theme links its sources), so never hidden; below k, no breakdown.
    figures.push({ id: `t${t}`, count: people.size, print: 'always' });
    // Printed like any count (below k, "< k"); its share is printed only beside a printed total.
    figures.push({ id: figureId.themeSize(t), count: people.size });
    for (const row of rows) {
      const counts = tally(people.values(), row.axis);
      for (const key of row.keys)
        figures.push({
          id: row.id(t, key),
          count: counts.get(key) ?? 0,
          ...(key === UNKNOWN || people.size < K
            ? { print: 'never' as const }
            : { requires: row.total(key) }),
        });
      relations.push({ total: `t${t}`, parts: row.keys.map((key) => row.id(t, key)) });
      // A theme's cell never exceeds its group's (or region's) total: a reader knows that much.
      for (const key of row.keys) atMost(row.id(t, key), row.total(key), figures, relations);
    }
    atMost(`t${t}`, figureId.total, figures, relations);
  });
  // When no contributor falls in two themes, a column of theme cells adds up to at most its
  // group's total: a reader who guesses that can use it, so it is part of the system.
  const seen = new Set<string>();
  const disjoint = themes.every((people) =>
    [...people.keys()].every((c) => !seen.has(c) && Boolean(seen.add(c))),
  );
  if (!disjoint || themes.length === 0) return;
  for (const row of rows)
    for (const key of row.keys) {
      const rest = `${row.total(key)}:rest`;
      figures.push({ id: rest, count: 0, print: 'slack' });
      relations.push({
        total: row.total(key),
        parts: [...themes.map((_, t) => row.id(t, key)), rest],
      });
    }
}

/** `part ≤ whole`, as part + slack = whole; the slack's count is set from the totals later. */
function atMost(part: string, whole: string, figures: Figure[], relations: Relation[]) {
  const rest = `${part}:rest`;
  figures.push({ id: rest, count: 0, print: 'slack' });
  relations.push({ total: whole, parts: [part, rest] });
}

/**
 * `contributors`: each contributor's profile; `themes`: for each theme, the contributors whose
 * texts it holds (keyed like `contributors`).
 */
export function reportFigures(
  contributors: Contributors,
  themes: readonly Contributors[],
): ReportFigures {
  const figures: Figure[] = [];
  const relations: Relation[] = [];
  const keys = participation(contributors, figures, relations);
  themeRows(themes, keys, figures, relations);
  // The `rest` figures hold whatever no theme took: set them from the totals.
  const byId = new Map(figures.map((f) => [f.id, f]));
  for (const r of relations) {
    const rest = r.parts.find((p) => p.endsWith(':rest'));
    if (rest)
      byId.get(rest)!.count =
        byId.get(r.total)!.count -
        r.parts.reduce((s, p) => s + (p === rest ? 0 : byId.get(p)!.count), 0);
  }
  const shown = suppressFigures({ figures, relations, k: K });
  return {
    shown,
    relations,
    groups: keys.group,
    regions: keys.region,
    hemispheres: keys.hemisphere,
    count: (id) => byId.get(id)?.count ?? 0,
  };
}
