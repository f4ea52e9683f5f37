// The local multilingual text engine: language detection, tokenisation, stop words, stemming and
// weighted term vectors. Pure functions; nothing is downloaded at run time.
export { detectLanguage, baseLanguage, type DetectedLanguage } from './language.ts';
export { normalizeWord } from './normalize.ts';
export { cognateFeatures, foldDiacritics, isCognateWord } from './cognates.ts';
export { tokenize, splitSentences, charNgrams } from './tokenize.ts';
export { stem, stemmedLanguages } from './stem.ts';
export { isStopword, stopwordLanguages } from './stopwords.ts';
export {
  analyze,
  analyzeTokens,
  bigrams,
  type AnalyzeOptions,
  type AnalyzedToken,
} from './analyze.ts';
export {
  buildTermSpace,
  cosine,
  dot,
  dotDense,
  norm,
  sparseFromMap,
  EMPTY_VECTOR,
  joinVectors,
  sparseFromDense,
  type SparseVector,
  type TermSpace,
  type TermSpaceOptions,
  type VectorBlock,
  type Weighting,
} from './vectors.ts';
