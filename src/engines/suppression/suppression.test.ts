import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { countCells, suppressTable } from './suppression.ts';

const K = 5;
const table = fc
  .array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 })
  .map((counts) => counts.map((count, i) => ({ key: `c${i}`, count })));

test('when a table is published, then no cell below k shows and every shown cell is the true count', () => {
  fc.assert(
    fc.property(table, (cells) => {
      const out = suppressTable(cells, K);
      out.cells.forEach((p, i) => {
        if (p.value !== null) {
          assert.ok(p.value >= K);
          assert.equal(p.value, cells[i]!.count);
        }
      });
      if (out.total !== null) assert.ok(out.total >= K);
    }),
  );
});

test('when cells are suppressed, then the total cannot give one back (complementary suppression)', () => {
  fc.assert(
    fc.property(table, (cells) => {
      const out = suppressTable(cells, K);
      if (out.total === null) return;
      const hidden = out.cells
        .map((p, i) => ({ p, c: cells[i]! }))
        .filter((x) => x.p.value === null);
      if (hidden.length === 0) return;
      assert.ok(
        hidden.length >= 2,
        'a single suppressed cell would equal the total minus the others',
      );
      const hiddenSum = hidden.reduce((s, x) => s + x.c.count, 0);
      assert.ok(hiddenSum >= K, 'a hidden sum below k would pin the hidden cells down');
      // The remainder a reader can compute is the hidden sum: it must not single out any cell.
      const shown = out.cells.reduce((s, p) => s + (p.value ?? 0), 0);
      assert.equal(out.total - shown, hiddenSum);
    }),
  );
});

test('when nothing is small, then nothing is suppressed; a tiny total is itself hidden', () => {
  assert.deepEqual(
    suppressTable([
      { key: 'a', count: 5 },
      { key: 'b', count: 9 },
    ]),
    {
      cells: [
        { key: 'a', value: 5 },
        { key: 'b', value: 9 },
      ],
      total: 14,
    },
  );
  assert.deepEqual(
    suppressTable([
      { key: 'a', count: 3 },
      { key: 'b', count: 1 },
    ]).total,
    null,
  );
  const out = suppressTable([
    { key: 'a', count: 2 },
    { key: 'b', count: 6 },
    { key: 'c', count: 30 },
  ]);
  assert.deepEqual(
    out.cells.map((c) => c.value),
    [null, null, 30],
  );
});

test('counting puts missing values under one key, in first-seen order', () => {
  assert.deepEqual(countCells(['x', null, 'y', 'x', '']), [
    { key: 'x', count: 2 },
    { key: 'unknown', count: 2 },
    { key: 'y', count: 1 },
  ]);
});
