// The KPA-2021 shared-task metric for key-point matching, as its official evaluation computes it:
// each argument keeps its best-scoring key point; within each (topic, stance) the top half of those
// by score is ranked, and the average precision of their labels is averaged over (topic, stance).
// Checked against a re-implementation of the official script (pandas, scikit-learn) on the dev
// split: the same figures to 15 decimals. Where the two can still differ: ties straddling the
// top-half cut, which pandas' unstable sort breaks in no fixed order.

export interface KeyPointArgument {
  id: string;
  topic: string;
  stance: string;
}

/** argument id → key point id → score. */
export type KeyPointScores = Record<string, Record<string, number>>;

/** Gold labels keyed by `labelKey(argId, keyPointId)`: 1 matches, 0 does not, absent is undecided. */
export type KeyPointLabels = ReadonlyMap<string, 0 | 1>;

export const labelKey = (argId: string, keyPointId: string) => `${argId}\u0000${keyPointId}`;

export interface KeyPointMAP {
  strict: number;
  relaxed: number;
}

/** Average precision as scikit-learn computes it: one step per distinct score, ties together. */
export function averagePrecision(rows: readonly { score: number; label: number }[]): number {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  const positives = sorted.reduce((s, r) => s + r.label, 0);
  if (positives === 0) return 0;
  let ap = 0;
  let tp = 0;
  let seen = 0;
  let lastRecall = 0;
  for (let i = 0; i < sorted.length; i++) {
    tp += sorted[i]!.label;
    seen++;
    if (i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score) continue;
    const recall = tp / positives;
    ap += (recall - lastRecall) * (tp / seen);
    lastRecall = recall;
  }
  return ap;
}

interface BestMatch {
  score: number;
  label: 0 | 1 | undefined;
  /** No prediction for the argument (or none for a known key point). */
  missing?: true;
}

function bestMatch(
  argId: string,
  scores: KeyPointScores,
  labels: KeyPointLabels,
  keyPointIds: ReadonlySet<string> | undefined,
): BestMatch {
  let best: { id: string; score: number } | undefined;
  for (const [id, score] of Object.entries(scores[argId] ?? {})) {
    if (keyPointIds && !keyPointIds.has(id)) continue;
    if (!best || score > best.score) best = { id, score };
  }
  // An argument without a prediction is a wrong match with score 0 when the top half is chosen.
  if (!best) return { score: 0, label: 0, missing: true };
  return { score: best.score, label: labels.get(labelKey(argId, best.id)) };
}

export interface KeyPointMAPOptions {
  /** The split's key point ids: scores for any other id are ignored, as the official script does. */
  keyPointIds?: Iterable<string>;
  /** Share of each (topic, stance) group ranked, by score: 0.5 in the shared task. */
  topShare?: number;
}

/** Mean average precision, strict (undecided = 0) and relaxed (undecided = 1). */
export function keyPointMeanAveragePrecision(
  args: readonly KeyPointArgument[],
  scores: KeyPointScores,
  labels: KeyPointLabels,
  options: KeyPointMAPOptions = {},
): KeyPointMAP {
  const known = options.keyPointIds ? new Set(options.keyPointIds) : undefined;
  const groups = new Map<string, BestMatch[]>();
  for (const a of args) {
    const key = `${a.topic}\u0000${a.stance}`;
    const list = groups.get(key) ?? [];
    list.push(bestMatch(a.id, scores, labels, known));
    groups.set(key, list);
  }
  let strict = 0;
  let relaxed = 0;
  for (const list of groups.values()) {
    // Once the top half is chosen, a missing prediction that made it in (other scores were below
    // 0) is ranked at 0.99, as in the official script: a confident wrong match, not a free pass.
    const top = [...list]
      .sort((a, b) => b.score - a.score)
      .slice(0, Math.floor(list.length * (options.topShare ?? 0.5)))
      .map((m) => (m.missing ? { ...m, score: 0.99 } : m));
    strict += averagePrecision(top.map((m) => ({ score: m.score, label: m.label ?? 0 })));
    relaxed += averagePrecision(top.map((m) => ({ score: m.score, label: m.label ?? 1 })));
  }
  const n = Math.max(1, groups.size);
  return { strict: strict / n, relaxed: relaxed / n };
}
