// Synthesis speed on generated multilingual submissions (budget: 10,000 in ≤ 60 s on 2 cores) and
// key-point matching quality on the real ArgKP dev split, beside the TF-IDF baseline of the same run.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchRow } from './bench.ts';
import { fmt } from './bench.ts';
import { loadArgKpSplit } from '../src/cli/keypoints.ts';
import {
  keyPointMeanAveragePrecision,
  scoreKeyPoints,
  synthesize,
  tfidfBaselineScores,
  trainKeyPointModel,
  type KeyPointScores,
} from '../src/engines/synthesis/index.ts';
import { generateLabelled, languageJoining } from './support/multilingual-submissions.ts';

function timeSynthesis(n: number): BenchRow[] {
  const labelled = generateLabelled(n);
  const inputs = labelled.map((l) => l.input);
  const t0 = performance.now();
  const result = synthesize(inputs);
  const seconds = (performance.now() - t0) / 1000;
  const joined = languageJoining(labelled, result);
  const apart = languageJoining(labelled, synthesize(inputs, { joinLanguages: false }));
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const without = (v: string) => `without the cross-language pass ${v}`;
  const size = fmt.n(n);
  return [
    {
      what: `synthesis of ${size} multilingual submissions (${result.themes.length} themes, ${fmt.n(result.recommendations.length)} recommendations)`,
      value: fmt.s(seconds),
      budget: n === 10_000 ? '≤ 60 s' : undefined,
      ok: n === 10_000 ? seconds <= 60 : undefined,
    },
    {
      what: `${size}: themes where two or more languages each hold ≥ 10 % of the members`,
      value: `${joined.multilingualThemes} of ${result.themes.length}`,
      reference: without(String(apart.multilingualThemes)),
    },
    {
      what: `${size}: same-topic pairs in two of en/es/fr that share a theme`,
      value: pct(joined.recall.latin),
      reference: without(pct(apart.recall.latin)),
    },
    {
      what: `${size}: same-topic pairs in two languages, one of them ar/ru/zh, that share a theme`,
      value: pct(joined.recall.other),
      reference: without(pct(apart.recall.other)),
    },
    {
      what: `${size}: pairs in two languages sharing a theme that are on the same topic`,
      value: pct(joined.precision),
      reference: without(pct(apart.precision)),
    },
  ];
}

function argKpRows(): BenchRow[] {
  const dir = fileURLToPath(new URL('../test-data/argkp', import.meta.url));
  if (!existsSync(dir)) return [{ what: 'ArgKP dev mAP', value: `not measured: ${dir} missing` }];
  const dev = loadArgKpSplit(dir, 'dev');
  const keyPointIds = dev.keyPoints.map((k) => k.id);
  const t0 = performance.now();
  const model = trainKeyPointModel(loadArgKpSplit(dir, 'train'));
  const ourScores = scoreKeyPoints(dev.args, dev.keyPoints, model);
  const seconds = (performance.now() - t0) / 1000;
  const baseScores = tfidfBaselineScores(dev.args, dev.keyPoints);
  const map = (scores: KeyPointScores, topShare: number) =>
    keyPointMeanAveragePrecision(dev.args, scores, dev.labels, { keyPointIds, topShare });
  const [ours, base] = [map(ourScores, 0.5), map(baseScores, 0.5)];
  const [oursAll, baseAll] = [map(ourScores, 1), map(baseScores, 1)];
  const row = (what: string, v: number, b: number): BenchRow => ({
    what,
    value: v.toFixed(3),
    reference: `TF-IDF cosine ${b.toFixed(3)} (${fmt.ratio(v / b)})`,
  });
  return [
    row('ArgKP dev mAP strict', ours.strict, base.strict),
    row('ArgKP dev mAP relaxed', ours.relaxed, base.relaxed),
    row(
      'ArgKP dev mAP strict, every argument ranked (no top-half cut)',
      oursAll.strict,
      baseAll.strict,
    ),
    row(
      'ArgKP dev mAP relaxed, every argument ranked (no top-half cut)',
      oursAll.relaxed,
      baseAll.relaxed,
    ),
    { what: 'ArgKP: train on train split + score dev', value: fmt.s(seconds) },
  ];
}

