// Agree / disagree / seen counts per (label, statement), for opinion groups and stakeholder groups
// alike. Flat typed arrays indexed label × statements keep 5 groups × 10,000 statements tiny.
import { colCount, rowCount, type VoteMatrix } from './matrix.ts';
import type { VoteTally } from './types.ts';

export interface Tallies {
  labels: number;
  cols: number;
  agree: Int32Array;
  disagree: Int32Array;
  /** Every vote, passes included: Pol.is's S. */
  seen: Int32Array;
}

/** Counts each row's votes under its label; rows labelled -1 are left out. */
export function tallyBy(m: VoteMatrix, labelOfRow: Int32Array, labels: number): Tallies {
  const cols = colCount(m);
  const t: Tallies = {
    labels,
    cols,
    agree: new Int32Array(labels * cols),
    disagree: new Int32Array(labels * cols),
    seen: new Int32Array(labels * cols),
  };
  for (let r = 0; r < rowCount(m); r++) {
    const g = labelOfRow[r]!;
    if (g < 0) continue;
    for (let e = m.rowPtr[r]!; e < m.rowPtr[r + 1]!; e++) {
      const cell = g * cols + m.col[e]!;
      const v = m.value[e]!;
      if (v === 1) t.agree[cell]!++;
      else if (v === -1) t.disagree[cell]!++;
      t.seen[cell]!++;
    }
  }
  return t;
}

export function tallyAt(t: Tallies, label: number, col: number): VoteTally {
  const cell = label * t.cols + col;
  return { A: t.agree[cell]!, D: t.disagree[cell]!, S: t.seen[cell]! };
}

/** Sum over all labels: with `tallyAt`, gives "the rest" of a group by subtraction. */
export function totalAt(t: Tallies, col: number): VoteTally {
  const sum = { A: 0, D: 0, S: 0 };
  for (let g = 0; g < t.labels; g++) {
    const x = tallyAt(t, g, col);
    sum.A += x.A;
    sum.D += x.D;
    sum.S += x.S;
  }
  return sum;
}
