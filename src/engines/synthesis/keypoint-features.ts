// Lexical features of an (argument, key point) pair for key-point matching. Features are built per
// topic (its arguments and key points make the IDF corpus) and include relative ones: how this key
// point ranks among the argument's candidates, and how this argument ranks among the key point's.
import { analyze, buildTermSpace, charNgrams, dot, tokenize } from '../text/index.ts';
import type { SparseVector, TermSpace } from '../text/index.ts';

export interface KeyPointText {
  id: string;
  text: string;
  topic: string;
  stance: string;
}

interface Views {
  words: string[][];
  stems: string[][];
  content: string[][];
  chars: string[][];
}

// Key points are short, so function words ("not", "can", "no") carry meaning: the main views keep
// them and only the coverage features use the content words.
function views(texts: readonly string[], language: string): Views {
  const words = texts.map((t) => tokenize(t, language));
  return {
    words,
    stems: texts.map((t) => analyze(t, { language, removeStopwords: false })),
    content: texts.map((t) => analyze(t, { language })),
    chars: words.map((w) => charNgrams(w, 4)),
  };
}

const SIMILARITIES = [
  'cosStem',
  'cosBm25',
  'cosChar',
  'cosWord',
  'cosContent',
  'expanded',
  'propStem',
  'propChar',
  'propExp',
  'cosOffTopic',
] as const;

/**
 * Each similarity three ways: as it is; as a margin over the argument's best other key point (the
 * metric keeps one key point per argument, so what counts is how clearly this one wins); and
 * standardised over the key point's arguments (a short or generic key point scores lower or
 * higher with everyone, so its raw cosines are not comparable with another key point's).
 */
export const FEATURE_NAMES = [
  ...SIMILARITIES,
  ...SIMILARITIES.map((n) => `${n}Margin`),
  ...SIMILARITIES.map((n) => `${n}ByKeyPoint`),
  'bias',
] as const;

type View = 'stem' | 'bm25' | 'char' | 'word' | 'content' | 'offTopic';
const VIEWS: readonly View[] = ['stem', 'bm25', 'char', 'word', 'content', 'offTopic'];

/**
 * Term spaces over a whole corpus of arguments and key points: IDF is estimated on every text,
 * not one topic's, because a few hundred texts give noisy document frequencies.
 */
export interface PairContext {
  index: ReadonlyMap<string, number>;
  views: Views;
  spaces: Record<View, TermSpace>;
}

/**
 * Words of the text that are not words of its topic: every argument and key point of a topic says
 * "school uniform", so those words say nothing about which key point an argument makes.
 */
function offTopicWords(
  texts: readonly KeyPointText[],
  words: readonly string[][],
  language: string,
) {
  const topicWords = new Map<string, Set<string>>();
  return texts.map((t, i) => {
    let topic = topicWords.get(t.topic);
    if (!topic) topicWords.set(t.topic, (topic = new Set(tokenize(t.topic, language))));
    return words[i]!.filter((w) => w.length > 1 && !topic.has(w));
  });
}

export function pairContext(texts: readonly KeyPointText[], language = 'en'): PairContext {
  const v = views(
    texts.map((t) => t.text),
    language,
  );
  const offTopic = offTopicWords(texts, v.words, language);
  return {
    index: new Map(texts.map((t, i) => [t.id, i])),
    views: v,
    spaces: {
      stem: buildTermSpace(v.stems),
      bm25: buildTermSpace(v.stems, { weighting: 'bm25' }),
      char: buildTermSpace(v.chars),
      word: buildTermSpace(v.words),
      content: buildTermSpace(v.content),
      offTopic: buildTermSpace(offTopic),
    },
  };
}

/** Key points enriched with the arguments that match them best (pseudo-relevance feedback). */
function expandedKeyPoints(
  vecs: readonly SparseVector[],
  kpVecs: readonly SparseVector[],
  sim: number[][],
) {
  return kpVecs.map((kv, k) => {
    const acc = new Map<number, number>();
    const add = (v: SparseVector, w: number) => {
      for (let i = 0; i < v.idx.length; i++)
        acc.set(v.idx[i]!, (acc.get(v.idx[i]!) ?? 0) + w * v.val[i]!);
    };
    add(kv, 1);
    const ranked = sim
      .map((row, a) => ({ a, s: row[k]!, top: row.every((x, j) => j === k || x < row[k]!) }))
      .filter((r) => r.top && r.s > 0)
      .sort((x, y) => y.s - x.s || x.a - y.a)
      .slice(0, EXPANSION_SIZE);
    for (const r of ranked) add(vecs[r.a]!, EXPANSION_WEIGHT * r.s);
    return normalizeMap(acc);
  });
}

