// Word and sentence segmentation with the runtime's ICU (Intl.Segmenter): it segments Chinese and
// other scripts without spaces through its own dictionaries, with no dependency to install.
import { normalizeWord } from './normalize.ts';

const wordSegmenters = new Map<string, Intl.Segmenter>();
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(
  cache: Map<string, Intl.Segmenter>,
  lang: string,
  granularity: 'word' | 'sentence',
) {
  let s = cache.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity });
    cache.set(lang, s);
  }
  return s;
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// French and Italian elisions ("l'éducation", "qu'il") carry the content word after the apostrophe.
const ELISION = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'(?=\p{L})/u;

/** Lower-cased, normalised words of a text, in order. Punctuation and spaces are dropped. */
export function tokenize(text: string, language = 'en'): string[] {
  const out: string[] = [];
  for (const part of segmenter(wordSegmenters, language, 'word').segment(text)) {
    if (!part.isWordLike && !HAS_LETTER_OR_DIGIT.test(part.segment)) continue;
    let w = normalizeWord(part.segment, language);
    if (language === 'fr' || language === 'it') w = w.replace(ELISION, '');
    if (w.length > 0) out.push(w);
  }
  return out;
}

/** Sentences of a text, trimmed, without empty ones. */
export function splitSentences(text: string, language = 'en'): string[] {
  const out: string[] = [];
  for (const part of segmenter(sentenceSegmenters, language, 'sentence').segment(text)) {
    // Line breaks separate list items in submissions even without a full stop.
    for (const line of part.segment.split(/\n+/)) {
      const s = line.trim();
      if (s.length > 0) out.push(s);
    }
  }
  return out;
}

/** Overlapping character n-grams of a word sequence, with word boundaries marked. */
export function charNgrams(words: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (const w of words) {
    const padded = ` ${w} `;
    if (padded.length <= n) {
      out.push(padded);
      continue;
    }
    for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}
