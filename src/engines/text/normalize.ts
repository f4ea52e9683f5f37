// Text normalisation before matching: one form per word whatever the keyboard or script variant.

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** Folds Unicode compatibility forms, case and, for Arabic, the variants that spelling tolerates. */
export function normalizeWord(word: string, language?: string): string {
  let w = word.normalize('NFKC').toLowerCase();
  if (language === 'ar' || /[\u0600-\u06FF]/.test(w)) {
    // Vowel marks and tatweel are optional in writing, and hamza-carrying alefs are often typed
    // as a plain alef; ta marbuta stays because the stemmer strips it as a suffix.
    w = w.replace(ARABIC_DIACRITICS, '').replace(/[إأآٱ]/g, 'ا');
  }
  // Typographic apostrophes would otherwise split "aujourd’hui" and "don’t" differently.
  return w.replace(/[’ʼ]/g, "'");
}
