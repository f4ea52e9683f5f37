// Stable paragraph numbers across versions of a draft text.
//
// Every paragraph ever numbered stays in the numbered text: a deleted one keeps its number,
// marked deleted, so "12" always means the same paragraph and a number is never given twice.
// New paragraphs take fresh labels between their neighbours (see labels.ts); a paragraph moved
// elsewhere is numbered anew at its new place (numbers stay in reading order) and its old
// number is kept as deleted, pointing to the new one.
import { AppError } from '../../shared/errors.ts';
import {
  compareLabels,
  labelsBetween,
  parseLabel,
  renderLabel,
  START,
  type Label,
} from './labels.ts';
import { matchParagraphs, EDIT_THRESHOLD } from './matching.ts';
import { similarity } from './words.ts';

export interface NumberedParagraph {
  readonly label: Label;
  /** The label as people cite it: "12", "12bis". */
  readonly number: string;
  /** For a deleted paragraph, its last wording. */
  readonly text: string;
  readonly deleted: boolean;
}

/** A version's paragraphs in reading order, deleted ones included. */
export type NumberedText = readonly NumberedParagraph[];

export type ParagraphChange =
  | { kind: 'unchanged'; number: string }
  | { kind: 'edited'; number: string; similarity: number }
  | { kind: 'inserted'; number: string }
  | { kind: 'moved'; number: string; from: string }
  | { kind: 'deleted'; number: string; movedTo?: string };

export interface Renumbering {
  readonly paragraphs: NumberedText;
  /** What happened to each paragraph, live ones in reading order then the newly deleted. */
  readonly changes: ParagraphChange[];
}

export interface RenumberOptions {
  /**
   * The secretariat's word on some new paragraphs (by index): the number of the paragraph it
   * continues, or null for "this one is new". Must keep reading order.
   */
  readonly mapping?: ReadonlyMap<number, string | null>;
  readonly threshold?: number;
}

function numbered(label: Label, text: string, deleted = false): NumberedParagraph {
  return { label, number: renderLabel(label), text, deleted };
}

export function numberFirstVersion(texts: readonly string[]): NumberedText {
  return texts.map((text, i) => numbered([i + 1], text));
}

export function livePart(text: NumberedText): NumberedParagraph[] {
  return text.filter((p) => !p.deleted);
}

export function renumber(
  previous: NumberedText,
  texts: readonly string[],
  options: RenumberOptions = {},
): Renumbering {
  const live = livePart(previous);
  const source = matchWithMapping(live, texts, options);
  return assemble(previous, live, texts, source);
}

/** The automatic matching, overridden and split into independent parts by explicit pairs. */
function matchWithMapping(
  live: readonly NumberedParagraph[],
  texts: readonly string[],
  options: RenumberOptions,
): { source: (number | null)[]; moved: Map<number, number> } {
  const pinned = explicitPairs(live, options.mapping);
  const fresh = new Set(
    [...(options.mapping ?? new Map<number, string | null>())]
      .filter(([, number]) => number === null)
      .map(([index]) => index),
  );
  const source: (number | null)[] = texts.map(() => null);
  const moved = new Map<number, number>();
  let oldFrom = 0;
  let newFrom = 0;
  for (const [newIndex, oldIndex] of [...pinned, [texts.length, live.length] as const]) {
    const part = matchParagraphs(
      live.slice(oldFrom, oldIndex).map((p) => p.text),
      texts.slice(newFrom, newIndex),
      new Set([...fresh].filter((i) => i >= newFrom && i < newIndex).map((i) => i - newFrom)),
      options.threshold ?? EDIT_THRESHOLD,
    );
    part.source.forEach((s, k) => (source[newFrom + k] = s === null ? null : oldFrom + s));
    for (const [n, o] of part.moves) moved.set(newFrom + n, oldFrom + o);
    if (newIndex < texts.length) source[newIndex] = oldIndex;
    oldFrom = oldIndex + 1;
    newFrom = newIndex + 1;
  }
  return { source, moved };
}

