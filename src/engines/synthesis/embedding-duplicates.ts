// Near-duplicates by embedding: the same campaign text submitted in several languages shares no
// word shingle, but its translations lie close together in a multilingual embedding. Candidate
// pairs come from random-hyperplane signatures (SimHash) with LSH banding, as MinHash does for
// shingles, so 10,000 inputs are never compared all against all; each candidate is then confirmed
// by its exact cosine.
import { dot } from '../text/index.ts';
import type { SparseVector } from '../text/index.ts';
import { seededRandom } from './clustering.ts';

const BANDS = 12;
const ROWS = 12;

function hyperplanes(size: number): Float64Array[] {
  const rnd = seededRandom(0x5eed);
  // Gaussian directions (Box–Muller), so every direction of the space is equally likely.
  return Array.from({ length: BANDS * ROWS }, () =>
    Float64Array.from({ length: size }, () => {
      const u = Math.max(rnd(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
    }),
  );
}

function bandKeys(v: SparseVector, planes: readonly Float64Array[]): string[] {
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let key = 0;
    for (let r = 0; r < ROWS; r++) {
      const plane = planes[band * ROWS + r]!;
      let s = 0;
      for (let j = 0; j < v.idx.length; j++) s += v.val[j]! * plane[v.idx[j]!]!;
      key = key * 2 + (s >= 0 ? 1 : 0);
    }
    keys.push(`${band}:${key}`);
  }
  return keys;
}

/**
 * Pairs of inputs whose embeddings (unit vectors, dimension `size`) have a cosine of at least
 * `threshold`, as [i, j] with i < j, sorted.
 */
export function embeddingDuplicatePairs(
  vectors: readonly SparseVector[],
  size: number,
  threshold: number,
): Array<[number, number]> {
  const planes = hyperplanes(size);
  const buckets = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    if (v.idx.length === 0) return;
    for (const key of bandKeys(v, planes)) {
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const list of buckets.values()) {
    // A huge bucket (one mass campaign) is compared against its first member only.
    const firsts = list.length <= 32 ? list.length - 1 : 1;
    for (let x = 0; x < firsts; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [a, b] = [list[x]!, list[y]!];
        const key = a * vectors.length + b;
        if (seen.has(key)) continue;
        seen.add(key);
        if (dot(vectors[a]!, vectors[b]!) >= threshold) out.push([a, b]);
      }
    }
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}
