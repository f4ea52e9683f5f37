// The analysed corpus every synthesis step shares: inputs in a canonical order (by id, so results
// never depend on the order they were passed in), their languages, terms, words and vectors.
import {
  analyze,
  analyzeTokens,
  baseLanguage,
  buildTermSpace,
  cognateFeatures,
  isCognateWord,
  detectLanguage,
  joinVectors,
  sparseFromDense,
  tokenize,
  EMPTY_VECTOR,
} from '../text/index.ts';
import type { SparseVector, TermSpace } from '../text/index.ts';
import type { SynthesisInput } from './types.ts';

/** Provider embeddings by input id, all of one model (so of one dimension). */
export type Embeddings = ReadonlyMap<string, ArrayLike<number>>;

export interface Corpus {
  inputs: SynthesisInput[];
  languages: string[];
  /** Normalised words, stop words kept: for duplicates and sentences. */
  words: string[][];
  space: TermSpace;
  vectors: SparseVector[];
  /** Term → its most frequent word in the corpus, for readable labels. */
  surface: ReadonlyMap<string, string>;
  /**
   * What themes are clustered on: the term vector, joined with the provider's embedding when
   * there is one. Terms come first, so an index below `space.terms.length` is a term.
   */
  features: SparseVector[];
  featureSize: number;
  /** The provider's embeddings (unit vectors), when given; they are also part of `features`. */
  embedding: { vectors: SparseVector[]; size: number } | undefined;
  /**
   * Cross-language cognate features (see text/cognates.ts), for joining themes across languages;
   * each vector's length is the share of the input's words that can have cognates, so an Arabic
   * text citing one acronym weighs little beside a Spanish text of cognates.
   */
  cognates: SparseVector[];
  cognateSize: number;
  /** The features of a new text (a sentence) in this corpus: its terms, no embedding. */
  featuresOf(text: string, language: string): SparseVector;
}

/**
 * With embeddings, the dot product of two feature vectors is this mix of their embedding and
 * term cosines. The embedding leads: it is what joins Arabic, Russian and Chinese to the other
 * languages. Terms keep a share so a theme still has words that tell it apart.
 */
const EMBEDDING_WEIGHT = 0.7;

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

function embeddingBlocks(sorted: readonly SynthesisInput[], embeddings: Embeddings | undefined) {
  if (!embeddings || embeddings.size === 0) return undefined;
  const vectors = sorted.map((x) => {
    const e = embeddings.get(x.id);
    return e ? sparseFromDense(e) : EMPTY_VECTOR;
  });
  const size = Math.max(0, ...[...embeddings.values()].map((e) => e.length));
  return { vectors, size };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function scaled(v: SparseVector, by: number): SparseVector {
  return by === 1 ? v : { idx: v.idx, val: v.val.map((x) => x * by) };
}

export function buildCorpus(inputs: readonly SynthesisInput[], embeddings?: Embeddings): Corpus {
  const sorted = [...inputs].sort(
    (a, b) => compare(a.orderKey ?? a.id, b.orderKey ?? b.id) || compare(a.id, b.id),
  );
  const languages = sorted.map(languageOf);
  const counts = new Map<string, Map<string, number>>();
  const cognates: string[][] = [];
  const cognateShare: number[] = [];
  const terms = sorted.map((input, i) => {
    const tokens = analyzeTokens(input.text, { language: languages[i] });
    for (const t of tokens) {
      const forms = counts.get(t.term) ?? new Map<string, number>();
      forms.set(t.word, (forms.get(t.word) ?? 0) + 1);
      counts.set(t.term, forms);
    }
    const words = tokens.map((t) => t.word);
    cognates.push(cognateFeatures(words));
    cognateShare.push(words.filter(isCognateWord).length / Math.max(1, words.length));
    return tokens.map((t) => t.term);
  });
  const space = buildTermSpace(terms);
  const cognateSpace = buildTermSpace(cognates);
  const embedded = embeddingBlocks(sorted, embeddings);
  const join = (t: SparseVector, e: SparseVector): SparseVector =>
    // An input with no word to analyse stays unthemed, whatever its embedding.
    !embedded || t.idx.length === 0
      ? t
      : joinVectors([
          { vector: t, offset: 0, weight: Math.sqrt(1 - EMBEDDING_WEIGHT) },
          { vector: e, offset: space.terms.length, weight: Math.sqrt(EMBEDDING_WEIGHT) },
        ]);
  return {
    inputs: sorted,
    languages,
    words: sorted.map((input, i) => tokenize(input.text, languages[i])),
    space,
    vectors: space.vectors,
    surface: surfaceForms(counts),
    features: space.vectors.map((t, i) => join(t, embedded?.vectors[i] ?? EMPTY_VECTOR)),
    featureSize: space.terms.length + (embedded?.size ?? 0),
    embedding: embedded,
    cognates: cognateSpace.vectors.map((v, i) => scaled(v, cognateShare[i]!)),
    cognateSize: cognateSpace.terms.length,
    featuresOf: (text, language) =>
      join(space.vectorize(analyze(text, { language })), EMPTY_VECTOR),
  };
}
