// Adjusted Rand index (Hubert & Arabie): agreement of two partitions corrected for chance, 1 for
// identical partitions, ~0 for independent ones. Used to compare our groups with Pol.is's.

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Items where either label is null (ungrouped) are left out. */
export function adjustedRandIndex(
  a: ReadonlyArray<number | null>,
  b: ReadonlyArray<number | null>,
): number {
  if (a.length !== b.length) throw new RangeError('partitions differ in length');
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    n++;
    cells.set(`${x}:${y}`, (cells.get(`${x}:${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, c) => s + pairs(c), 0);
  const index = sum(cells);
  const sumRows = sum(rows);
  const sumCols = sum(cols);
  const expected = n > 1 ? (sumRows * sumCols) / pairs(n) : 0;
  const max = (sumRows + sumCols) / 2;
  // Both partitions trivial (one cluster each, or all singletons): they agree perfectly.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
