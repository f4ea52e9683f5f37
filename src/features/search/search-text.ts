// Turns text into search tokens the same way for documents and queries, in any language, with
// no dictionary download: Intl.Segmenter finds words (ICU knows Thai, Khmer…), the text engine
// folds case and Arabic spelling variants and stems, and diacritics are dropped so "accès" and
// "acces" meet. Chinese and Japanese runs are also indexed as character unigrams and bigrams:
// segmenting a phrase alone and inside a longer sentence can cut it differently, while its
// bigrams are always the same, so a word is found wherever it stands.
import { LRUCache } from 'lru-cache';
import { normalizeWord, stem } from '../../engines/text/index.ts';

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]+/gu;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u;
/** Whatever is not a letter, digit or mark splits a token ("l'accès" → "l", "acces"). */
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/u;
const MAX_TOKEN = 64;
const MAX_QUERY_GROUPS = 16;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    s = new Intl.Segmenter(safeLocale(language), { granularity: 'word' });
    segmenters.set(language, s);
  }
  return s;
}

function safeLocale(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Drops combining marks (accents, Arabic vowel marks) and recomposes what remains (Hangul). */
export function foldDiacritics(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .normalize('NFC');
}

/** The normalised words of a text, without its Chinese/Japanese runs (see cjkTokens). */
export function searchWords(text: string, language: string): string[] {
  const out: string[] = [];
  for (const part of segmenter(language).segment(text)) {
    if (!part.isWordLike || CJK_CHAR.test(part.segment)) continue;
    for (const piece of normalizeWord(part.segment, language).split(NON_WORD)) {
      if (piece) out.push(piece.slice(0, MAX_TOKEN));
    }
  }
  return out;
}

function cjkRuns(text: string): string[] {
  return text.match(CJK_RUN) ?? [];
}

function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + (chars[i + 1] ?? ''));
  return out;
}

/** The index form of a word: itself and its stem, both without diacritics. */
function wordForms(word: string, languages: readonly string[]): string[] {
  const forms = new Set([foldDiacritics(word)]);
  for (const language of languages) forms.add(foldDiacritics(stem(word, language)));
  return [...forms].filter(Boolean);
}

/** The space-separated token string stored for a document written in `language`. */
export function documentTokens(text: string, language: string): string {
  const tokens: string[] = [];
  for (const word of searchWords(text, language)) tokens.push(...wordForms(word, [language]));
  for (const run of cjkRuns(text)) tokens.push(...[...run], ...bigrams(run));
  return tokens.join(' ');
}

/**
 * A query as groups of alternatives: every group must match, any form within a group may.
 * A word matches as written or as stemmed in any of the candidate languages, because the query's
 * language and a document's need not be the same.
 */
export function queryGroups(query: string, languages: readonly string[]): string[][] {
  const groups: string[][] = [];
  const first = languages[0] ?? 'en';
  for (const word of searchWords(query, first)) groups.push(wordForms(word, languages));
  for (const run of cjkRuns(query)) {
    const grams = [...run].length === 1 ? [run] : bigrams(run);
    for (const gram of grams) groups.push([gram]);
  }
  const seen = new Set<string>();
  return groups
    .filter((g) => {
      const key = g.join(' ');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_QUERY_GROUPS);
}

// Excerpts look up the index forms of every word they pass before the first match; texts share
// most of their words, and the forms of a word depend on nothing else, so they are kept.
const textWordForms = new LRUCache<string, string[]>({ max: 20_000 });

/** True when a word of the text matches one of the query's forms (used to place excerpts). */
export function matchesGroups(word: string, language: string, groups: string[][]): boolean {
  const key = `${language}\n${word}`;
  let forms = textWordForms.get(key);
  if (!forms) {
    forms = wordForms(normalizeWord(word, language), [language]);
    textWordForms.set(key, forms);
  }
  return groups.some((g) => g.some((f) => forms.includes(f)));
}
