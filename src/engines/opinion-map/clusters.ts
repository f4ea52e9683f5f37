// Opinion groups, Pol.is style: participants with enough votes are first compressed into at most
// 100 base clusters, then the base centres (weighted by their members) are clustered into 2–5
// groups, the number chosen by silhouette.
//
// As in Pol.is, the silhouette that picks k is taken over the base centres unweighted (each base
// cluster one point): on real conversations weighting by members let a large, diffuse majority
// split into extra groups Pol.is does not find.
//
// Differs from Pol.is: Pol.is smooths k across updates (a new k must win several runs in a row)
// because it recomputes on every few votes; we are a one-shot computation and take the best
// silhouette directly (ties go to the smaller k).
import { kmeansBestOf, kmeansSampled, weightedSilhouette, type Points } from './kmeans.ts';
import { colCount, rowCount, type VoteMatrix } from './matrix.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

export interface GroupAssignment {
  /** Group index (0..k-1) per canonical row, -1 when ungrouped. */
  groupOfRow: Int32Array;
  /** The id reported for each group index. */
  groupIds: number[];
}

export interface ClusterOptions {
  maxBaseClusters: number;
  maxGroups: number;
}

const GROUP_RESTARTS = 20;
/**
 * Base clustering fits its centres on at most this many participants (see kmeansSampled), in at
 * most this many Lloyd rounds — Pol.is's own k-means default (its base clustering allows 100, but
 * it resumes from the previous run's centres, so each run needs only a few).
 */
const BASE_LIMITS = { maxSample: 20_000, maxIterations: 20 };

/** Pol.is tops the clustered participants up to this many with the most active voters. */
const GREEDY_MINIMUM = 15;

/**
 * Participants clustered, as Pol.is: everyone with at least min(7, statements) votes and, while
 * fewer than 15 qualify, the most active of the rest (ties by canonical order).
 *
 * Differs from Pol.is: its set only grows over a conversation's life (once in, always in) and it
 * counts votes on removed statements too; we decide from the current votes on live statements,
 * so a participant's place never depends on history or on what moderation later removed.
 */
export function clusteredRows(m: VoteMatrix): Int32Array {
  const threshold = Math.max(1, Math.min(7, colCount(m)));
  const votes = (r: number) => m.rowPtr[r + 1]! - m.rowPtr[r]!;
  const rows: number[] = [];
  const rest: number[] = [];
  for (let r = 0; r < rowCount(m); r++) {
    if (votes(r) >= threshold) rows.push(r);
    else if (votes(r) > 0) rest.push(r);
  }
  if (rows.length < GREEDY_MINIMUM) {
    rest.sort((a, b) => votes(b) - votes(a) || a - b);
    rows.push(...rest.slice(0, GREEDY_MINIMUM - rows.length));
    rows.sort((a, b) => a - b);
  }
  return Int32Array.from(rows);
}

function chooseGroups(bases: Points, maxGroups: number): Int32Array {
  const n = bases.x.length;
  if (n <= 1) return new Int32Array(n);
  const maxK = Math.min(maxGroups, 2 + Math.floor(n / 12), n);
  const random = mulberry32(0x9e3779b9);
  let best: Int32Array = new Int32Array(n);
  let bestScore = -Infinity;
  for (let k = 2; k <= maxK; k++) {
    const c = kmeansBestOf(bases, k, GROUP_RESTARTS, random);
    if (c.k < 2) continue;
    const score = weightedSilhouette({ x: bases.x, y: bases.y }, c.assignment, c.k);
    if (score > bestScore + 1e-12) {
      bestScore = score;
      best = c.assignment;
    }
  }
  return best;
}

/** Group indices ordered by size (largest first), ties by the first member, so ids are stable. */
function orderBySize(groupOfRow: Int32Array): GroupAssignment {
  const size = new Map<number, { size: number; first: number }>();
  groupOfRow.forEach((g, r) => {
    if (g < 0) return;
    const s = size.get(g) ?? { size: 0, first: r };
    s.size++;
    size.set(g, s);
  });
  const order = [...size.keys()].sort(
    (a, b) => size.get(b)!.size - size.get(a)!.size || size.get(a)!.first - size.get(b)!.first,
  );
  const renumber = new Map(order.map((g, i) => [g, i]));
  return {
    groupOfRow: groupOfRow.map((g) => (g < 0 ? -1 : renumber.get(g)!)),
    groupIds: order.map((_, i) => i),
  };
}

export function computeGroups(
  m: VoteMatrix,
  coords: { x: Float64Array; y: Float64Array },
  options: ClusterOptions,
): GroupAssignment {
  const rows = clusteredRows(m);
  const points: Points = {
    x: Float64Array.from(rows, (r) => coords.x[r]!),
    y: Float64Array.from(rows, (r) => coords.y[r]!),
  };
  const base = kmeansSampled(points, options.maxBaseClusters, BASE_LIMITS, mulberry32(0x2545f491));
  const groupOfBase = chooseGroups({ x: base.cx, y: base.cy, w: base.weight }, options.maxGroups);
  const groupOfRow = new Int32Array(rowCount(m)).fill(-1);
  rows.forEach((r, i) => (groupOfRow[r] = groupOfBase[base.assignment[i]!]!));
  return orderBySize(groupOfRow);
}

/** Groups imposed by the caller (e.g. Pol.is's own), keyed by their given numbers. */
export function fixedGroups(
  m: VoteMatrix,
  groupOfSource: ReadonlyArray<number | undefined>,
): GroupAssignment {
  const ids = [...new Set(groupOfSource.filter((g): g is number => g !== undefined))].sort(
    (a, b) => a - b,
  );
  const index = new Map(ids.map((g, i) => [g, i]));
  const groupOfRow = Int32Array.from(m.rowSource, (s) => {
    const g = groupOfSource[s];
    return g === undefined ? -1 : index.get(g)!;
  });
  return { groupOfRow, groupIds: ids };
}
