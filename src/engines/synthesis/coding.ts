// Assisted coding: score every input against every theme of a codebook, propose assignments, and
// learn from the secretariat's confirmed or corrected labels. Each theme has a small logistic
// model: its description similarity (standardised) plus the input's TF-IDF terms. Before any
// label the description alone decides; each label then moves the model by online gradient steps,
// with regularisation pulling it back towards that prior so a few labels cannot swing it wildly.
// With embeddings (the optional provider's), the prior also weighs how close each input lies to
// the theme's name and description, and to the centroid of the inputs confirmed for it, in a
// space where a Spanish or Arabic input can sit next to an English theme.
import { analyze, detectLanguage, dot } from '../text/index.ts';
import type { SparseVector } from '../text/index.ts';
import { buildCorpus, type Corpus } from './corpus.ts';
import type { SynthesisInput } from './types.ts';

export interface CodebookTheme {
  id: string;
  label: string;
  description?: string;
  /** e.g. "support" / "oppose": kept apart as its own code; labels teach the model the difference. */
  stance?: string;
}

/** A confirmed or corrected coding: all the themes that apply to the input (may be none). */
export interface CodingLabel {
  inputId: string;
  themeIds: string[];
}

export interface CodingProposal {
  inputId: string;
  themeIds: string[];
  /** True when a person labelled this input; its themes are then theirs, not proposals. */
  confirmed: boolean;
  sourceIds: string[];
}

export interface CodingResult {
  /** input id → theme id → probability that the theme applies. */
  scores: Record<string, Record<string, number>>;
  proposals: CodingProposal[];
  /** Unlabelled input ids, least confident first: the most useful ones to label next. */
  reviewOrder: string[];
}

/** Dense embeddings by input id and by theme id; an input or theme missing from them is scored on words alone. */
export interface CodingEmbeddings {
  inputs: ReadonlyMap<string, ArrayLike<number>>;
  themes: ReadonlyMap<string, ArrayLike<number>>;
}

export interface CodingOptions {
  /** Probability from which a theme is proposed (default 0.5). */
  threshold?: number;
  epochs?: number;
  embeddings?: CodingEmbeddings;
}

/** Weight of the word similarity next to the embedding similarity in the prior. */
const WORD_WEIGHT = 0.3;

const PRIOR_SLOPE = 1.5;
const PRIOR_BIAS = -2;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

interface ThemeModel {
  slope: number;
  bias: number;
  terms: Map<number, number>;
}

/** Values standardised across inputs; missing ones (undefined) sit at the mean. */
function standardise(values: ReadonlyArray<number | undefined>): number[] {
  const known = values.filter((x): x is number => x !== undefined);
  const mean = known.reduce((s, x) => s + x, 0) / Math.max(1, known.length);
  const sd =
    Math.sqrt(known.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, known.length)) || 1;
  return values.map((x) => (x === undefined ? 0 : (x - mean) / sd));
}

/** Description similarity of every input to a theme, standardised across inputs. */
function wordFeature(corpus: Corpus, theme: CodebookTheme): number[] {
  const text = `${theme.label}. ${theme.description ?? ''}`;
  const language = detectLanguage(text).language ?? corpus.languages[0] ?? 'en';
  const v = corpus.space.vectorize(analyze(text, { language }));
  return standardise(corpus.vectors.map((x) => dot(x, v)));
}

