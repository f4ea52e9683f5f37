// Weighted k-means in the plane and a weighted silhouette, for the two clustering stages.
//
// Differs from Pol.is: Pol.is seeds k-means with the first k distinct points and then carries the
// previous run's clusters forward as the conversation grows, so its groups depend on vote history.
// We recompute from scratch on every call with k-means++ seeding from a fixed-seed generator over
// the canonical (id-sorted) order: the same votes always give the same map.
import type { Random } from './prng.ts';

export interface Points {
  x: Float64Array;
  y: Float64Array;
  /** Weight of each point (e.g. members of a base cluster); all 1 when absent. */
  w?: Float64Array;
}

export interface Clustering {
  k: number;
  assignment: Int32Array;
  cx: Float64Array;
  cy: Float64Array;
  /** Total weight per cluster. */
  weight: Float64Array;
  /** Weighted sum of squared distances to the assigned centres. */
  inertia: number;
}

const MAX_LLOYD_ITERATIONS = 100;

const weightOf = (p: Points, i: number) => (p.w ? p.w[i]! : 1);

/** k-means++: each new centre drawn with probability ∝ weight × squared distance to the nearest. */
function seedCentres(p: Points, k: number, random: Random): number[] {
  const n = p.x.length;
  const d2 = new Float64Array(n).fill(Infinity);
  const chosen: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) total += weightOf(p, i);
  let next = pickWeighted(random() * total, n, (i) => weightOf(p, i));
  while (next >= 0 && chosen.length < k) {
    chosen.push(next);
    let mass = 0;
    for (let i = 0; i < n; i++) {
      const d = (p.x[i]! - p.x[next]!) ** 2 + (p.y[i]! - p.y[next]!) ** 2;
      if (d < d2[i]!) d2[i] = d;
      mass += weightOf(p, i) * d2[i]!;
    }
    // No mass left means every point sits on a centre: fewer distinct points than k.
    next = mass > 0 ? pickWeighted(random() * mass, n, (i) => weightOf(p, i) * d2[i]!) : -1;
  }
  return chosen;
}

function pickWeighted(target: number, n: number, weight: (i: number) => number): number {
  let last = -1;
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    if (w <= 0) continue;
    last = i;
    target -= w;
    if (target < 0) return i;
  }
  return last;
}

function assign(p: Points, c: Clustering): boolean {
  let changed = false;
  c.inertia = 0;
  for (let i = 0; i < p.x.length; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let g = 0; g < c.k; g++) {
      const d = (p.x[i]! - c.cx[g]!) ** 2 + (p.y[i]! - c.cy[g]!) ** 2;
      if (d < bestD) {
        bestD = d;
        best = g;
      }
    }
    if (c.assignment[i] !== best) changed = true;
    c.assignment[i] = best;
    c.inertia += weightOf(p, i) * bestD;
  }
  return changed;
}

function updateCentres(p: Points, c: Clustering): void {
  const sx = new Float64Array(c.k);
  const sy = new Float64Array(c.k);
  c.weight.fill(0);
  for (let i = 0; i < p.x.length; i++) {
    const g = c.assignment[i]!;
    const w = weightOf(p, i);
    sx[g]! += w * p.x[i]!;
    sy[g]! += w * p.y[i]!;
    c.weight[g]! += w;
  }
  // An emptied cluster keeps its old centre; it is dropped by `withoutEmpty` at the end.
  for (let g = 0; g < c.k; g++) {
    if (c.weight[g]! > 0) {
      c.cx[g] = sx[g]! / c.weight[g]!;
      c.cy[g] = sy[g]! / c.weight[g]!;
    }
  }
}

function withoutEmpty(c: Clustering): Clustering {
  const keep = [...c.weight.keys()].filter((g) => c.weight[g]! > 0);
  if (keep.length === c.k) return c;
  const renumber = new Int32Array(c.k).fill(-1);
  keep.forEach((g, i) => (renumber[g] = i));
  return {
    k: keep.length,
    assignment: c.assignment.map((g) => renumber[g]!),
    cx: Float64Array.from(keep, (g) => c.cx[g]!),
    cy: Float64Array.from(keep, (g) => c.cy[g]!),
    weight: Float64Array.from(keep, (g) => c.weight[g]!),
    inertia: c.inertia,
  };
}

/** Lloyd's algorithm from k-means++ seeds; k shrinks when there are fewer distinct points. */
export function kmeans(p: Points, k: number, random: Random): Clustering {
  const seeds = seedCentres(p, k, random);
  const c: Clustering = {
    k: seeds.length,
    assignment: new Int32Array(p.x.length).fill(-1),
    cx: Float64Array.from(seeds, (i) => p.x[i]!),
    cy: Float64Array.from(seeds, (i) => p.y[i]!),
    weight: new Float64Array(seeds.length),
    inertia: 0,
  };
  for (let it = 0; it < MAX_LLOYD_ITERATIONS; it++) {
    const changed = assign(p, c);
    updateCentres(p, c);
    if (!changed) break;
  }
  assign(p, c);
  updateCentres(p, c);
  return withoutEmpty(c);
}

/** The best of several seeded runs by inertia; cheap when the points are a hundred base centres. */
export function kmeansBestOf(p: Points, k: number, runs: number, random: Random): Clustering {
  let best = kmeans(p, k, random);
  for (let r = 1; r < runs; r++) {
    const next = kmeans(p, k, random);
    if (next.inertia < best.inertia - 1e-12 * Math.abs(best.inertia)) best = next;
  }
  return best;
}

/**
 * Mean silhouette where a point of weight w stands for w co-located members (a base cluster):
 * it equals the participants' silhouette with each participant placed at its base centre.
 */
export function weightedSilhouette(p: Points, assignment: Int32Array, k: number): number {
  const n = p.x.length;
  let sum = 0;
  let total = 0;
  const byCluster = new Float64Array(k);
  const weightIn = new Float64Array(k);
  for (let i = 0; i < n; i++) weightIn[assignment[i]!]! += weightOf(p, i);
  for (let i = 0; i < n; i++) {
    byCluster.fill(0);
    for (let j = 0; j < n; j++) {
      const d = Math.hypot(p.x[i]! - p.x[j]!, p.y[i]! - p.y[j]!);
      byCluster[assignment[j]!]! += weightOf(p, j) * d;
    }
    const own = assignment[i]!;
    const w = weightOf(p, i);
    total += w;
    if (weightIn[own]! <= 1) continue; // a lone member scores 0 by convention
    const a = byCluster[own]! / (weightIn[own]! - 1);
    let b = Infinity;
    for (let g = 0; g < k; g++)
      if (g !== own && weightIn[g]! > 0) b = Math.min(b, byCluster[g]! / weightIn[g]!);
    const s = Math.max(a, b) > 0 && Number.isFinite(b) ? (b - a) / Math.max(a, b) : 0;
    sum += w * s;
  }
  return total > 0 ? sum / total : 0;
}
