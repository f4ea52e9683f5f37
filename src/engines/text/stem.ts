// Stemming with the Snowball algorithms (snowball-stemmers, a pure-JS port). Languages written
// without inflection that a stemmer could strip (Chinese, Japanese…) keep their segmented words.
import snowball from 'snowball-stemmers';
import type { Stemmer } from 'snowball-stemmers';

const SNOWBALL: Record<string, string> = {
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  nl: 'dutch',
  en: 'english',
  fi: 'finnish',
  fr: 'french',
  de: 'german',
  hu: 'hungarian',
  it: 'italian',
  ga: 'irish',
  no: 'norwegian',
  nb: 'norwegian',
  nn: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  es: 'spanish',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

const stemmers = new Map<string, Stemmer | null>();
// Stemming the same word form again is common (a corpus repeats its words), and the ports are slow.
const memo = new Map<string, Map<string, string>>();

function stemmerFor(language: string): Stemmer | null {
  let s = stemmers.get(language);
  if (s === undefined) {
    const algorithm = SNOWBALL[language];
    s = algorithm ? snowball.newStemmer(algorithm) : null;
    stemmers.set(language, s);
  }
  return s;
}

/** ISO 639-1 codes with a Snowball stemmer. */
export const stemmedLanguages: readonly string[] = Object.keys(SNOWBALL);

/** The stem of a normalised word; the word itself where the language has no stemmer. */
export function stem(word: string, language: string): string {
  const stemmer = stemmerFor(language);
  // Words in another script than the language's (a Latin acronym in Arabic text) are left alone
  // by the stemmer anyway; digits too.
  if (!stemmer || /^\p{N}+$/u.test(word)) return word;
  let cache = memo.get(language);
  if (!cache) {
    cache = new Map();
    memo.set(language, cache);
  }
  let out = cache.get(word);
  if (out === undefined) {
    out = stemmer.stem(word);
    if (cache.size < 200_000) cache.set(word, out);
  }
  return out;
}
