// Theme clustering: spherical k-means on TF-IDF vectors with a seeded k-means++ start. The seed
// and the canonical input order make it deterministic; no Math.random anywhere.
import { dotDense } from '../text/index.ts';
import type { SparseVector } from '../text/index.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

export interface ClusterOptions {
  /** Number of clusters; chosen from the corpus size when absent. */
  k?: number;
  seed?: number;
  maxIterations?: number;
  /** Seeded k-means++ starts to try (default 3). */
  restarts?: number;
}

export interface Clustering {
  /** Cluster of each vector; -1 for empty vectors. */
  assignment: Int32Array;
  /** L2-normalised dense centroids over the term space. */
  centroids: Float64Array[];
}

/** A seeded generator, so a given seed always gives the same clustering. */
export const seededRandom = mulberry32;

/** About one theme per few dozen inputs at first, growing slowly, capped for readability. */
export function defaultThemeCount(n: number): number {
  if (n < 4) return Math.min(n, 1);
  return Math.max(2, Math.min(20, Math.round(Math.sqrt(n / 3))));
}

function dense(v: SparseVector, size: number): Float64Array {
  const d = new Float64Array(size);
  for (let i = 0; i < v.idx.length; i++) d[v.idx[i]!] = v.val[i]!;
  return d;
}

/** k-means++: each next centre drawn with probability growing with its distance to the chosen. */
function initialCentroids(
  vecs: readonly SparseVector[],
  live: number[],
  k: number,
  size: number,
  rnd: () => number,
) {
  const centroids = [dense(vecs[live[Math.floor(rnd() * live.length)]!]!, size)];
  const dist = live.map((i) => 1 - dotDense(vecs[i]!, centroids[0]!));
  while (centroids.length < k) {
    const total = dist.reduce((s, d) => s + Math.max(0, d), 0);
    if (total <= 1e-12) break;
    let r = rnd() * total;
    let pick = dist.length - 1;
    for (let j = 0; j < dist.length; j++) {
      r -= Math.max(0, dist[j]!);
      if (r <= 0) {
        pick = j;
        break;
      }
    }
    const c = dense(vecs[live[pick]!]!, size);
    centroids.push(c);
    live.forEach((i, j) => (dist[j] = Math.min(dist[j]!, 1 - dotDense(vecs[i]!, c))));
  }
  return centroids;
}

function assign(
  vecs: readonly SparseVector[],
  live: readonly number[],
  centroids: Float64Array[],
  out: Int32Array,
) {
  let changed = 0;
  for (const i of live) {
    let best = 0;
    let bestSim = -Infinity;
    centroids.forEach((c, j) => {
      const s = dotDense(vecs[i]!, c);
      if (s > bestSim) {
        bestSim = s;
        best = j;
      }
    });
    if (out[i] !== best) changed++;
    out[i] = best;
  }
  return changed;
}

function recompute(
  vecs: readonly SparseVector[],
  live: readonly number[],
  assignment: Int32Array,
  centroids: Float64Array[],
) {
  const sums = centroids.map((c) => new Float64Array(c.length));
  for (const i of live) {
    const v = vecs[i]!;
    const s = sums[assignment[i]!]!;
    for (let j = 0; j < v.idx.length; j++) s[v.idx[j]!]! += v.val[j]!;
  }
  return sums.map((s, j) => {
    const n = Math.sqrt(s.reduce((t, x) => t + x * x, 0));
    // An emptied cluster keeps its old centre rather than vanishing mid-run.
    return n === 0 ? centroids[j]! : s.map((x) => x / n);
  });
}

export function clusterVectors(
  vecs: readonly SparseVector[],
  size: number,
  options: ClusterOptions = {},
): Clustering {
  const assignment = new Int32Array(vecs.length).fill(-1);
  const live = vecs.flatMap((v, i) => (v.idx.length > 0 ? [i] : []));
  const k = Math.min(options.k ?? defaultThemeCount(live.length), live.length);
  if (k === 0) return { assignment, centroids: [] };
  let centroids = initialCentroids(vecs, live, k, size, seededRandom(options.seed ?? 1));
  for (let it = 0; it < (options.maxIterations ?? 25); it++) {
    const changed = assign(vecs, live, centroids, assignment);
    centroids = recompute(vecs, live, assignment, centroids);
    if (changed === 0) break;
  }
  return { assignment, centroids };
}
