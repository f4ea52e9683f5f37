// One call from inputs to a synthesis: themes with labels, quotes and weights; recommendations;
// near-duplicate groups. Deterministic for a given seed, whatever the input order.
import { buildCorpus, type Corpus, type Embeddings } from './corpus.ts';
import { embeddingDuplicatePairs } from './embedding-duplicates.ts';
import { clusterVectors } from './clustering.ts';
import { nearDuplicateGroups } from './near-duplicates.ts';
import { mergeAcrossLanguages } from './theme-merging.ts';
import { extractRecommendations } from './recommendations.ts';
import { byCentrality, centralSentence, keyQuotes, keyTerms } from './themes.ts';
import type { DuplicateGroup, Synthesis, SynthesisInput, Theme } from './types.ts';
import { chooseBucketSize, themeWeights, type BucketSize } from './weights.ts';

export interface SynthesisOptions {
  /** Number of themes; chosen from the number of inputs when absent. */
  themeCount?: number;
  seed?: number;
  quotesPerTheme?: number;
  /** Shingle Jaccard from which two inputs are near-duplicates (default 0.8). */
  duplicateThreshold?: number;
  bucketSize?: BucketSize;
  /**
   * The provider's embeddings by input id, when the secretariat enabled it: themes are then
   * clustered mostly on them, and near-duplicates include translations of one text.
   */
  embeddings?: Embeddings;
  /** Embedding cosine from which two inputs are near-duplicates (default 0.95). */
  embeddingDuplicateThreshold?: number;
  /** Merge themes of different languages that share cognates (default true). */
  joinLanguages?: boolean;
  /** Mean cognate cosine from which themes of different languages merge (default 0.08). */
  languageJoinThreshold?: number;
}

function buildTheme(
  corpus: Corpus,
  members: number[],
  centroid: Float64Array,
  options: SynthesisOptions,
  size: BucketSize,
) {
  const ranked = byCentrality(corpus, members, centroid);
  const terms = keyTerms(corpus, centroid);
  const top = ranked[0];
  const central = top === undefined ? undefined : centralSentence(corpus, top.i, centroid);
  return {
    label: terms.slice(0, 3).join(' · '),
    keyTerms: terms,
    centralSentence:
      central && top ? { text: central.text, sourceIds: [corpus.inputs[top.i]!.id] } : undefined,
    sourceIds: members.map((i) => corpus.inputs[i]!.id),
    weights: themeWeights(
      corpus.inputs,
      members.map((i) => corpus.inputs[i]!),
      size,
    ),
    quotes: keyQuotes(corpus, ranked, centroid, options.quotesPerTheme ?? 3),
  };
}

/** The normalised mean of the members' features: a merged theme's centre. */
function centroidOf(corpus: Corpus, members: readonly number[]): Float64Array {
  const sum = new Float64Array(corpus.featureSize);
  for (const i of members) {
    const v = corpus.features[i]!;
    for (let j = 0; j < v.idx.length; j++) sum[v.idx[j]!]! += v.val[j]!;
  }
  const n = Math.sqrt(sum.reduce((t, x) => t + x * x, 0)) || 1;
  return sum.map((x) => x / n);
}

/** k-means on the features, then themes of different languages merged on shared cognates. */
function clusterThemes(corpus: Corpus, options: SynthesisOptions): Int32Array {
  const clustering = clusterVectors(corpus.features, corpus.featureSize, {
    k: options.themeCount,
    seed: options.seed,
  });
  if (options.joinLanguages === false) return clustering.assignment;
  return mergeAcrossLanguages(
    clustering.assignment,
    clustering.centroids.length,
    corpus.languages,
    corpus.cognates,
    { threshold: options.languageJoinThreshold },
  );
}

function themesOf(corpus: Corpus, options: SynthesisOptions) {
  const assignment = clusterThemes(corpus, options);
  const byCluster = new Map<number, number[]>();
  assignment.forEach((c, i) => {
    if (c >= 0) byCluster.set(c, [...(byCluster.get(c) ?? []), i]);
  });
  const size = options.bucketSize ?? chooseBucketSize(corpus.inputs);
  // Largest first; the first member breaks ties so the numbering is stable.
  const order = [...byCluster]
    .map(([c, m]) => ({ m, c }))
    .sort((a, b) => b.m.length - a.m.length || a.m[0]! - b.m[0]!);
  const themes: Theme[] = order.map((x, n) => ({
    id: `theme-${n + 1}`,
    ...buildTheme(corpus, x.m, centroidOf(corpus, x.m), options, size),
  }));
  const themeOfCluster = new Map(order.map((x, n) => [x.c, `theme-${n + 1}`]));
  return { themes, themeOf: (i: number) => themeOfCluster.get(assignment[i]!) };
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
}

/** Shingle near-duplicates, joined by embedding near-duplicates (translations) when there are any. */
function duplicateIndexGroups(corpus: Corpus, options: SynthesisOptions): number[][] {
  const groups = nearDuplicateGroups(corpus.words, { threshold: options.duplicateThreshold });
  if (!corpus.embedding) return groups;
  const parent = corpus.inputs.map((_, i) => i);
  const pairs = embeddingDuplicatePairs(
    corpus.embedding.vectors,
    corpus.embedding.size,
    options.embeddingDuplicateThreshold ?? 0.95,
  );
  for (const g of groups) for (const i of g.slice(1)) pairs.push([g[0]!, i]);
  for (const [a, b] of pairs) parent[find(parent, b)] = find(parent, a);
  const byRoot = new Map<number, number[]>();
  parent.forEach((_, i) =>
    byRoot.set(find(parent, i), [...(byRoot.get(find(parent, i)) ?? []), i]),
  );
  return [...byRoot.values()].filter((g) => g.length > 1).sort((x, y) => x[0]! - y[0]!);
}

function duplicatesOf(corpus: Corpus, options: SynthesisOptions): DuplicateGroup[] {
  return duplicateIndexGroups(corpus, options).map((g) => ({
    representativeId: corpus.inputs[g[0]!]!.id,
    sourceIds: g.map((i) => corpus.inputs[i]!.id),
  }));
}

export function synthesize(
  inputs: readonly SynthesisInput[],
  options: SynthesisOptions = {},
): Synthesis {
  const corpus = buildCorpus(inputs, options.embeddings);
  const { themes, themeOf } = themesOf(corpus, options);
  const languages: Record<string, number> = {};
  for (const l of corpus.languages) languages[l] = (languages[l] ?? 0) + 1;
  return {
    themes,
    recommendations: extractRecommendations(corpus, themeOf),
    duplicates: duplicatesOf(corpus, options),
    unthemedIds: corpus.inputs.filter((_, i) => themeOf(i) === undefined).map((x) => x.id),
    languages,
  };
}
