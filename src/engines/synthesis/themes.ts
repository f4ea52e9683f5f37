// Readable themes from clusters: key terms, the most central sentence, key quotes chosen for
// centrality and for diversity of content and of stakeholder groups.
import { cosine, dotDense, splitSentences } from '../text/index.ts';
import type { Corpus } from './corpus.ts';
import type { Quote } from './types.ts';

const CANDIDATES = 40;
const QUOTE_MAX_CHARS = 320;

/** The centroid's heaviest terms, shown as their most frequent words. */
export function keyTerms(corpus: Corpus, centroid: Float64Array, count = 5): string[] {
  const top: Array<{ i: number; w: number }> = [];
  // Only the term block makes labels: cognate n-grams and embedding dimensions are not words.
  for (let i = 0; i < corpus.space.terms.length; i++) {
    const w = centroid[i]!;
    if (w > 0) top.push({ i, w });
  }
  top.sort((a, b) => b.w - a.w || a.i - b.i);
  const words: string[] = [];
  for (const { i } of top) {
    const term = corpus.space.terms[i]!;
    const word = corpus.surface.get(term) ?? term;
    if (!words.includes(word)) words.push(word);
    if (words.length === count) break;
  }
  return words;
}

/** Member indices ranked by closeness to the centre (ties by canonical order). */
export function byCentrality(corpus: Corpus, members: readonly number[], centroid: Float64Array) {
  return members
    .map((i) => ({ i, c: dotDense(corpus.features[i]!, centroid) }))
    .sort((a, b) => b.c - a.c || a.i - b.i);
}

/** The most central sentence of one input. */
export function centralSentence(corpus: Corpus, i: number, centroid: Float64Array) {
  const language = corpus.languages[i]!;
  let best: { text: string; c: number } | undefined;
  for (const s of splitSentences(corpus.inputs[i]!.text, language)) {
    const c = dotDense(corpus.featuresOf(s, language), centroid);
    if (!best || c > best.c) best = { text: s, c };
  }
  return best;
}

function quoteText(corpus: Corpus, i: number, centroid: Float64Array): string {
  const text = corpus.inputs[i]!.text.trim();
  if (text.length <= QUOTE_MAX_CHARS) return text;
  return centralSentence(corpus, i, centroid)?.text ?? text.slice(0, QUOTE_MAX_CHARS);
}

/**
 * Greedy maximal-marginal-relevance choice: centrality, minus redundancy with quotes already
 * chosen, minus a penalty for a stakeholder group already heard.
 */
export function keyQuotes(
  corpus: Corpus,
  ranked: ReturnType<typeof byCentrality>,
  centroid: Float64Array,
  max = 3,
): Quote[] {
  const pool = ranked.slice(0, CANDIDATES);
  const chosen: typeof pool = [];
  const groups = new Set<string | undefined>();
  while (chosen.length < max && chosen.length < pool.length) {
    let best: { r: (typeof pool)[number]; s: number } | undefined;
    for (const r of pool) {
      if (chosen.includes(r)) continue;
      const redundancy = Math.max(
        0,
        ...chosen.map((c) => cosine(corpus.features[r.i]!, corpus.features[c.i]!)),
      );
      const groupSeen = groups.has(corpus.inputs[r.i]!.stakeholderGroup) ? 0.15 : 0;
      const s = r.c - 0.5 * redundancy - groupSeen;
      if (!best || s > best.s) best = { r, s };
    }
    if (!best) break;
    chosen.push(best.r);
    groups.add(corpus.inputs[best.r.i]!.stakeholderGroup);
  }
  return chosen.map((r) => {
    const input = corpus.inputs[r.i]!;
    const quote: Quote = {
      text: quoteText(corpus, r.i, centroid),
      sourceIds: [input.id],
      centrality: r.c,
    };
    if (input.stakeholderGroup !== undefined) quote.stakeholderGroup = input.stakeholderGroup;
    return quote;
  });
}