function unit(v: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(v);
  const norm = Math.sqrt(out.reduce((s, x) => s + x * x, 0)) || 1;
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Embedding similarity of every input to a theme: the cosine with its name and description,
 * blended, as inputs are confirmed for it, with the cosine to their centroid (each confirmed
 * input measured against the others', so its own label does not inflate it).
 */
function embeddingFeature(
  corpus: Corpus,
  theme: CodebookTheme,
  labelled: Map<number, Set<string>>,
  vectors: ReadonlyArray<Float64Array | undefined>,
  themeVector: Float64Array,
): Array<number | undefined> {
  const positives = [...labelled.entries()]
    .filter(([i, themes]) => themes.has(theme.id) && vectors[i])
    .map(([i]) => i);
  const sum = new Float64Array(themeVector.length);
  for (const i of positives) vectors[i]!.forEach((x, d) => (sum[d]! += x));
  return corpus.vectors.map((_, i) => {
    const v = vectors[i];
    if (!v) return undefined;
    const toTheme = cosine(v, themeVector);
    const own = positives.includes(i);
    const n = positives.length - (own ? 1 : 0);
    if (n === 0) return toTheme;
    const centroid = unit(own ? sum.map((x, d) => x - v[d]!) : sum);
    const w = n / (n + 2);
    return (1 - w) * toTheme + w * cosine(v, centroid);
  });
}

/** The prior of every input for a theme: words, and embeddings when there are some. */
function priorFeature(
  corpus: Corpus,
  theme: CodebookTheme,
  labelled: Map<number, Set<string>>,
  embeddings:
    | { vectors: ReadonlyArray<Float64Array | undefined>; themes: Map<string, Float64Array> }
    | undefined,
): number[] {
  const words = wordFeature(corpus, theme);
  const themeVector = embeddings?.themes.get(theme.id);
  if (!embeddings || !themeVector) return words;
  const near = standardise(
    embeddingFeature(corpus, theme, labelled, embeddings.vectors, themeVector),
  );
  // The embedding decides (it knows meaning across languages); words add what they know, the
  // exact terms the secretariat used. Not standardised again: an input close to the theme in
  // meaning keeps its score when English inputs also share the theme's words.
  return words.map((w, i) => near[i]! + WORD_WEIGHT * w);
}

function logit(model: ThemeModel, prior: number, x: SparseVector): number {
  let z = model.slope * prior + model.bias;
  for (let j = 0; j < x.idx.length; j++) z += (model.terms.get(x.idx[j]!) ?? 0) * x.val[j]!;
  return z;
}

function train(
  model: ThemeModel,
  examples: Array<{ prior: number; x: SparseVector; y: number }>,
  epochs: number,
) {
  const lr = 0.5;
  const l2 = 0.01;
  // The base rate (bias) is learnt only from labels of both kinds: confirmations that all say
  // "this theme" would otherwise raise it epoch after epoch until every input is proposed.
  const learnsBase = examples.some((x) => x.y === 1) && examples.some((x) => x.y === 0);
  for (let e = 0; e < epochs; e++) {
    for (const { prior, x, y } of examples) {
      const g = sigmoid(logit(model, prior, x)) - y;
      model.slope -= lr * (g * prior + l2 * (model.slope - PRIOR_SLOPE));
      if (learnsBase) model.bias -= lr * (g + l2 * (model.bias - PRIOR_BIAS));
      for (let j = 0; j < x.idx.length; j++) {
        const t = x.idx[j]!;
        const w = model.terms.get(t) ?? 0;
        model.terms.set(t, w - lr * (g * x.val[j]! + l2 * w));
      }
    }
  }
}

function labelIndex(corpus: Corpus, labels: readonly CodingLabel[]): Map<number, Set<string>> {
  const byId = new Map(corpus.inputs.map((x, i) => [x.id, i]));
  const out = new Map<number, Set<string>>();
  for (const l of labels) {
    const i = byId.get(l.inputId);
    // The latest label for an input wins: a correction replaces a confirmation.
    if (i !== undefined) out.set(i, new Set(l.themeIds));
  }
  return out;
}

function themeScores(
  corpus: Corpus,
  theme: CodebookTheme,
  labelled: Map<number, Set<string>>,
  epochs: number,
  embeddings: Parameters<typeof priorFeature>[3],
) {
  const prior = priorFeature(corpus, theme, labelled, embeddings);
  const model: ThemeModel = { slope: PRIOR_SLOPE, bias: PRIOR_BIAS, terms: new Map() };
  const examples = [...labelled.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([i, themes]) => ({
      prior: prior[i]!,
      x: corpus.vectors[i]!,
      y: themes.has(theme.id) ? 1 : 0,
    }));
  train(model, examples, epochs);
  return corpus.vectors.map((x, i) => sigmoid(logit(model, prior[i]!, x)));
}

export function codeInputs(
  inputs: readonly SynthesisInput[],
  codebook: readonly CodebookTheme[],
  labels: readonly CodingLabel[] = [],
  options: CodingOptions = {},
): CodingResult {
  const corpus = buildCorpus(inputs);
  const labelled = labelIndex(corpus, labels);
  const threshold = options.threshold ?? 0.5;
  const supplied = options.embeddings;
  const embeddings = supplied && {
    vectors: corpus.inputs.map((x) => {
      const v = supplied.inputs.get(x.id);
      return v ? unit(v) : undefined;
    }),
    themes: new Map([...supplied.themes].map(([id, v]) => [id, unit(v)])),
  };
  const perTheme = codebook.map((t) =>
    themeScores(corpus, t, labelled, options.epochs ?? 20, embeddings),
  );
  const scores: CodingResult['scores'] = {};
  const proposals: CodingProposal[] = [];
  const confidence: Array<{ id: string; c: number }> = [];
  corpus.inputs.forEach((input, i) => {
    scores[input.id] = Object.fromEntries(codebook.map((t, k) => [t.id, perTheme[k]![i]!]));
    const given = labelled.get(i);
    const themeIds = given
      ? codebook.filter((t) => given.has(t.id)).map((t) => t.id)
      : codebook.filter((_, k) => perTheme[k]![i]! >= threshold).map((t) => t.id);
    proposals.push({
      inputId: input.id,
      themeIds,
      confirmed: given !== undefined,
      sourceIds: [input.id],
    });
    if (!given)
      confidence.push({
        id: input.id,
        c: Math.min(...perTheme.map((p) => Math.abs(p[i]! - threshold))),
      });
  });
  confidence.sort((a, b) => a.c - b.c || (a.id < b.id ? -1 : 1));
  return { scores, proposals, reviewOrder: confidence.map((x) => x.id) };
}
