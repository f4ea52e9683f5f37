// Which paragraph of a new version continues which paragraph of the previous one.
//
// Unchanged paragraphs are found first by a diff over the paragraph sequence (jsdiff's
// diffArrays), so the common case costs one linear pass. Inside each changed stretch (some old
// paragraphs replaced by some new ones), an old and a new paragraph are paired as "edited" when
// their words are similar enough; the pairing keeps the order and maximises the total similarity
// (a small alignment by dynamic programming, stretches being short). What is left over and has
// the same words elsewhere in the text was moved; the rest was deleted or inserted.
import { diffArrays } from 'diff';
import { normalizeParagraph, similarity } from './words.ts';

/** Share of words two paragraphs must have in common to count as one edited paragraph. */
export const EDIT_THRESHOLD = 0.5;
/** A paragraph taken out in one place and put in another with at most cosmetic changes. */
const MOVE_THRESHOLD = 0.9;

export interface Matching {
  /** For each new paragraph, the index of the old one it continues, or null. */
  readonly source: (number | null)[];
  /** New paragraph index → old index, for paragraphs moved out of order. */
  readonly moves: Map<number, number>;
}

interface Stretch {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * Matches `after` against `before` (both plain paragraph texts). `fresh` lists new paragraphs
 * that must not be matched (the secretariat said they are new).
 */
export function matchParagraphs(
  before: readonly string[],
  after: readonly string[],
  fresh: ReadonlySet<number> = new Set(),
  threshold = EDIT_THRESHOLD,
): Matching {
  const source: (number | null)[] = after.map(() => null);
  // Fresh paragraphs carry their index so that they equal nothing old.
  const left = before.map(normalizeParagraph);
  const right = after.map((text, i) =>
    fresh.has(i) ? `\u0000fresh:${i}` : normalizeParagraph(text),
  );
  const stretches: Stretch[] = [];
  let oldAt = 0;
  let newAt = 0;
  let open: Stretch | null = null;
  for (const change of diffArrays(left, right)) {
    const count = change.value.length;
    if (!change.added && !change.removed) {
      if (open) stretches.push(open);
      open = null;
      for (let k = 0; k < count; k++) source[newAt + k] = oldAt + k;
      oldAt += count;
      newAt += count;
      continue;
    }
    open ??= { oldStart: oldAt, oldEnd: oldAt, newStart: newAt, newEnd: newAt };
    if (change.removed) open.oldEnd = oldAt += count;
    else open.newEnd = newAt += count;
  }
  if (open) stretches.push(open);
  for (const stretch of stretches) alignStretch(stretch, before, after, fresh, threshold, source);
  return { source, moves: findMoves(before, after, fresh, source) };
}

/** Ordered pairing of a changed stretch maximising total similarity above the threshold. */
function alignStretch(
  s: Stretch,
  before: readonly string[],
  after: readonly string[],
  fresh: ReadonlySet<number>,
  threshold: number,
  source: (number | null)[],
): void {
  const rows = s.oldEnd - s.oldStart;
  const cols = s.newEnd - s.newStart;
  if (rows === 0 || cols === 0) return;
  const sim = (i: number, j: number) =>
    fresh.has(s.newStart + j) ? 0 : similarity(before[s.oldStart + i]!, after[s.newStart + j]!);
  const pairScore: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      const value = sim(i, j);
      return value >= threshold ? value : -1;
    }),
  );
  // best[i][j]: best total using old[i..] and new[j..].
  const best = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      const pair = pairScore[i]![j]! >= 0 ? pairScore[i]![j]! + best[i + 1]![j + 1]! : -1;
      best[i]![j] = Math.max(pair, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    const pair = pairScore[i]![j]!;
    if (pair >= 0 && best[i]![j] === pair + best[i + 1]![j + 1]!) {
      source[s.newStart + j] = s.oldStart + i;
      i++;
      j++;
    } else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
}

function findMoves(
  before: readonly string[],
  after: readonly string[],
  fresh: ReadonlySet<number>,
  source: readonly (number | null)[],
): Map<number, number> {
  const taken = new Set(source.filter((x): x is number => x !== null));
  const moves = new Map<number, number>();
  after.forEach((text, j) => {
    if (source[j] !== null || fresh.has(j)) return;
    const from = before.findIndex(
      (old, i) => !taken.has(i) && similarity(old, text) >= MOVE_THRESHOLD,
    );
    if (from >= 0) {
      taken.add(from);
      moves.set(j, from);
    }
  });
  return moves;
}
