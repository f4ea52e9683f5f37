// Key-point matching: score each argument against every key point of its (topic, stance). The
// learned matcher is a logistic regression over lexical pair features, trained on labelled pairs
// (the ArgKP train split); the TF-IDF cosine baseline is kept as the reference it must beat.
import { buildTermSpace, dot, tokenize } from '../text/index.ts';
import {
  FEATURE_NAMES,
  groupFeatures,
  pairContext,
  type KeyPointText,
} from './keypoint-features.ts';
import { labelKey, type KeyPointLabels, type KeyPointScores } from './keypoint-metric.ts';
import { predictLogistic, trainLogistic, type LogisticModel } from './logistic.ts';

export type { KeyPointText } from './keypoint-features.ts';

interface Group {
  args: KeyPointText[];
  keyPoints: KeyPointText[];
}

/** Arguments and key points grouped by (topic, stance), in first-seen order. */
function groups(args: readonly KeyPointText[], keyPoints: readonly KeyPointText[]): Group[] {
  const byKey = new Map<string, Group>();
  const key = (t: KeyPointText) => `${t.topic}\u0000${t.stance}`;
  for (const a of args) {
    const g = byKey.get(key(a)) ?? { args: [], keyPoints: [] };
    g.args.push(a);
    byKey.set(key(a), g);
  }
  for (const k of keyPoints) byKey.get(key(k))?.keyPoints.push(k);
  return [...byKey.values()].filter((g) => g.keyPoints.length > 0);
}

/**
 * The reference baseline: plain TF-IDF cosine over lower-cased words (no stop-word removal, no
 * stemming), IDF over the whole split.
 */
export function tfidfBaselineScores(
  args: readonly KeyPointText[],
  keyPoints: readonly KeyPointText[],
): KeyPointScores {
  const texts = [...args, ...keyPoints];
  const space = buildTermSpace(texts.map((t) => tokenize(t.text, 'en')));
  const index = new Map(texts.map((t, i) => [t.id, i]));
  const vec = (id: string) => space.vectors[index.get(id)!]!;
  const out: KeyPointScores = {};
  for (const g of groups(args, keyPoints)) {
    for (const a of g.args)
      out[a.id] = Object.fromEntries(g.keyPoints.map((k) => [k.id, dot(vec(a.id), vec(k.id))]));
  }
  return out;
}

export interface KeyPointTraining {
  args: readonly KeyPointText[];
  keyPoints: readonly KeyPointText[];
  labels: KeyPointLabels;
}

/**
 * Learns the pair model from a labelled split. Undecided pairs count as non-matches, as in the
 * strict metric: the model learns to prefer the clear-cut matches annotators agreed on.
 */
export function trainKeyPointModel(data: KeyPointTraining, onGroup?: () => void): LogisticModel {
  const rows: number[][] = [];
  const ys: number[] = [];
  const ctx = pairContext([...data.args, ...data.keyPoints]);
  for (const g of groups(data.args, data.keyPoints)) {
    const features = groupFeatures(ctx, g.args, g.keyPoints);
    g.args.forEach((a, i) => {
      g.keyPoints.forEach((k, j) => {
        rows.push(features[i]![j]!);
        ys.push(data.labels.get(labelKey(a.id, k.id)) ?? 0);
      });
    });
    onGroup?.();
  }
  // Every feature but the bias is a similarity: more similar must never mean less likely.
  const nonNegative = FEATURE_NAMES.map((name) => name !== 'bias');
  return trainLogistic(rows, ys, { l2: 1e-3, steps: 600, nonNegative });
}

/** Scores with the learned model: the probability that the argument matches the key point. */
export function scoreKeyPoints(
  args: readonly KeyPointText[],
  keyPoints: readonly KeyPointText[],
  model: LogisticModel,
  onGroup?: () => void,
): KeyPointScores {
  const out: KeyPointScores = {};
  const ctx = pairContext([...args, ...keyPoints]);
  for (const g of groups(args, keyPoints)) {
    const features = groupFeatures(ctx, g.args, g.keyPoints);
    g.args.forEach((a, i) => {
      out[a.id] = Object.fromEntries(
        g.keyPoints.map((k, j) => [k.id, predictLogistic(model, features[i]![j]!)]),
      );
    });
    onGroup?.();
  }
  return out;
}
