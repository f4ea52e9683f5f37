// Whole random reports attacked figure by figure. The reader model below is written apart from
// report-figures.ts: it states what a visitor knows from the printed report and from the world
// (tables add up, a theme's cell never exceeds its group's, which regions lie in the Global South),
// then asks the exact solver how far each hidden figure can still move.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  feasibleRange,
  spreadNeeded,
  type Relation,
  type Shown,
} from '../../engines/suppression/index.ts';
import { countryInfo, countryOptions } from '../../shared/geography.ts';
import { figuresFor, profileOf, type Profile } from './participation-figures.ts';
import { figureId, K, UNKNOWN, type ReportFigures } from './report-figures.ts';

const GROUPS = ['civil_society', 'government', 'academia', 'private_sector', null];
/** Africa (South), Europe (North), Americas (both), Asia (both), none. */
const COUNTRIES = ['KE', 'SN', 'FR', 'DE', 'US', 'BR', 'JP', 'IN', null];

interface Generated {
  /** Per submission: the index of its contributor. */
  authors: number[];
  contributors: Array<{ group: string | null; country: string | null }>;
  /** Per theme: indexes of its submissions. */
  themes: number[][];
}

const reports: fc.Arbitrary<Generated> = fc
  .array(
    fc.record({
      group: fc.constantFrom(...GROUPS),
      country: fc.constantFrom(...COUNTRIES),
      weight: fc.constantFrom(1, 1, 1, 2, 3),
    }),
    { minLength: 1, maxLength: 24 },
  )
  .chain((people) => {
    // Some contributors send several texts (an organisation's many submissions).
    const authors = people.flatMap((p, i) => Array.from({ length: p.weight }, () => i));
    const theme = fc.uniqueArray(fc.nat({ max: authors.length - 1 }), {
      maxLength: authors.length,
    });
    return fc.record({
      authors: fc.constant(authors),
      contributors: fc.constant(people.map(({ group, country }) => ({ group, country }))),
      // Themes may share submissions, and so contributors.
      themes: fc.array(theme, { maxLength: 3 }),
    });
  });

function build(g: Generated): ReportFigures {
  const profiles = new Map<string, Profile>(
    g.authors.map((a, s) => [
      `s${s}`,
      profileOf(`c${a}`, g.contributors[a]!.group, g.contributors[a]!.country),
    ]),
  );
  return figuresFor(
    profiles,
    g.themes.map((subs) => ({ sourceIds: subs.map((s) => `s${s}`) })),
  );
}

/** Region × South/North pairs that exist in the world, from the public geography. */
const worldPairs = new Set(
  countryOptions('en').map(({ code }) => {
    const info = countryInfo(code);
    return `${info.region ?? UNKNOWN}|${info.hemisphere}`;
  }),
).add(`${UNKNOWN}|${UNKNOWN}`);

