// One call from inputs to a synthesis: themes with labels, quotes and weights; recommendations;
// near-duplicate groups. Deterministic for a given seed, whatever the input order.
import { buildCorpus, type Corpus } from './corpus.ts';
import { clusterVectors } from './clustering.ts';
import { nearDuplicateGroups } from './near-duplicates.ts';
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

function themesOf(corpus: Corpus, options: SynthesisOptions) {
  const clustering = clusterVectors(corpus.vectors, corpus.space.terms.length, {
    k: options.themeCount,
    seed: options.seed,
  });
  const members = clustering.centroids.map(() => [] as number[]);
  clustering.assignment.forEach((c, i) => {
    if (c >= 0) members[c]!.push(i);
  });
  const size = options.bucketSize ?? chooseBucketSize(corpus.inputs);
  // Largest first; the first member breaks ties so the numbering is stable.
  const order = members
    .map((m, c) => ({ m, c }))
    .filter((x) => x.m.length > 0)
    .sort((a, b) => b.m.length - a.m.length || a.m[0]! - b.m[0]!);
  const themes: Theme[] = order.map((x, n) => ({
    id: `theme-${n + 1}`,
    ...buildTheme(corpus, x.m, clustering.centroids[x.c]!, options, size),
  }));
  const themeOfCluster = new Map(order.map((x, n) => [x.c, `theme-${n + 1}`]));
  return { themes, themeOf: (i: number) => themeOfCluster.get(clustering.assignment[i]!) };
}

function duplicatesOf(corpus: Corpus, threshold: number | undefined): DuplicateGroup[] {
  return nearDuplicateGroups(corpus.words, { threshold }).map((g) => ({
    representativeId: corpus.inputs[g[0]!]!.id,
    sourceIds: g.map((i) => corpus.inputs[i]!.id),
  }));
}

export function synthesize(
  inputs: readonly SynthesisInput[],
  options: SynthesisOptions = {},
): Synthesis {
  const corpus = buildCorpus(inputs);
  const { themes, themeOf } = themesOf(corpus, options);
  const languages: Record<string, number> = {};
  for (const l of corpus.languages) languages[l] = (languages[l] ?? 0) + 1;
  return {
    themes,
    recommendations: extractRecommendations(corpus, themeOf),
    duplicates: duplicatesOf(corpus, options.duplicateThreshold),
    unthemedIds: corpus.inputs.filter((_, i) => themeOf(i) === undefined).map((x) => x.id),
    languages,
  };
}