const EXPANSION_SIZE = 8;
const EXPANSION_WEIGHT = 0.5;

function normalizeMap(acc: Map<number, number>): SparseVector {
  const idx = Uint32Array.from(acc.keys()).sort();
  const val = Float64Array.from(idx, (i) => acc.get(i)!);
  const n = Math.sqrt(val.reduce((s, v) => s + v * v, 0)) || 1;
  return { idx, val: val.map((v) => v / n) };
}

type Derived = 'exp' | 'propStem' | 'propChar' | 'propExp';
const NEIGHBOURS = 10;
const PROPAGATION = 0.3;

/**
 * Similar arguments tend to match the same key point: each argument's scores are blended with
 * those of its nearest fellow arguments, which rescues paraphrases that share few words with it.
 */
function propagate(
  sim: number[][],
  argIdx: readonly number[],
  vecs: readonly SparseVector[],
): number[][] {
  return argIdx.map((ai, i) => {
    const near = argIdx
      .map((bj, j) => ({ j, s: i === j ? -1 : dot(vecs[ai]!, vecs[bj]!) }))
      .sort((x, y) => y.s - x.s || x.j - y.j)
      .slice(0, NEIGHBOURS);
    const total = near.reduce((t, n) => t + n.s, 0) || 1;
    return sim[i]!.map(
      (v, k) =>
        (1 - PROPAGATION) * v +
        (PROPAGATION * near.reduce((t, n) => t + n.s * sim[n.j]![k]!, 0)) / total,
    );
  });
}

function similarities(ctx: PairContext, argIdx: readonly number[], kpIdx: readonly number[]) {
  const out = {} as Record<View | Derived, number[][]>;
  for (const view of VIEWS) {
    const vs = ctx.spaces[view].vectors;
    out[view] = argIdx.map((a) => kpIdx.map((k) => dot(vs[a]!, vs[k]!)));
  }
  out.propStem = propagate(out.stem, argIdx, ctx.spaces.stem.vectors);
  out.propChar = propagate(out.char, argIdx, ctx.spaces.char.vectors);
  const vs = ctx.spaces.stem.vectors;
  const expanded = expandedKeyPoints(
    argIdx.map((a) => vs[a]!),
    kpIdx.map((k) => vs[k]!),
    out.stem,
  );
  out.exp = argIdx.map((a) => expanded.map((e) => dot(vs[a]!, e)));
  out.propExp = propagate(out.exp, argIdx, vs);
  return out;
}

/** Feature rows for every (argument, key point) pair of one (topic, stance) group: rows[arg][kp]. */
export function groupFeatures(
  ctx: PairContext,
  args: readonly KeyPointText[],
  keyPoints: readonly KeyPointText[],
): number[][][] {
  const argIdx = args.map((a) => ctx.index.get(a.id)!);
  const kpIdx = keyPoints.map((k) => ctx.index.get(k.id)!);
  const sim = similarities(ctx, argIdx, kpIdx);
  const order: readonly (View | Derived)[] = [
    'stem',
    'bm25',
    'char',
    'word',
    'content',
    'exp',
    'propStem',
    'propChar',
    'propExp',
    'offTopic',
  ];
  const raw = order.map((view) => sim[view]);
  const margins = raw.map(marginOverOthers);
  const byKeyPoint = raw.map(standardiseByKeyPoint);
  return argIdx.map((_, a) =>
    kpIdx.map((_, k) => [
      ...raw.map((m) => m[a]![k]!),
      ...margins.map((m) => m[a]![k]!),
      ...byKeyPoint.map((m) => m[a]![k]!),
      1,
    ]),
  );
}

/** Each score minus the best score of the same argument's other key points (itself if none). */
function marginOverOthers(sim: readonly (readonly number[])[]): number[][] {
  return sim.map((row) =>
    row.map((v, k) => {
      let best: number | undefined;
      row.forEach((x, j) => {
        if (j !== k && (best === undefined || x > best)) best = x;
      });
      return v - (best ?? 0);
    }),
  );
}

/** Each score as a z-score among the scores of the same key point with every argument. */
function standardiseByKeyPoint(sim: readonly (readonly number[])[]): number[][] {
  const n = sim.length;
  const kps = sim[0]?.length ?? 0;
  const mean = Array.from({ length: kps }, (_, k) => sim.reduce((s, row) => s + row[k]!, 0) / n);
  const sd = mean.map((m, k) =>
    Math.sqrt(sim.reduce((s, row) => s + (row[k]! - m) ** 2, 0) / Math.max(1, n - 1)),
  );
  return sim.map((row) => row.map((v, k) => (v - mean[k]!) / (sd[k]! + 1e-9)));
}
