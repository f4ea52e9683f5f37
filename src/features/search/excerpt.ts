// A short passage of a result around the first word that matched, so readers see why it came up.
import { matchesGroups } from './search-text.ts';
import { wordSegmenter } from '../../i18n/formatters.ts';

export interface Excerpt {
  before: string;
  match: string;
  after: string;
}

const BEFORE = 80;
const LENGTH = 240;

/** Where the first matching word (or Chinese/Japanese n-gram) starts, and how long it is. */
function firstMatch(
  text: string,
  language: string,
  groups: string[][],
): { index: number; length: number } | null {
  let best: { index: number; length: number } | null = null;
  for (const gram of groups.flat()) {
    // Only CJK grams can be found as substrings; other forms are folded and need word matching.
    if (!/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]+$/u.test(gram)) continue;
    const index = text.indexOf(gram);
    if (index >= 0 && (!best || index < best.index)) best = { index, length: gram.length };
  }
  const segmenter = wordSegmenter(language);
  for (const part of segmenter.segment(text)) {
    if (best && part.index >= best.index) break;
    if (part.isWordLike && matchesGroups(part.segment, language, groups))
      return { index: part.index, length: part.segment.length };
  }
  return best;
}

function trimStart(text: string): string {
  const space = text.search(/\s/);
  return space > 0 && space < 20 ? text.slice(space + 1) : text;
}

function trimEnd(text: string): string {
  const space = text.lastIndexOf(' ');
  return space > text.length - 20 ? text.slice(0, space) : text;
}

export function excerptOf(body: string, language: string, groups: string[][]): Excerpt {
  const text = body.replace(/\s+/g, ' ').trim();
  const found = firstMatch(text, language, groups);
  if (!found)
    return {
      before: '',
      match: '',
      after: text.length > LENGTH ? `${trimEnd(text.slice(0, LENGTH))}…` : text,
    };
  const start = Math.max(0, found.index - BEFORE);
  const end = Math.min(text.length, start + LENGTH);
  const before =
    start > 0 ? '…' + trimStart(text.slice(start, found.index)) : text.slice(0, found.index);
  const afterRaw = text.slice(found.index + found.length, end);
  return {
    before,
    match: text.slice(found.index, found.index + found.length),
    after: end < text.length ? `${trimEnd(afterRaw)}…` : afterRaw,
  };
}
