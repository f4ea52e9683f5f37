// Features that can match across languages without any model: character n-grams of words written
// in Latin script (diacritics folded), plus the whole word. Cognates share most of their n-grams
// ("infrastructure"/"infraestructura", "governance"/"gouvernance"/"gobernanza", "accès"/"acceso"),
// and acronyms, names and numbers ("IGF", "ICANN", "5G", "WSIS") are written the same in every
// language, including inside Arabic, Russian or Chinese text. Words in other scripts are left out
// on purpose: their n-grams could only ever match the same language, which stems already do, and
// Arabic, Russian and Chinese share no spelling with each other or with Latin-script languages —
// joining those needs the optional provider's embeddings.

const LATIN_OR_DIGITS = /^[\p{Script=Latin}\p{N}]+$/u;
const MARKS = /\p{M}/gu;

/** "accès" → "acces", "público" → "publico": accents differ between cognates, letters less. */
export function foldDiacritics(word: string): string {
  return word.normalize('NFD').replace(MARKS, '').normalize('NFC');
}

/** Whether a normalised word can carry cognate features: Latin script or digits. */
export function isCognateWord(word: string): boolean {
  return LATIN_OR_DIGITS.test(word);
}

/** Below this length a word is compared whole only: its n-grams would match too much. */
const MIN_GRAM_WORD = 5;
const GRAM = 4;

/**
 * Cross-language features of a text's content words (normalised, stop words removed): each
 * Latin-script word whole ("w:internet") and, from five letters, its 4-grams with word boundaries
 * marked ("g: inf", "g:infr", …).
 */
export function cognateFeatures(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of words) {
    if (!isCognateWord(raw)) continue;
    const w = foldDiacritics(raw);
    if (w.length < 2) continue;
    out.push(`w:${w}`);
    if (w.length < MIN_GRAM_WORD) continue;
    const padded = ` ${w} `;
    for (let i = 0; i + GRAM <= padded.length; i++) out.push(`g:${padded.slice(i, i + GRAM)}`);
  }
  return out;
}
