// The expert barometer: cells, equal group weights, broad support, rounds and balance.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { balanceShortfalls } from './balance.ts';
import {
  broadSupport,
  checkRating,
  roundComparison,
  summarize,
  type Rater,
  type Rating,
  type RatingValue,
} from './barometer.ts';

const raters: Rater[] = [
  ...['g1', 'g2', 'g3'].map((id): Rater => ({
    id,
    group: 'government',
    region: '150',
    gender: 'woman',
  })),
  ...Array.from({ length: 9 }, (_, i): Rater => ({
    id: `c${i}`,
    group: 'civil_society',
    region: '002',
    gender: i % 2 ? 'man' : 'woman',
  })),
  { id: 'p1', group: 'private_sector', region: '142', gender: 'man' },
];
const rate = (
  raterId: string,
  value: RatingValue,
  round = 1,
  extra: Partial<Rating> = {},
): Rating => ({ raterId, target: '12', round, value, reason: 'because', ...extra });

describe('barometer: examples', () => {
  test('when a rating is 2 or below or an objection, then a reason is required', () => {
    assert.deepEqual(checkRating({ value: 2 }), ['reason_required']);
    assert.deepEqual(checkRating({ value: 'object', reason: ' ' }), ['reason_required']);
    assert.deepEqual(checkRating({ value: 3 }), []);
  });

  test('when groups differ in size, then each weighs the same and small cells are hidden', () => {
    const ratings = [
      ...['g1', 'g2', 'g3'].map((id) => rate(id, 2)),
      ...Array.from({ length: 9 }, (_, i) => rate(`c${i}`, 5)),
      rate('p1', 5),
    ];
    const s = summarize(ratings, raters, '12', 1);
    assert.deepEqual(s.byGroup.get('government'), {
      shown: true,
      n: 3,
      median: 2,
      iqr: 0,
      shareAtLeast4: 0,
      canLiveWith: 0,
      objections: 0,
    });
    assert.deepEqual(s.byGroup.get('private_sector'), { shown: false });
    assert.equal(
      s.groupWeightedShare,
      (0 + 1 + 1) / 3,
      'nine civil society raters do not outweigh three from government',
    );
  });

  test('when a member declares a conflict of interest, then their rating is recused from every figure', () => {
    const ratings = [
      ...['g1', 'g2', 'g3'].map((id) => rate(id, 4)),
      rate('g3', 1, 1, { raterId: 'g3', conflictOfInterest: true }),
    ];
    const s = summarize([ratings[0]!, ratings[1]!, ratings[3]!], raters, '12', 1);
    assert.deepEqual([s.byGroup.get('government'), s.recused], [{ shown: false }, 1]);
  });

  test('when one group is below the threshold or too small, then there is no broad support', () => {
    const ratings = [
      ...['g1', 'g2', 'g3'].map((id) => rate(id, 4)),
      ...['c0', 'c1', 'c2'].map((id) => rate(id, 'can_live_with')),
    ];
    const s = summarize(ratings, raters, '12', 1);
    assert.deepEqual(broadSupport(s, ['government', 'civil_society'], 0.6), {
      broad: false,
      below: ['civil_society'],
      tooFew: [],
    });
    assert.deepEqual(broadSupport(s, ['government', 'private_sector'], 0.6), {
      broad: false,
      below: [],
      tooFew: ['private_sector'],
    });
    assert.equal(broadSupport(s, ['government'], 0.6).broad, true);
  });

  test("when a second round is rated, then the first round's distribution and the moved ratings are given", () => {
    const ratings = [
      rate('c0', 3),
      rate('c1', 4),
      rate('c2', 'object'),
      rate('c0', 4, 2),
      rate('c1', 4, 2),
      rate('c2', 'can_live_with', 2),
    ];
    assert.deepEqual(roundComparison(ratings, '12', 2), {
      previous: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 0, can_live_with: 0, object: 1 },
      moved: 2,
    });
    assert.equal(
      roundComparison(ratings.slice(0, 2), '12', 2).previous,
      null,
      'fewer than three raters: not shown',
    );
  });

  test('when the expert group misses a region or a gender target, then the shortfalls are listed', () => {
    const shortfalls = balanceShortfalls(raters, {
      perGroup: 1,
      groups: ['government', 'civil_society', 'academia'],
      perRegion: 1,
      perGender: { woman: 3, man: 6 },
    });
    assert.deepEqual(shortfalls, [
      { dimension: 'group', value: 'academia', have: 0, need: 1 },
      { dimension: 'region', value: '019', have: 0, need: 1 },
      { dimension: 'region', value: '009', have: 0, need: 1 },
      { dimension: 'gender', value: 'man', have: 5, need: 6 },
    ]);
  });
});

describe('barometer: properties', () => {
  test('no shown cell has fewer than three raters, and the group-weighted share ignores group sizes', () => {
    const value = fc.constantFrom<RatingValue>(1, 2, 3, 4, 5, 'can_live_with', 'object');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...raters.map((r) => r.id)), value, fc.boolean()), {
          maxLength: 40,
        }),
        (rows) => {
          const seen = new Set<string>();
          const ratings = rows
            .filter(([id]) => !seen.has(id) && seen.add(id))
            .map(([id, v, coi]) => rate(id, v, 1, { conflictOfInterest: coi }));
          const s = summarize(ratings, raters, '12', 1);
          for (const c of [...s.byGroup.values(), ...s.byRegion.values(), ...s.byGender.values()]) {
            if (c.shown) assert.ok(c.n >= 3);
          }
          // Doubling every group's raters with the same answers leaves the weighted share unchanged.
          const doubled = [...ratings, ...ratings.map((r) => ({ ...r, raterId: `${r.raterId}x` }))];
          const twins = [...raters, ...raters.map((r) => ({ ...r, id: `${r.id}x` }))];
          assert.equal(summarize(doubled, twins, '12', 1).groupWeightedShare, s.groupWeightedShare);
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });
});
