// The second pass of theme clustering: themes that k-means found in different languages are
// merged when their members share enough cognates, acronyms, names and numbers (see
// text/cognates.ts). Term vectors cannot do this: "housing" and "vivienda" are different terms.
// Two themes whose inputs are mostly in the same language are never merged, so the first pass's
// split of one language's inputs into themes stands. What it can join is limited to languages written in Latin script
// with shared word roots (en, es, fr, pt, de, it…), plus any theme whose inputs cite the same
// acronyms or numbers; Arabic, Russian and Chinese themes join the others only through the
// provider's embeddings.
import { dot, sparseFromMap } from '../text/index.ts';
import type { SparseVector } from '../text/index.ts';

export interface MergeOptions {
  /**
   * Mean cognate cosine between a member of one theme and a member of the other from which the
   * two are merged (default 0.08).
   */
  threshold?: number;
}

interface Group {
  clusters: number[];
  /** The main language of each cluster in the group: two clusters of one never merge. */
  languages: Set<string>;
  /** Sum of the members' cognate vectors, as index → weight. */
  sum: Map<number, number>;
  size: number;
}

function groupOf(cluster: number, members: readonly number[], cognates: readonly SparseVector[]) {
  const sum = new Map<number, number>();
  for (const i of members) {
    const v = cognates[i]!;
    for (let j = 0; j < v.idx.length; j++)
      sum.set(v.idx[j]!, (sum.get(v.idx[j]!) ?? 0) + v.val[j]!);
  }
  return { clusters: [cluster], sum, size: members.length };
}

/** The language most of a cluster's members are in (ties to the first in alphabetical order). */
function mainLanguage(members: readonly number[], languages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const i of members) counts.set(languages[i]!, (counts.get(languages[i]!) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [l, c] of counts) {
    if (c > bestCount || (c === bestCount && l < best)) {
      best = l;
      bestCount = c;
    }
  }
  return best;
}

const disjoint = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => !b.has(x));

/**
 * The most similar pair of groups in different languages (ties to the lowest cluster numbers).
 * Similarity is average linkage: the mean cosine over all member pairs, members without a
 * cognate counting as 0, so one shared acronym in a few members does not merge whole themes.
 */
function bestPair(groups: readonly Group[], vectors: readonly SparseVector[]) {
  let best: { a: number; b: number; s: number } | undefined;
  for (let a = 0; a < groups.length; a++) {
    for (let b = a + 1; b < groups.length; b++) {
      if (!disjoint(groups[a]!.languages, groups[b]!.languages)) continue;
      const s = dot(vectors[a]!, vectors[b]!) / (groups[a]!.size * groups[b]!.size);
      if (!best || s > best.s) best = { a, b, s };
    }
  }
  return best;
}

/**
 * Merges clusters of a first-pass assignment across languages; returns the new assignment, where
 * each merged set of clusters takes its lowest cluster number. Deterministic: groups are
 * compared in cluster order and merged greedily, most similar pair first.
 */
export function mergeAcrossLanguages(
  assignment: Int32Array,
  clusterCount: number,
  languages: readonly string[],
  cognates: readonly SparseVector[],
  options: MergeOptions = {},
): Int32Array {
  const threshold = options.threshold ?? 0.08;
  const members = Array.from({ length: clusterCount }, () => [] as number[]);
  assignment.forEach((c, i) => {
    if (c >= 0) members[c]!.push(i);
  });
  let groups: Group[] = members.flatMap((m, c) =>
    m.length === 0
      ? []
      : [
          {
            ...groupOf(c, m, cognates),
            languages: new Set([mainLanguage(m, languages)]),
          },
        ],
  );
  for (;;) {
    const vectors = groups.map((g) => sparseFromMap(g.sum, false));
    const pair = bestPair(groups, vectors);
    if (!pair || pair.s < threshold) break;
    const [a, b] = [groups[pair.a]!, groups[pair.b]!];
    for (const [j, w] of b.sum) a.sum.set(j, (a.sum.get(j) ?? 0) + w);
    a.clusters.push(...b.clusters);
    a.size += b.size;
    for (const l of b.languages) a.languages.add(l);
    groups = groups.filter((_, g) => g !== pair.b);
  }
  const target = new Int32Array(clusterCount).fill(-1);
  for (const g of groups) for (const c of g.clusters) target[c] = Math.min(...g.clusters);
  return assignment.map((c) => (c >= 0 ? target[c]! : -1));
}
