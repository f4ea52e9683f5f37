// Key-point matching: score each argument against every key point of its (topic, stance). The
// learned matcher is a logistic regression over lexical pair features, trained on labelled pairs
// (the ArgKP train split); the TF-IDF cosine baseline is kept as the reference it must beat.
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

// scikit-learn's default token pattern, \b\w\w+\b, with Python's Unicode \w (letters, digits, _).
const SKLEARN_TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** Words as scikit-learn's TfidfVectorizer defaults cut them: lower-cased runs of 2+ word characters. */
export function sklearnTokens(text: string): string[] {
  return text.toLowerCase().match(SKLEARN_TOKEN) ?? [];
}

/**
 * The reference baseline, the most standard one: TF-IDF cosine with scikit-learn's
 * TfidfVectorizer defaults (lower case, tokens of 2+ word characters, no stop words, no stemming,
 * raw term counts, smoothed IDF ln((1 + n) / (1 + df)) + 1, L2 norm), fitted on every argument and
 * key point of the split being scored.
 */
export function tfidfBaselineScores(
  args: readonly KeyPointText[],
  keyPoints: readonly KeyPointText[],
): KeyPointScores {
  const texts = [...args, ...keyPoints];
  const counts = texts.map((t) => {
    const c = new Map<string, number>();
    for (const w of sklearnTokens(t.text)) c.set(w, (c.get(w) ?? 0) + 1);
    return c;
  });
  const df = new Map<string, number>();
  for (const c of counts) for (const w of c.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((1 + texts.length) / (1 + df.get(w)!)) + 1;
  const vectors = counts.map((c) => {
    const v = new Map([...c].map(([w, tf]) => [w, tf * idf(w)]));
    const n = Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)) || 1;
    for (const [w, x] of v) v.set(w, x / n);
    return v;
  });
  // Arguments first, then key points: an id may name one of each.
  const argVec = new Map(args.map((a, i) => [a.id, vectors[i]!]));
  const kpVec = new Map(keyPoints.map((k, i) => [k.id, vectors[args.length + i]!]));
  const cos = (a: Map<string, number>, b: Map<string, number>) => {
    let s = 0;
    for (const [w, x] of a) s += x * (b.get(w) ?? 0);
    return s;
  };
  const out: KeyPointScores = {};
  for (const g of groups(args, keyPoints)) {
    for (const a of g.args) {
      const va = argVec.get(a.id)!;
      out[a.id] = Object.fromEntries(g.keyPoints.map((k) => [k.id, cos(va, kpVec.get(k.id)!)]));
    }
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
