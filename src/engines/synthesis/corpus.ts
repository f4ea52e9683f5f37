// The analysed corpus every synthesis step shares: inputs in a canonical order (by id, so results
// never depend on the order they were passed in), their languages, terms, words and vectors.
import {
  analyzeTokens,
  baseLanguage,
  buildTermSpace,
  detectLanguage,
  tokenize,
} from '../text/index.ts';
import type { SparseVector, TermSpace } from '../text/index.ts';
import type { SynthesisInput } from './types.ts';

export interface Corpus {
  inputs: SynthesisInput[];
  languages: string[];
  /** Normalised words, stop words kept: for duplicates and sentences. */
  words: string[][];
  space: TermSpace;
  vectors: SparseVector[];
  /** Term → its most frequent word in the corpus, for readable labels. */
  surface: ReadonlyMap<string, string>;
}

const FALLBACK_LANGUAGE = 'en';

export function languageOf(input: SynthesisInput): string {
  return baseLanguage(input.language) ?? detectLanguage(input.text).language ?? FALLBACK_LANGUAGE;
}

function surfaceForms(counts: Map<string, Map<string, number>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [term, words] of counts) {
    let best = '';
    let bestCount = -1;
    for (const [w, c] of words) {
      if (c > bestCount || (c === bestCount && w < best)) {
        best = w;
        bestCount = c;
      }
    }
    out.set(term, best);
  }
  return out;
}

export function buildCorpus(inputs: readonly SynthesisInput[]): Corpus {
  const sorted = [...inputs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const languages = sorted.map(languageOf);
  const counts = new Map<string, Map<string, number>>();
  const terms = sorted.map((input, i) => {
    const tokens = analyzeTokens(input.text, { language: languages[i] });
    for (const t of tokens) {
      const forms = counts.get(t.term) ?? new Map<string, number>();
      forms.set(t.word, (forms.get(t.word) ?? 0) + 1);
      counts.set(t.term, forms);
    }
    return tokens.map((t) => t.term);
  });
  const space = buildTermSpace(terms);
  return {
    inputs: sorted,
    languages,
    words: sorted.map((input, i) => tokenize(input.text, languages[i])),
    space,
    vectors: space.vectors,
    surface: surfaceForms(counts),
  };
}
