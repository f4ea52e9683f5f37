// Near-duplicate detection with MinHash signatures over word shingles and LSH banding: campaign
// submissions and copy-paste variants are found in near-linear time, then confirmed by the exact
// Jaccard similarity of their shingle sets.

export interface DuplicateOptions {
  /** Jaccard similarity of shingle sets from which two texts are duplicates (default 0.8). */
  threshold?: number;
  /** Words per shingle (default 3). */
  shingleSize?: number;
}

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;

/** FNV-1a: a fixed, fast string hash, so signatures never depend on the run. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One of HASHES independent hash functions: a seeded integer mix of the base hash. */
function mix(h: number, seed: number): number {
  let x = (h ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export function shingles(words: readonly string[], size = 3): Set<string> {
  const out = new Set<string>();
  if (words.length <= size) {
    if (words.length > 0) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

function signature(set: ReadonlySet<string>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of set) {
    const h = fnv1a(s);
    for (let k = 0; k < HASHES; k++) {
      const v = mix(h, k);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/** Candidate pairs: texts whose signatures agree on a whole band. */
function candidatePairs(sigs: readonly Uint32Array[]): Array<[number, number]> {
  const pairs = new Set<number>();
  const out: Array<[number, number]> = [];
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    sigs.forEach((sig, i) => {
      const key = sig.subarray(band * ROWS, (band + 1) * ROWS).join(',');
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    });
    for (const list of buckets.values()) {
      // Small buckets are compared in full; a huge one (a mass campaign) only against its first
      // member, which the union-find then chains together.
      const firsts = list.length <= 32 ? list.length - 1 : 1;
      for (let x = 0; x < firsts; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const key = list[x]! * sigs.length + list[y]!;
          if (!pairs.has(key)) {
            pairs.add(key);
            out.push([list[x]!, list[y]!]);
          }
        }
      }
    }
  }
  return out;
}

/**
 * Groups of near-duplicate texts, as index lists (each sorted, groups in order of their first
 * index); texts without a duplicate are left out. `words` are the normalised words of each text.
 */
export function nearDuplicateGroups(
  words: readonly (readonly string[])[],
  options: DuplicateOptions = {},
): number[][] {
  const threshold = options.threshold ?? 0.8;
  const sets = words.map((w) => shingles(w, options.shingleSize ?? 3));
  const sigs = sets.map(signature);
  const parent = words.map((_, i) => i);
  for (const [a, b] of candidatePairs(sigs)) {
    if (sets[a]!.size > 0 && jaccard(sets[a]!, sets[b]!) >= threshold) {
      parent[find(parent, b)] = find(parent, a);
    }
  }
  const groups = new Map<number, number[]>();
  words.forEach((_, i) => {
    const root = find(parent, i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()].filter((g) => g.length > 1).sort((x, y) => x[0]! - y[0]!);
}
