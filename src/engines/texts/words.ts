// Words of a paragraph, for telling an edited paragraph from a new one. Intl.Segmenter finds
// words in every interface language, including Chinese, which has no spaces between them.

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

export function words(text: string): string[] {
  const out: string[] = [];
  for (const segment of segmenter.segment(text.normalize('NFC'))) {
    if (segment.isWordLike) out.push(segment.segment.toLocaleLowerCase('und'));
  }
  return out;
}

/**
 * How much two paragraphs share, from 0 to 1: the Dice coefficient of their word multisets.
 * Word order is ignored on purpose: a reworded sentence is still the same paragraph.
 */
export function similarity(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.length === 0 && right.length === 0) return a.trim() === b.trim() ? 1 : 0;
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of right) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(word, left - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** Paragraph text as compared for "unchanged": spacing differences are not changes. */
export function normalizeParagraph(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
