// Small-cell suppression, checked against a brute-force attacker: for every line, enumerate every
// assignment of the withheld cells that agrees with what is published and the suppression rule,
// and require at least two possible values for each withheld cell.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MIN_CELL, publishLine, suppressLine } from './suppression.ts';

/** Every value a withheld cell can take, given the published cells and the line's total. */
function possibleValues(counts: number[], k = MIN_CELL): Map<number, Set<number>> {
  const line = suppressLine(counts, k);
  const hidden = counts.map((_, i) => i).filter((i) => line.suppressed[i]);
  const total = counts.reduce((a, b) => a + b, 0);
  const target = total - counts.reduce((s, c, i) => s + (line.suppressed[i] ? 0 : c), 0);
  // With the total withheld too, nothing ties the withheld cells down: there is nothing to check.
  if (line.totalSuppressed) return new Map();
  const seen = new Map(hidden.map((i) => [i, new Set<number>()]));
  const walk = (at: number, left: number, chosen: number[]) => {
    if (at === hidden.length) {
      if (left === 0) hidden.forEach((i, j) => seen.get(i)?.add(chosen[j] ?? -1));
      return;
    }
    const i = hidden[at] ?? 0;
    const [lo, hi] = line.complementary[i] ? [k, left] : [0, Math.min(k - 1, left)];
    for (let v = lo; v <= hi; v++) walk(at + 1, left - v, [...chosen, v]);
  };
  walk(0, target, []);
  return seen;
}

const lines = fc.array(fc.nat({ max: 14 }), { minLength: 1, maxLength: 6 });

test('when a line is published, then no cell below five people shows', () => {
  fc.assert(
    fc.property(lines, (counts) => {
      const { cells } = publishLine(counts);
      cells.forEach((cell, i) => {
        if (cell.kind === 'value') assert.ok(cell.value >= MIN_CELL && cell.value === counts[i]);
        if ((counts[i] ?? 0) < MIN_CELL) assert.equal(cell.kind, 'small');
      });
    }),
    { numRuns: 2000 },
  );
});

test('when the total is published, then no withheld cell can be worked out from it', () => {
  fc.assert(
    fc.property(lines, (counts) => {
      for (const [cell, values] of possibleValues(counts))
        assert.ok(
          values.size >= 2,
          `cell ${cell} of [${counts.join(', ')}] is exposed: ${[...values].join(', ')}`,
        );
    }),
    { numRuns: 2000 },
  );
});

test('when only one cell is small, then a second one is withheld with it', () => {
  const line = suppressLine([3, 40, 12, 9]);
  assert.deepEqual(line.suppressed, [true, false, false, true]);
  assert.deepEqual(line.complementary, [false, false, false, true]);
  assert.deepEqual(
    suppressLine([5, 6, 7]).suppressed,
    [false, false, false],
    'nothing is withheld when nothing is small',
  );
  assert.equal(
    suppressLine([0, 0, 0]).totalSuppressed,
    true,
    'an all-zero line would be exposed by its total',
  );
});
