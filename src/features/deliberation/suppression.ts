// Small-cell suppression: no published count below k = 5 people, and complementary
// suppression so that a line's published total cannot give a suppressed cell back by subtraction.
//
// The threat model is the worst case: the reader knows the published cells, the line's total,
// that every "< 5" cell holds 0..4 people and that every complementary cell holds at least k.
// A suppressed cell is safe when at least two values remain possible for it. For a sum with box
// bounds the possible values of one cell form exactly the interval
//   [max(lo_i, T − Σ_{j≠i} hi_j), min(hi_i, T − Σ_{j≠i} lo_j)]
// where T is the suppressed total, so the check is exact.
export const MIN_CELL = 5;

export interface SuppressedLine {
  /** Per cell: true when withheld. */
  suppressed: boolean[];
  /** Per cell: true when withheld only to protect another cell (it holds k or more). */
  complementary: boolean[];
  /** True when even the line's total must be withheld (every cell withheld and still exposed). */
  totalSuppressed: boolean;
}

function bounds(count: number, complementary: boolean, total: number, k: number): [number, number] {
  return complementary ? [k, total] : [0, Math.min(k - 1, total)];
}

/** Whether every withheld cell of the line keeps at least two possible values. */
export function isProtected(
  counts: readonly number[],
  suppressed: readonly boolean[],
  k = MIN_CELL,
): boolean {
  const idx = counts.map((_, i) => i).filter((i) => suppressed[i]);
  if (idx.length === 0) return true;
  const total = idx.reduce((s, i) => s + (counts[i] ?? 0), 0);
  const box = idx.map((i) => bounds(counts[i] ?? 0, (counts[i] ?? 0) >= k, total, k));
  const sumLo = box.reduce((s, b) => s + b[0], 0);
  const sumHi = box.reduce((s, b) => s + b[1], 0);
  return box.every(([lo, hi]) => {
    const low = Math.max(lo, total - (sumHi - hi));
    const high = Math.min(hi, total - (sumLo - lo));
    return high > low;
  });
}

/** Withholds every cell below k, then the smallest others until the withheld cells are protected. */
export function suppressLine(counts: readonly number[], k = MIN_CELL): SuppressedLine {
  const suppressed = counts.map((c) => c < k);
  const complementary = counts.map(() => false);
  if (!suppressed.some(Boolean)) return { suppressed, complementary, totalSuppressed: false };
  while (!isProtected(counts, suppressed, k)) {
    let pick = -1;
    counts.forEach((c, i) => {
      if (!suppressed[i] && (pick < 0 || c < (counts[pick] ?? 0))) pick = i;
    });
    if (pick < 0) return { suppressed, complementary, totalSuppressed: true };
    suppressed[pick] = true;
    complementary[pick] = true;
  }
  return { suppressed, complementary, totalSuppressed: false };
}

export type PublishedCount =
  { kind: 'value'; value: number } | { kind: 'small' } | { kind: 'withheld' };

/** The line as it may be shown: values, "< k" cells and complementary withheld cells. */
export function publishLine(
  counts: readonly number[],
  k = MIN_CELL,
): { cells: PublishedCount[]; total: PublishedCount } {
  const line = suppressLine(counts, k);
  const total = counts.reduce((s, c) => s + c, 0);
  return {
    cells: counts.map((c, i) =>
      !line.suppressed[i]
        ? { kind: 'value', value: c }
        : line.complementary[i]
          ? { kind: 'withheld' }
          : { kind: 'small' },
    ),
    total: line.totalSuppressed
      ? { kind: 'withheld' }
      : total < k
        ? { kind: 'small' }
        : { kind: 'value', value: total },
  };
}
