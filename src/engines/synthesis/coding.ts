// Assisted coding: score every input against every theme of a codebook, propose assignments, and
// learn from the secretariat's confirmed or corrected labels. Each theme has a small logistic
// model: its description similarity (standardised) plus the input's TF-IDF terms. Before any
// label the description alone decides; each label then moves the model by online gradient steps,
// with regularisation pulling it back towards that prior so a few labels cannot swing it wildly.
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

export interface CodingOptions {
  /** Probability from which a theme is proposed (default 0.5). */
  threshold?: number;
  epochs?: number;
}

const PRIOR_SLOPE = 1.5;
const PRIOR_BIAS = -2;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

interface ThemeModel {
  slope: number;
  bias: number;
  terms: Map<number, number>;
}

/** Description similarity of every input to a theme, standardised across inputs. */
function priorFeature(corpus: Corpus, theme: CodebookTheme): number[] {
  const text = `${theme.label}. ${theme.description ?? ''}`;
  const language = detectLanguage(text).language ?? corpus.languages[0] ?? 'en';
  const v = corpus.space.vectorize(analyze(text, { language }));
  const sims = corpus.vectors.map((x) => dot(x, v));
  const mean = sims.reduce((s, x) => s + x, 0) / Math.max(1, sims.length);
  const sd =
    Math.sqrt(sims.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, sims.length)) || 1;
  return sims.map((s) => (s - mean) / sd);
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
  for (let e = 0; e < epochs; e++) {
    for (const { prior, x, y } of examples) {
      const g = sigmoid(logit(model, prior, x)) - y;
      model.slope -= lr * (g * prior + l2 * (model.slope - PRIOR_SLOPE));
      model.bias -= lr * (g + l2 * (model.bias - PRIOR_BIAS));
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
) {
  const prior = priorFeature(corpus, theme);
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
  const perTheme = codebook.map((t) => themeScores(corpus, t, labelled, options.epochs ?? 20));
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
