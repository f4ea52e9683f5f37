// Published versions attacked together: random sequences of contributor sets (contributors come,
// or withdraw) go through the rule of engines/suppression/versions.ts, then a reader holding every
// published figure set at once, and knowing how many came and went at each step, asks the exact
// solver about every hidden figure of every set and every count of people who came or went.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  feasibleRange,
  jointSystem,
  mayPublishFigures,
  spreadNeeded,
  type FigureSet,
  type Step,
} from '../../engines/suppression/index.ts';
import { profileOf, type Profile } from './participation-figures.ts';
import { figureId, K, reportFigures } from './report-figures.ts';

const GROUPS = ['civil_society', 'government', 'academia', null];
const COUNTRIES = ['KE', 'FR', 'BR', 'JP', null];
const linked = (id: string) => /^(total|[grhx]:)/.test(id);
const counted = (id: string) => /^(v\d+|came\d+|went\d+):(total|[grhx]:)/.test(id);

function figureSet(people: Map<string, Profile>): FigureSet {
  const figures = reportFigures(people, []);
  const counts = new Map([...figures.shown.keys()].map((id) => [id, figures.count(id)]));
  return { counts, shown: figures.shown, relations: figures.relations };
}

/** Counts of the contributors in `a` and not in `b`, in the same tables. */
function counts(a: Map<string, Profile>, b: Map<string, Profile>): Map<string, number> {
  const only = new Map([...a].filter(([key]) => !b.has(key)));
  return new Map(
    [...reportFigures(only, []).shown.keys()].map((id) => [id, reportFigures(only, []).count(id)]),
  );
}

const person = fc.record({
  group: fc.constantFrom(...GROUPS),
  country: fc.constantFrom(...COUNTRIES),
});
/** A first set, then steps: some come, some of those present withdraw. */
const histories = fc.record({
  first: fc.array(person, { minLength: 1, maxLength: 14 }),
  steps: fc.array(
    fc.record({
      come: fc.array(person, { maxLength: 7 }),
      leave: fc.array(fc.nat(), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

test('when versions are published as contributors come and go, then no hidden figure of any version, nor who came or went, can be recovered from all of them together', () => {
  fc.assert(
    fc.property(histories, ({ first, steps }) => {
      let n = 0;
      const add = (
        set: Map<string, Profile>,
        p: { group: string | null; country: string | null },
      ) => {
        const key = `c${n++}`;
        set.set(key, profileOf(key, p.group, p.country));
      };
      let current = new Map<string, Profile>();
      first.forEach((p) => add(current, p));
      const published: FigureSet[] = [figureSet(current)];
      const sets = [current];
      const taken: Step[] = [];
      for (const step of steps) {
        const next = new Map(current);
        step.come.forEach((p) => add(next, p));
        for (const i of step.leave) next.delete([...next.keys()][i % next.size]!);
        current = next;
        if (next.size === 0) continue;
        const last = sets.at(-1)!;
        const move: Step = { came: counts(next, last), went: counts(last, next) };
        const candidate = figureSet(next);
        const audit = {
          published,
          steps: taken,
          step: move,
          next: candidate,
          linked,
          total: figureId.total,
          k: K,
        };
        if (!mayPublishFigures(audit, counted)) continue; // the figures in force are reprinted
        published.push(candidate);
        sets.push(next);
        taken.push(move);
      }
      const {
        published: reader,
        counts: truth,
        trivial,
      } = jointSystem({
        published,
        steps: taken,
        linked,
        total: figureId.total,
        k: K,
      });
      for (const [id, shown] of reader.shown) {
        if (shown.kind === 'value' || !counted(id) || trivial.has(id)) continue;
        const value = truth.get(id) ?? 0;
        if (shown.kind === 'omitted' && (value === 0 || value >= K)) continue;
        const [low, high] = feasibleRange(reader, id);
        assert.ok(low <= value && value <= high, `${id} = ${value} outside [${low}, ${high}]`);
        assert.ok(
          high - low >= spreadNeeded(shown),
          `${id} = ${value} narrowed to [${low}, ${high}]`,
        );
      }
    }),
    { numRuns: 60 },
  );
});

test('when one government contributor is published between two versions, then the second reprints the first figures', () => {
  const people = new Map<string, Profile>();
  for (let i = 0; i < 16; i++)
    people.set(`c${i}`, profileOf(`c${i}`, i < 7 ? 'government' : 'civil_society', 'FR'));
  const first = figureSet(people);
  const later = new Map(people).set('new', profileOf('new', 'government', 'FR'));
  const step: Step = { came: counts(later, people), went: new Map() };
  const audit = {
    published: [first],
    steps: [],
    step,
    next: figureSet(later),
    linked,
    total: figureId.total,
    k: K,
  };
  assert.equal(first.shown.get(figureId.group('government'))?.kind, 'value');
  assert.equal(mayPublishFigures(audit, counted), false);
  // Five more of each, though: every printed figure moves by at least 5 and may be printed.
  const grown = new Map(later);
  for (let i = 0; i < 5; i++) grown.set(`g${i}`, profileOf(`g${i}`, 'government', 'FR'));
  for (let i = 0; i < 5; i++) grown.set(`s${i}`, profileOf(`s${i}`, 'civil_society', 'FR'));
  const big = {
    ...audit,
    step: { came: counts(grown, people), went: new Map() },
    next: figureSet(grown),
  };
  assert.equal(mayPublishFigures(big, counted), true);
});
