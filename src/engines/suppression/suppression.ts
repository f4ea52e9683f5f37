// Small-cell suppression for published representation figures: no published count
// below k (default 5), and complementary suppression so that the total minus the published cells
// cannot give a suppressed one back. Pure; the report and the barometer both use it.

export interface Cell {
  key: string;
  count: number;
}

/** A published figure: the count, or null when it is suppressed (shown as "< k"). */
export interface PublishedCell {
  key: string;
  value: number | null;
}

export interface PublishedTable {
  cells: PublishedCell[];
  /** Null when the total itself is below k. */
  total: number | null;
}

/**
 * Suppresses every cell below k, then keeps suppressing the smallest remaining cell until the
 * suppressed cells are at least two and add up to at least k: with a single hidden cell the total
 * would reveal it, and a small hidden sum (say 2 over two cells) would pin each cell down.
 */
export function suppressTable(cells: readonly Cell[], k = 5): PublishedTable {
  const total = cells.reduce((sum, c) => sum + c.count, 0);
  if (total < k) return { cells: cells.map((c) => ({ key: c.key, value: null })), total: null };
  const hidden = new Set<number>();
  cells.forEach((c, i) => {
    if (c.count < k) hidden.add(i);
  });
  const hiddenSum = () => [...hidden].reduce((sum, i) => sum + (cells[i]?.count ?? 0), 0);
  // Smallest first, then by position, so the choice is deterministic.
  const candidates = cells
    .map((c, i) => ({ c, i }))
    .filter((x) => !hidden.has(x.i))
    .sort((a, b) => a.c.count - b.c.count || a.i - b.i);
  while (hidden.size > 0 && (hidden.size < 2 || hiddenSum() < k) && candidates.length > 0) {
    hidden.add(candidates.shift()!.i);
  }
  return {
    cells: cells.map((c, i) => ({ key: c.key, value: hidden.has(i) ? null : c.count })),
    total,
  };
}

/** Counts values into cells, in first-seen order; null or empty values count as `unknownKey`. */
export function countCells(
  values: ReadonlyArray<string | null | undefined>,
  unknownKey = 'unknown',
): Cell[] {
  const counts = new Map<string, number>();
  for (const v of values) {
    const key = v || unknownKey;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ key, count }));
}
