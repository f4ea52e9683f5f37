// The reference the opinion map is judged against: plain PCA (same mean imputation, no
// sparsity-aware scaling) and k-means straight on the participants, k in 2..5 by silhouette.
// Kept beside the engine so tests and the benchmark measure the same baseline.
import { clusteredRows } from './clusters.ts';
import { kmeansBestOf, weightedSilhouette } from './kmeans.ts';
import { buildVoteMatrix } from './matrix.ts';
import { principalComponents, project } from './pca.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';
import type { OpinionMapInput } from './types.ts';

/** A group per input participant (null when not clustered), by plain PCA + k-means. */
export function baselineGroups(input: OpinionMapInput, maxGroups = 5): Array<number | null> {
  const m = buildVoteMatrix(input);
  const pca = principalComponents(m);
  const coords = project(m, pca);
  const rows = clusteredRows(m);
  // Undo the sparsity-aware scale: plain PCA scores of the imputed, centred rows.
  const unscale = (r: number) =>
    Math.sqrt(Math.max(m.rowPtr[r + 1]! - m.rowPtr[r]!, 1) / m.colSource.length);
  const points = {
    x: Float64Array.from(rows, (r) => coords.x[r]! * unscale(r)),
    y: Float64Array.from(rows, (r) => coords.y[r]! * unscale(r)),
  };
  const random = mulberry32(7);
  let best: Int32Array | null = null;
  let bestScore = -Infinity;
  for (let k = 2; k <= Math.min(maxGroups, rows.length); k++) {
    const c = kmeansBestOf(points, k, 5, random);
    const score = weightedSilhouette(points, c.assignment, c.k);
    if (score > bestScore) [best, bestScore] = [c.assignment, score];
  }
  const groups = new Array<number | null>(input.participants.length).fill(null);
  rows.forEach((r, i) => (groups[m.rowSource[r]!] = best ? best[i]! : 0));
  return groups;
}
