// Comments on a quoted range of a paragraph, kept in place across versions.
//
// An anchor is stored the way the W3C Web Annotation TextQuoteSelector describes one: the exact
// quote with some text before and after it, plus the paragraph number and offsets, which are
// only hints (offsets break with the first edit; a quote with its context does not). Placing an
// anchor in a new version tries, in order: the quote as is in the same paragraph, an approximate
// match in that paragraph (the quote itself was reworded), then the other paragraphs (the
// paragraph was split, merged or moved). What cannot be placed is returned as orphaned with its
// quote, so the page can still list it: a comment is never silently dropped.
import approxSearch from 'approx-string-match';
import type { NumberedText } from './numbering.ts';

/** Characters of context kept on each side, as Hypothesis does (enough to tell repeats apart). */
export const CONTEXT_LENGTH = 32;
/** Share of the quote that may differ for a fuzzy placement to count. */
const MAX_ERROR_SHARE = 0.25;
/** Context agreement needed to place a quote in another paragraph than its own. */
const ELSEWHERE_CONTEXT = 0.5;

export interface Anchor {
  readonly paragraph: string;
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly start: number;
  readonly end: number;
}

/** exact: same paragraph, same words; fuzzy: the words changed; elsewhere: another paragraph. */
type How = 'exact' | 'fuzzy' | 'elsewhere';

export type Placement =
  | {
      readonly status: 'placed';
      readonly how: How;
      readonly paragraph: string;
      readonly start: number;
      readonly end: number;
      /** The text now covered, which differs from the anchor's quote after a fuzzy placement. */
      readonly quote: string;
    }
  | { readonly status: 'orphaned'; readonly paragraph: string; readonly exact: string };

export function createAnchor(paragraph: string, text: string, start: number, end: number): Anchor {
  if (start < 0 || end > text.length || start >= end)
    throw new RangeError('empty or out-of-range quote');
  return {
    paragraph,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
    start,
    end,
  };
}

interface Candidate {
  paragraph: string;
  text: string;
  start: number;
  end: number;
  errors: number;
}

/** Shares of the prefix and suffix found right next to a candidate. */
function contextScore(anchor: Anchor, c: Candidate): number {
  const before = c.text.slice(0, c.start);
  const after = c.text.slice(c.end);
  let p = 0;
  while (
    p < anchor.prefix.length &&
    before[before.length - 1 - p] === anchor.prefix[anchor.prefix.length - 1 - p]
  )
    p++;
  let s = 0;
  while (s < anchor.suffix.length && after[s] === anchor.suffix[s]) s++;
  const prefix = anchor.prefix.length === 0 ? (c.start === 0 ? 1 : 0) : p / anchor.prefix.length;
  const suffix =
    anchor.suffix.length === 0 ? (c.end === c.text.length ? 1 : 0) : s / anchor.suffix.length;
  return (prefix + suffix) / 2;
}

/** Quote quality first, then context, then closeness to the old offsets (as a tie-breaker). */
function score(anchor: Anchor, c: Candidate): number {
  const quote = 1 - c.errors / anchor.exact.length;
  const position = 1 - Math.min(1, Math.abs(c.start - anchor.start) / Math.max(1, c.text.length));
  return 50 * quote + 20 * contextScore(anchor, c) + position;
}

function exactMatches(paragraph: string, text: string, quote: string): Candidate[] {
  const found: Candidate[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    found.push({ paragraph, text, start: at, end: at + quote.length, errors: 0 });
  }
  return found;
}

function fuzzyMatches(paragraph: string, text: string, quote: string): Candidate[] {
  const maxErrors = Math.floor(quote.length * MAX_ERROR_SHARE);
  if (maxErrors === 0) return [];
  return approxSearch(text, quote, maxErrors).map((m) => ({ paragraph, text, ...m }));
}

function best(anchor: Anchor, candidates: Candidate[]): Candidate | undefined {
  let top: Candidate | undefined;
  let topScore = -Infinity;
  for (const c of candidates) {
    const value = score(anchor, c);
    if (value > topScore) [top, topScore] = [c, value];
  }
  return top;
}

export function reanchor(anchor: Anchor, version: NumberedText): Placement {
  const live = version.filter((p) => !p.deleted);
  const own = live.find((p) => p.number === anchor.paragraph);
  const others = live.filter((p) => p !== own);
  // The unchanged quote elsewhere (with its context) beats a reworded one at home: after a
  // split, the old paragraph often still holds something close enough to fool a fuzzy search.
  const stages: Array<[How, () => Candidate[]]> = [
    ['exact', () => (own ? exactMatches(own.number, own.text, anchor.exact) : [])],
    ['elsewhere', () => others.flatMap((p) => exactMatches(p.number, p.text, anchor.exact))],
    ['fuzzy', () => (own ? fuzzyMatches(own.number, own.text, anchor.exact) : [])],
    ['elsewhere', () => others.flatMap((p) => fuzzyMatches(p.number, p.text, anchor.exact))],
  ];
  for (const [how, find] of stages) {
    const candidates = find().filter(
      (c) => how !== 'elsewhere' || contextScore(anchor, c) >= ELSEWHERE_CONTEXT,
    );
    const top = best(anchor, candidates);
    if (top) {
      return {
        status: 'placed',
        how,
        paragraph: top.paragraph,
        start: top.start,
        end: top.end,
        quote: top.text.slice(top.start, top.end),
      };
    }
  }
  return { status: 'orphaned', paragraph: anchor.paragraph, exact: anchor.exact };
}

/** Places every anchor of a version; the orphaned ones come back too, to be listed. */
export function reanchorAll<T extends { anchor: Anchor }>(
  items: readonly T[],
  version: NumberedText,
): { placed: Array<T & { placement: Placement }>; orphaned: Array<T & { placement: Placement }> } {
  const placed: Array<T & { placement: Placement }> = [];
  const orphaned: Array<T & { placement: Placement }> = [];
  for (const item of items) {
    const placement = reanchor(item.anchor, version);
    (placement.status === 'placed' ? placed : orphaned).push({ ...item, placement });
  }
  return { placed, orphaned };
}
