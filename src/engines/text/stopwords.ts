// Stop words from stopwords-iso (57 languages), normalised the way tokens are so they match.
import { createRequire } from 'node:module';
import { normalizeWord } from './normalize.ts';

const require = createRequire(import.meta.url);
const lists = require('stopwords-iso') as Record<string, string[]>;
const sets = new Map<string, ReadonlySet<string>>();

function stopwordSet(language: string): ReadonlySet<string> {
  let set = sets.get(language);
  if (!set) {
    set = new Set((lists[language] ?? []).map((w) => normalizeWord(w, language)));
    sets.set(language, set);
  }
  return set;
}

export function isStopword(word: string, language: string): boolean {
  return stopwordSet(language).has(word);
}

/** ISO 639-1 codes with a stop-word list. */
export const stopwordLanguages: readonly string[] = Object.keys(lists);
