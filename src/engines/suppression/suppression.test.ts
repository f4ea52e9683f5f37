import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { feasibleRange, labelBounds, spreadNeeded, type Shown } from './audit.ts';
import { suppressFigures, type Figure } from './suppression.ts';

const K = 5;

/** Leaves grouped under sub-totals under one total: the region → South/North → total shape. */
function hierarchy(groups: number[][]) {
  const figures: Figure[] = [];
  const relations: Array<{ total: string; parts: string[] }> = [];
  const subs = groups.map((leaves, g) => {
    const ids = leaves.map((count, i) => {
      figures.push({ id: `c${g}.${i}`, count });
      return `c${g}.${i}`;
    });
    figures.push({ id: `s${g}`, count: leaves.reduce((a, b) => a + b, 0) });
    relations.push({ total: `s${g}`, parts: ids });
    return `s${g}`;
  });
  figures.push({ id: 'total', count: groups.flat().reduce((a, b) => a + b, 0) });
  relations.push({ total: 'total', parts: subs });
  return { figures, relations };
}

/**
 * An attacker written without the solver: enumerates every assignment of the leaves that agrees
 * with the labels, then keeps those whose sub-totals and total agree with what is printed.
 */
function bruteForceValues(groups: number[][], shown: Map<string, Shown>): Map<string, Set<number>> {
  const leaves = groups.flatMap((g, gi) => g.map((_, i) => `c${gi}.${i}`));
  const cap = groups.flat().reduce((a, b) => a + b, 0) + K;
  const ranges = leaves.map((id) => {
    const [lo, hi] = labelBounds(shown.get(id)!, K);
    return [lo, Math.min(hi, cap)] as const;
  });
  const seen = new Map<string, Set<number>>();
  const note = (id: string, v: number) => seen.set(id, (seen.get(id) ?? new Set()).add(v));
  const fits = (id: string, v: number) => {
    const [lo, hi] = labelBounds(shown.get(id)!, K);
    return v >= lo && v <= hi;
  };
  const values: number[] = [];
  const walk = (i: number) => {
    if (i === leaves.length) {
      let at = 0;
      const subs = groups.map((g) => g.reduce((s) => s + values[at++]!, 0));
      if (!subs.every((v, g) => fits(`s${g}`, v))) return;
      const total = subs.reduce((a, b) => a + b, 0);
      if (!fits('total', total)) return;
      leaves.forEach((id, j) => note(id, values[j]!));
      subs.forEach((v, g) => note(`s${g}`, v));
      note('total', total);
      return;
    }
    for (let v = ranges[i]![0]; v <= ranges[i]![1]; v++) {
      values[i] = v;
      walk(i + 1);
    }
  };
  walk(0);
  return seen;
}

const hierarchies = fc.array(fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 2,
});

test('when a hierarchy of counts is published, then no hidden figure is pinned down by the totals, nor a "< 5" narrowed to two values (brute-force attacker)', () => {
  fc.assert(
    fc.property(hierarchies, (groups) => {
      const { figures, relations } = hierarchy(groups);
      const shown = suppressFigures({ figures, relations, k: K });
      const possible = bruteForceValues(groups, shown);
      for (const f of figures) {
        const s = shown.get(f.id)!;
        if (s.kind === 'value') {
          assert.equal(s.value, f.count);
          assert.ok(f.count === 0 || f.count >= K, `${f.id} printed below k`);
          continue;
        }
        // A figure left out says nothing of its value; a label must be true.
        if (s.kind !== 'omitted')
          assert.equal(s.kind, f.count < K ? 'small' : 'withheld', `${f.id} labelled truthfully`);
        const values = possible.get(f.id)!;
        assert.ok(values.has(f.count));
        const spread = Math.max(...values) - Math.min(...values);
        assert.ok(spread >= spreadNeeded(s), `${f.id} narrowed to ${[...values].join(',')}`);
        const [lo] = feasibleRange({ shown, relations, k: K }, f.id);
        assert.equal(lo, Math.min(...values), 'the solver agrees with the attacker');
      }
    }),
    { numRuns: 150 },
  );
});

test('when a cell is hidden only to protect another, then it reads withheld, not "< 5"', () => {
  // Africa 11 beside a Global South of 11 + 3: hiding 3 alone would leave it as 14 − 11.
  const shown = suppressFigures(hierarchy([[11, 3], [19]]));
  assert.deepEqual(shown.get('c0.1'), { kind: 'small' });
  assert.equal(shown.get('c0.0')?.kind, 'withheld');
  assert.equal(shown.get('total')?.kind, 'value');
  assert.equal(shown.get('s0')?.kind, 'value');
});

test('when a sub-total is itself small, then its parent hierarchy hides enough to protect it', () => {
  // South 3 (< 5) and North 30 under a total of 33: printing the total would give South back.
  const shown = suppressFigures(hierarchy([[3], [30]]));
  assert.equal(shown.get('s0')?.kind, 'small');
  const [lo, hi] = feasibleRange(
    { shown, relations: hierarchy([[3], [30]]).relations, k: K },
    's0',
  );
  assert.ok(hi > lo);
});

test('when a share depends on a hidden denominator, then it is hidden with it', () => {
  const shown = suppressFigures({
    figures: [
      { id: 'group', count: 3 },
      { id: 'other', count: 40 },
      { id: 'total', count: 43 },
      { id: 'theme.group', count: 2, requires: 'group' },
      { id: 'theme.zero', count: 0, requires: 'group' },
    ],
    relations: [{ total: 'total', parts: ['group', 'other'] }],
  });
  assert.equal(shown.get('theme.group')?.kind, 'small');
  assert.deepEqual(shown.get('theme.zero'), { kind: 'value', value: 0 });
});