const ARGKP_NOTES = [
  'KPA-2021 metric (the official track 1 script): each argument keeps its best-scoring key point;',
  'per (topic, stance) the top half of those by score is ranked; average precision, strict',
  '(undecided = 0) and relaxed (undecided = 1), averaged over the 8 dev (topic, stance) groups. Our',
  'implementation was checked once against a re-implementation of the official script (pandas,',
  'scikit-learn): the same dev figures to 15 decimals. TF-IDF cosine is scikit-learn’s',
  'TfidfVectorizer with its defaults (lower case, tokens of 2+ word characters, no stop words or',
  'stemming, raw counts, smoothed IDF, L2 norm) fitted on all dev arguments and key points; its',
  'cosines agree with scikit-learn’s to 1e-15. Our matcher is a logistic regression over lexical',
  'similarities (stems, BM25, character 4-grams, words, content words, key points expanded with',
  'their best arguments, neighbour propagation, words that are not the topic’s), each also as a',
  'margin over the argument’s best other key point and as a z-score within its key point, learned',
  'from the train split only; its features were chosen by four-fold topic-held-out validation on',
  'train (0.743 strict / 0.854 relaxed there, from 0.694 / 0.800 without the margins, z-scores and',
  'off-topic words; on dev they give 0.881 / 0.902 against 0.864 / 0.889 before, and 0.889 / 0.905',
  'without the off-topic words, which validation on train preferred).',
  '\n\nAbout the ≈0.43 strict / 0.65 relaxed quoted for a plain TF-IDF baseline in the issue: no honest',
  'TF-IDF variant reaches it on dev with this metric. With the official metric, dev gives 0.82/0.85',
  '(defaults, fitted on dev), 0.73/0.84 (fitted per topic), 0.69/0.80 (per topic and stance),',
  '0.71/0.78 (fitted on train), 0.78/0.85 (English stop words), 0.62/0.68 (no IDF), 0.63/0.72',
  '(binary counts), 0.83/0.85 (one-letter words kept, or our own analyzer), 0.75/0.90 (key points',
  'of both stances); random scores give 0.24/0.41, and the train split 0.66/0.78. Near 0.43 or 0.65',
  'only with another metric: average precision over all (argument, key point) pairs per (topic,',
  'stance) gives 0.43 strict but 0.54 relaxed, and the same over the top half of pairs 0.54 strict',
  '/ 0.66 relaxed. The quoted figure probably comes from another split (the shared task’s test',
  'topics have 4 to 7 key points per stance, against 3 to 5 on dev, and they share the topic words)',
  'or a pairwise metric; it is not a reference for this table.',
].join(' ');

export const run: Bench = async () => [
  {
    title: 'Synthesis (local multilingual engine)',
    rows: [...timeSynthesis(1_000), ...timeSynthesis(10_000)],
    notes:
      'Generated submissions in ar, en, es, fr, ru and zh (1–4 sentences each, on the topic of the first one ' +
      'but straying one sentence in four; six topics, internet governance among them), 5 stakeholder groups, ' +
      '5 regions, 90 days. One process, one core. Includes language detection, analysis, clustering, quotes, ' +
      'weights, recommendations and near-duplicates. Pairs are counted over submissions that keep to one topic. ' +
      'The cross-language pass merges themes of different main languages whose members share cognates, ' +
      'acronyms and numbers (mean cognate cosine ≥ 0.08, a threshold chosen on this generated data); it can ' +
      'only join Latin-script languages with shared word roots, so ar/ru/zh pairs that share a theme do so ' +
      'through Latin-script acronyms or k-means alone: joining them needs the provider’s embeddings.',
  },
  {
    title: 'Key-point matching (ArgKP-2021 dev)',
    rows: argKpRows(),
    notes: ARGKP_NOTES.replace(/ ?\n\n ?/g, '\n\n'),
  },
];
