// Weighted sparse term vectors (TF-IDF or BM25) and their cosine. Vectors are sorted index/value
// arrays, so a dot product is one merge and a corpus of 10,000 texts stays small in memory.

export interface SparseVector {
  readonly idx: Uint32Array;
  readonly val: Float64Array;
}

export type Weighting = 'tfidf' | 'bm25';

export interface TermSpaceOptions {
  weighting?: Weighting;
  /** BM25 saturation (default 1.2) and length normalisation (default 0.75). */
  k1?: number;
  b?: number;
}

export interface TermSpace {
  readonly terms: readonly string[];
  readonly termIndex: ReadonlyMap<string, number>;
  readonly idf: Float64Array;
  /** One L2-normalised vector per document, in input order. */
  readonly vectors: SparseVector[];
  /** The vector of new terms in this space; terms unseen in the corpus are ignored. */
  vectorize(terms: readonly string[]): SparseVector;
}

export const EMPTY_VECTOR: SparseVector = { idx: new Uint32Array(0), val: new Float64Array(0) };

/** Builds a vector from index → weight pairs, sorted, optionally L2-normalised. */
export function sparseFromMap(
  weights: ReadonlyMap<number, number>,
  normalize = true,
): SparseVector {
  const idx = Uint32Array.from(weights.keys()).sort();
  const val = new Float64Array(idx.length);
  let sq = 0;
  for (let i = 0; i < idx.length; i++) {
    const v = weights.get(idx[i]!) ?? 0;
    val[i] = v;
    sq += v * v;
  }
  if (normalize && sq > 0) {
    const inv = 1 / Math.sqrt(sq);
    for (let i = 0; i < val.length; i++) val[i]! *= inv;
  }
  return { idx, val };
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) s += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

export function norm(a: SparseVector): number {
  let s = 0;
  for (const v of a.val) s += v * v;
  return Math.sqrt(s);
}

/** A block of a joined vector: its own L2-normalised vector, where it starts, and its weight. */
export interface VectorBlock {
  vector: SparseVector;
  offset: number;
  weight: number;
}

/**
 * Several vectors side by side in one space. With unit blocks and squared weights summing to 1,
 * the dot product of two joined vectors is the weighted sum of their blocks' cosines.
 */
export function joinVectors(blocks: readonly VectorBlock[]): SparseVector {
  const length = blocks.reduce((s, b) => s + b.vector.idx.length, 0);
  const idx = new Uint32Array(length);
  const val = new Float64Array(length);
  let at = 0;
  // Blocks come in offset order, so the joined indices stay sorted.
  for (const { vector, offset, weight } of blocks) {
    for (let i = 0; i < vector.idx.length; i++, at++) {
      idx[at] = vector.idx[i]! + offset;
      val[at] = vector.val[i]! * weight;
    }
  }
  return { idx, val };
}

/** A dense vector (an embedding) as a sparse one, L2-normalised; empty when it is all zeros. */
export function sparseFromDense(values: ArrayLike<number>): SparseVector {
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += values[i]! * values[i]!;
  if (sq === 0) return EMPTY_VECTOR;
  const inv = 1 / Math.sqrt(sq);
  const idx = new Uint32Array(values.length);
  const val = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    idx[i] = i;
    val[i] = values[i]! * inv;
  }
  return { idx, val };
}

/** Cosine similarity; 0 when either vector is empty. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const n = norm(a) * norm(b);
  return n === 0 ? 0 : dot(a, b) / n;
}

/** Dot product of a sparse vector with a dense one (a centroid). */
export function dotDense(a: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.idx.length; i++) s += a.val[i]! * (dense[a.idx[i]!] ?? 0);
  return s;
}

function countIndexed(
  terms: readonly string[],
  index: ReadonlyMap<string, number>,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const i = index.get(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return counts;
}

function buildIndex(docs: readonly (readonly string[])[]): {
  terms: string[];
  termIndex: Map<string, number>;
} {
  const termIndex = new Map<string, number>();
  const terms: string[] = [];
  for (const doc of docs) {
    for (const t of doc) {
      if (!termIndex.has(t)) {
        termIndex.set(t, terms.length);
        terms.push(t);
      }
    }
  }
  return { terms, termIndex };
}

/** Smoothed IDF, as scikit-learn's: never zero, so a term in every document still counts a little. */
function inverseDocumentFrequency(
  counts: readonly Map<number, number>[],
  size: number,
): Float64Array {
  const df = new Float64Array(size);
  for (const c of counts) for (const i of c.keys()) df[i]! += 1;
  const n = counts.length;
  return df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
}

function weigh(
  counts: Map<number, number>,
  idf: Float64Array,
  o: Required<TermSpaceOptions>,
  avgLen: number,
) {
  let len = 0;
  for (const c of counts.values()) len += c;
  const weights = new Map<number, number>();
  for (const [i, tf] of counts) {
    const w =
      o.weighting === 'bm25'
        ? (tf * (o.k1 + 1)) / (tf + o.k1 * (1 - o.b + (o.b * len) / (avgLen || 1)))
        : 1 + Math.log(tf);
    weights.set(i, w * idf[i]!);
  }
  return sparseFromMap(weights);
}

/** A term space over a corpus of analysed documents. */
export function buildTermSpace(
  docs: readonly (readonly string[])[],
  options: TermSpaceOptions = {},
): TermSpace {
  const o: Required<TermSpaceOptions> = { weighting: 'tfidf', k1: 1.2, b: 0.75, ...options };
  const { terms, termIndex } = buildIndex(docs);
  const counts = docs.map((d) => countIndexed(d, termIndex));
  const idf = inverseDocumentFrequency(counts, terms.length);
  const avgLen = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length);
  const vectors = counts.map((c) => weigh(c, idf, o, avgLen));
  const vectorize = (t: readonly string[]) => weigh(countIndexed(t, termIndex), idf, o, avgLen);
  return { terms, termIndex, idf, vectors, vectorize };
}