/** What the reader knows, as relations over the printed figures and unknowns of their own. */
function readerModel(g: Generated, figures: ReportFigures) {
  const shown = new Map<string, Shown>(figures.shown);
  const relations: Relation[] = [];
  const unknown = (id: string) => shown.set(id, { kind: 'omitted' });
  /** `small ≤ large`, as small + slack = large with a slack the reader cannot see. */
  const atMost = (small: string[], large: string, name: string) => {
    unknown(`slack:${name}`);
    relations.push({ total: large, parts: [...small, `slack:${name}`] });
  };
  const axes = [
    { keys: figures.groups, id: figureId.group, cell: figureId.themeGroup },
    { keys: figures.regions, id: figureId.region, cell: figureId.themeRegion },
  ];
  for (const axis of [...axes, { keys: figures.hemispheres, id: figureId.hemisphere }])
    relations.push({ total: figureId.total, parts: axis.keys.map(axis.id) });
  const pairs = figures.regions.flatMap((r) =>
    figures.hemispheres.map((h) => `${r}|${h}`).filter((p) => worldPairs.has(p)),
  );
  pairs.forEach((p) => unknown(`cross:${p}`));
  for (const r of figures.regions)
    relations.push({
      total: figureId.region(r),
      parts: pairs.filter((p) => p.startsWith(`${r}|`)).map((p) => `cross:${p}`),
    });
  for (const h of figures.hemispheres)
    relations.push({
      total: figureId.hemisphere(h),
      parts: pairs.filter((p) => p.endsWith(`|${h}`)).map((p) => `cross:${p}`),
    });
  // Each theme: its contributors (assumed known, as its sources are listed) split by each axis.
  const contributorsOf = (subs: number[]) => new Set(subs.map((s) => g.authors[s]));
  const themeSets = g.themes.map(contributorsOf);
  themeSets.forEach((set, t) => {
    shown.set(`reader:t${t}`, { kind: 'value', value: set.size });
    for (const axis of axes) {
      relations.push({ total: `reader:t${t}`, parts: axis.keys.map((k) => axis.cell(t, k)) });
      for (const k of axis.keys) atMost([axis.cell(t, k)], axis.id(k), `${t}:${axis.id(k)}`);
    }
  });
  // When no contributor is in two themes, a reader who guesses so is right: columns add up.
  const all = themeSets.flatMap((s) => [...s]);
  if (themeSets.length > 0 && new Set(all).size === all.length)
    for (const axis of axes)
      for (const k of axis.keys)
        atMost(
          themeSets.map((_, t) => axis.cell(t, k)),
          axis.id(k),
          `sum:${axis.id(k)}`,
        );
  return { shown, relations, k: K };
}

/**
 * The same reader with nothing printed but what is public by other means (each theme's number of
 * contributors) and the structure of the tables: what this reader can pin down, the report implies
 * trivially (one group only: every theme's contributors are all of that group).
 */
function bareReader(reader: ReturnType<typeof readerModel>) {
  const shown = new Map<string, Shown>();
  for (const [id, s] of reader.shown)
    shown.set(id, id.startsWith('reader:') ? s : { kind: 'omitted' });
  return { ...reader, shown };
}

/**
 * Every hidden figure, printed or not, is attacked. A "< 5" must keep three neighbouring values
 * (spreadNeeded); a withheld one two; a never-printed one of 1..4 (region × South/North, a
 * theme's unknown group, a small theme's breakdown) two, unless the bare reader pins it too.
 */
function attack(g: Generated, figures: ReportFigures) {
  const reader = readerModel(g, figures);
  const bare = bareReader(reader);
  for (const [id, shown] of figures.shown) {
    const value = figures.count(id);
    if (shown.kind === 'value') {
      assert.equal(shown.value, value, `${id} printed truthfully`);
      assert.ok(value === 0 || value >= K || id.match(/^t\d+$/), `${id} printed below k`);
      continue;
    }
    if (shown.kind === 'small') assert.ok(value >= 1 && value < K, `${id} is small`);
    if (shown.kind === 'withheld') assert.ok(value >= K, `${id} withheld, not "< ${K}"`);
    if (shown.kind === 'omitted') {
      // Slacks count nobody; a never-printed 0 or k-or-more tells what the rules let print.
      if (id.endsWith(':rest') || value === 0 || value >= K) continue;
      const [bareLow, bareHigh] = feasibleRange(bare, id);
      if (bareLow === bareHigh) continue;
    }
    const [low, high] = feasibleRange(reader, id);
    assert.ok(low <= value && value <= high, `${id} = ${value} outside [${low}, ${high}]`);
    assert.ok(
      high - low >= spreadNeeded(shown),
      `${id} (${shown.kind}) = ${value} narrowed to [${low}, ${high}]`,
    );
  }
}

test('when a whole random report is published, then no hidden figure can be recovered from the rest', () => {
  fc.assert(
    fc.property(reports, (g) => attack(g, build(g))),
    { numRuns: 200 },
  );
});
