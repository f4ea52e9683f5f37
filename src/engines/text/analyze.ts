// From raw text to the terms that weighted vectors are built from.
import { detectLanguage } from './language.ts';
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { tokenize } from './tokenize.ts';

export interface AnalyzeOptions {
  /** ISO 639-1 code; detected from the text when absent. */
  language?: string;
  /** Drop stop words (default true). */
  removeStopwords?: boolean;
  /** Reduce words to their stems (default true). */
  stem?: boolean;
}

export interface AnalyzedToken {
  /** The word as normalised from the text, for readable labels. */
  word: string;
  /** The matching key: the stem, or the word where stemming is off or unavailable. */
  term: string;
}

/** Normalised, stop-word-free, stemmed tokens of a text, each with its readable word. */
export function analyzeTokens(text: string, options: AnalyzeOptions = {}): AnalyzedToken[] {
  const language = options.language ?? detectLanguage(text).language ?? 'en';
  const removeStopwords = options.removeStopwords ?? true;
  const doStem = options.stem ?? true;
  const out: AnalyzedToken[] = [];
  for (const word of tokenize(text, language)) {
    if (removeStopwords && isStopword(word, language)) continue;
    // Lone digits and punctuation-like leftovers carry no theme.
    if (/^\p{N}$/u.test(word)) continue;
    out.push({ word, term: doStem ? stem(word, language) : word });
  }
  return out;
}

/** The terms of a text: what term vectors count. */
export function analyze(text: string, options: AnalyzeOptions = {}): string[] {
  return analyzeTokens(text, options).map((t) => t.term);
}

/** Adjacent term pairs, joined: they tell "public transport" from "public" and "transport". */
export function bigrams(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < terms.length; i++) out.push(`${terms[i]}_${terms[i + 1]}`);
  return out;
}