function explicitPairs(
  live: readonly NumberedParagraph[],
  mapping: ReadonlyMap<number, string | null> | undefined,
): Array<readonly [number, number]> {
  const pairs: Array<readonly [number, number]> = [];
  for (const [newIndex, number] of [...(mapping ?? [])].sort((a, b) => a[0] - b[0])) {
    if (number === null) continue;
    const oldIndex = live.findIndex((p) => p.number === number);
    const last = pairs.at(-1);
    if (oldIndex < 0 || (last && oldIndex <= last[1])) {
      throw new AppError('invalid_paragraph_mapping', 'paragraph mapping out of order or unknown', {
        details: { paragraph: newIndex, number },
      });
    }
    pairs.push([newIndex, oldIndex]);
  }
  return pairs;
}

/** Walks the old numbered text and the new paragraphs together, giving labels to newcomers. */
function assemble(
  previous: NumberedText,
  live: readonly NumberedParagraph[],
  texts: readonly string[],
  matched: { source: (number | null)[]; moved: Map<number, number> },
): Renumbering {
  const out: NumberedParagraph[] = [];
  const changes: ParagraphChange[] = [];
  const deletedNow: ParagraphChange[] = [];
  const movedOut = new Map<NumberedParagraph, number>();
  for (const [newIndex, oldIndex] of matched.moved) movedOut.set(live[oldIndex]!, newIndex);
  const continued = new Set(
    matched.source.filter((s): s is number => s !== null).map((s) => live[s]!),
  );
  const position = new Map(previous.map((p, i) => [p, i]));
  let cursor = 0;
  let pending: number[] = [];
  const flushOld = (until: number) => {
    for (; cursor < until; cursor++) {
      const old = previous[cursor]!;
      out.push(old.deleted ? old : numbered(old.label, old.text, true));
      if (!old.deleted && !continued.has(old))
        deletedNow.push({ kind: 'deleted', number: old.number });
    }
  };
  const flushNew = (before: Label | null) => {
    const labels = labelsBetween(out.at(-1)?.label ?? START, before, pending.length);
    pending.forEach((newIndex, k) => {
      out.push(numbered(labels[k]!, texts[newIndex]!));
      changes.push(insertionChange(renderLabel(labels[k]!), newIndex, matched.moved, live));
    });
    pending = [];
  };
  texts.forEach((text, newIndex) => {
    const oldIndex = matched.source[newIndex];
    if (oldIndex === null || oldIndex === undefined) return void pending.push(newIndex);
    const old = live[oldIndex]!;
    flushOld(position.get(old)!);
    flushNew(old.label);
    out.push(numbered(old.label, text));
    changes.push(continuationChange(old, text));
    cursor++;
  });
  flushOld(previous.length);
  flushNew(null);
  // The live paragraphs of `out` are the new texts in order, so a moved one's new number is there.
  const liveOut = livePart(out);
  const movedTo = new Map(
    [...matched.moved].map(([n, o]) => [live[o]!.number, liveOut[n]!.number]),
  );
  for (const change of deletedNow) {
    const target = movedTo.get(change.number);
    if (target !== undefined && change.kind === 'deleted') change.movedTo = target;
  }
  return { paragraphs: out, changes: [...changes, ...deletedNow] };
}

function continuationChange(old: NumberedParagraph, text: string): ParagraphChange {
  if (old.text === text) return { kind: 'unchanged', number: old.number };
  return { kind: 'edited', number: old.number, similarity: similarity(old.text, text) };
}

function insertionChange(
  number: string,
  newIndex: number,
  moved: ReadonlyMap<number, number>,
  live: readonly NumberedParagraph[],
): ParagraphChange {
  const from = moved.get(newIndex);
  return from === undefined
    ? { kind: 'inserted', number }
    : { kind: 'moved', number, from: live[from]!.number };
}

/** Checks the invariant the rest of the feature relies on: labels strictly increase. */
export function isInReadingOrder(text: NumberedText): boolean {
  return text.every((p, i) => i === 0 || compareLabels(text[i - 1]!.label, p.label) < 0);
}

/** The paragraph a citation points to, deleted or not. */
export function findParagraph(text: NumberedText, number: string): NumberedParagraph | undefined {
  return parseLabel(number) ? text.find((p) => p.number === number) : undefined;
}
