// Weighted k-means in the plane and a weighted silhouette, for the two clustering stages.
//
// Differs from Pol.is: Pol.is seeds k-means with the first k distinct points and then carries the
// previous run's clusters forward as the conversation grows, so its groups depend on vote history.
// We recompute from scratch on every call with k-means++ seeding from a fixed-seed generator over
// the canonical (id-sorted) order: the same votes always give the same map.
import type { Random } from '../../shared/seeded-random.ts';

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

/**
 * Nearest centre for every point. Centres are sorted by x and searched outward from the point's
 * x until the x gap alone exceeds the best distance: exact, and in the plane it looks at a handful
 * of the 100 base centres instead of all of them. Ties go to the lower centre index.
 */
function assign(p: Points, c: Clustering): boolean {
  const k = c.k;
  const order = Int32Array.from({ length: k }, (_, g) => g).sort(
    (a, b) => c.cx[a]! - c.cx[b]! || a - b,
  );
  const sx = Float64Array.from(order, (g) => c.cx[g]!);
  const sy = Float64Array.from(order, (g) => c.cy[g]!);
  let changed = false;
  c.inertia = 0;
  for (let i = 0; i < p.x.length; i++) {
    const x = p.x[i]!;
    const y = p.y[i]!;
    let best = -1;
    let bestD = Infinity;
    let up = lowerBound(sx, x);
    let down = up - 1;
    while (up < k || down >= 0) {
      const gapUp = up < k ? (sx[up]! - x) ** 2 : Infinity;
      const gapDown = down >= 0 ? (x - sx[down]!) ** 2 : Infinity;
      if (gapUp > bestD && gapDown > bestD) break;
      const at = gapUp <= gapDown ? up++ : down--;
      const d = (x - sx[at]!) ** 2 + (y - sy[at]!) ** 2;
      if (d < bestD || (d === bestD && order[at]! < best)) {
        best = order[at]!;
        bestD = d;
      }
    }
    if (c.assignment[i] !== best) changed = true;
    c.assignment[i] = best;
    c.inertia += weightOf(p, i) * bestD;
  }
  return changed;
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

/** Root-mean-square distance of the points from their (weighted) mean: the scale of the cloud. */
function spread(p: Points): number {
  let w = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < p.x.length; i++) {
    w += weightOf(p, i);
    mx += weightOf(p, i) * p.x[i]!;
    my += weightOf(p, i) * p.y[i]!;
  }
  let ss = 0;
  for (let i = 0; i < p.x.length; i++)
    ss += weightOf(p, i) * ((p.x[i]! - mx / w) ** 2 + (p.y[i]! - my / w) ** 2);
  return w > 0 ? Math.sqrt(ss / w) : 0;
}

/**
 * Lloyd's algorithm from k-means++ seeds; k shrinks when there are fewer distinct points. Stops
 * when no point moves, or — like Pol.is's "same clustering" test, but relative to the cloud's
 * size rather than an absolute 0.01 — when no centre moves more than 1/1000 of its spread: on
 * 100,000 participants the last few dozen Lloyd rounds only nudge boundary points.
 */
export function kmeans(
  p: Points,
  k: number,
  random: Random,
  maxIterations = MAX_LLOYD_ITERATIONS,
): Clustering {
  const seeds = seedCentres(p, k, random);
  const c: Clustering = {
    k: seeds.length,
    assignment: new Int32Array(p.x.length).fill(-1),
    cx: Float64Array.from(seeds, (i) => p.x[i]!),
    cy: Float64Array.from(seeds, (i) => p.y[i]!),
    weight: new Float64Array(seeds.length),
    inertia: 0,
  };
  const settled = (1e-3 * spread(p)) ** 2;
  for (let it = 0; it < maxIterations; it++) {
    const changed = assign(p, c);
    const [ox, oy] = [c.cx.slice(), c.cy.slice()];
    updateCentres(p, c);
    let moved = 0;
    for (let g = 0; g < c.k; g++)
      moved = Math.max(moved, (c.cx[g]! - ox[g]!) ** 2 + (c.cy[g]! - oy[g]!) ** 2);
    if (!changed || moved <= settled) break;
  }
  assign(p, c);
  updateCentres(p, c);
  return withoutEmpty(c);
}

/**
 * k-means for very many points: Lloyd's rounds run on an evenly strided sample (the points are in
 * id order, unrelated to opinion), then every point is assigned to the nearest centre found and
 * the centres recomputed once.
 *
 * Differs from Pol.is, which iterates on every participant: base clusters only compress the map
 * before grouping, and at 100,000 participants the full Lloyd rounds cost seconds for nothing
 * the groups can see.
 */
export function kmeansSampled(
  p: Points,
  k: number,
  limits: { maxSample: number; maxIterations: number },
  random: Random,
): Clustering {
  const n = p.x.length;
  const maxSample = limits.maxSample;
  if (n <= maxSample) return kmeans(p, k, random, limits.maxIterations);
  const pick = Int32Array.from({ length: maxSample }, (_, i) => Math.floor((i * n) / maxSample));
  const sample: Points = {
    x: Float64Array.from(pick, (i) => p.x[i]!),
    y: Float64Array.from(pick, (i) => p.y[i]!),
  };
  if (p.w) sample.w = Float64Array.from(pick, (i) => p.w![i]!);
  const fitted = kmeans(sample, k, random, limits.maxIterations);
  const c: Clustering = { ...fitted, assignment: new Int32Array(n).fill(-1) };
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
