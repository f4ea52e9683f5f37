// Amendments: new wording for one or more paragraphs of a given version, shown as a word diff,
// carried forward when the text moves on, and checked for collisions with one another.
//
// As in Antragsgrün, a collision is two amendments changing the same words of the same base
// paragraph: each can be adopted alone, but not both without someone choosing. Changes that
// touch different words of one paragraph merge cleanly, and so does a rebase onto a version that
// changed other words. Everything works on jsdiff's word-with-space tokens, so joining the tokens
// gives back the text exactly (spacing and punctuation included).
import { diffArrays, diffWordsWithSpace, wordsWithSpaceDiff } from 'diff';
import { AppError } from '../../shared/errors.ts';
import type { NumberedText } from './numbering.ts';

export interface ParagraphProposal {
  readonly paragraph: string;
  /** The proposed wording; empty to propose deleting the paragraph. */
  readonly proposed: string;
}

export interface Amendment {
  readonly id: string;
  /** The version id the wording was written against. */
  readonly baseVersion: string;
  readonly changes: readonly ParagraphProposal[];
  /** Set on a sub-amendment: the amendment whose proposed text it amends. */
  readonly parent?: string;
}

export type DiffOp = { readonly op: 'equal' | 'insert' | 'delete'; readonly text: string };

/** A stretch of base tokens [from, to) replaced by `tokens` (from === to: a pure insertion). */
interface Hunk {
  readonly from: number;
  readonly to: number;
  readonly tokens: readonly string[];
}

export type Conflict =
  | { readonly paragraph: string; readonly reason: 'paragraph_missing' | 'paragraph_deleted' }
  | { readonly paragraph: string; readonly reason: 'same_words_changed'; readonly words: string };

export type Rebase =
  | { readonly status: 'clean'; readonly amendment: Amendment; readonly alreadyAdopted: string[] }
  | { readonly status: 'conflict'; readonly conflicts: Conflict[] };

export interface Collision {
  readonly paragraph: string;
  /** The base words both amendments change (empty when both insert at the same place). */
  readonly words: string;
}

const tokenize = (text: string): string[] => [...wordsWithSpaceDiff.tokenize(text)];

/** Word-level diff for display: the views render insert as <ins> and delete as <del>. */
export function diffWording(base: string, proposed: string): DiffOp[] {
  return diffWordsWithSpace(base, proposed).map((c) => ({
    op: c.added ? 'insert' : c.removed ? 'delete' : 'equal',
    text: c.value,
  }));
}

function liveText(text: NumberedText, paragraph: string): string | undefined {
  return text.find((p) => p.number === paragraph && !p.deleted)?.text;
}

/** The diff of each proposed paragraph against the version the amendment targets. */
export function amendmentDiff(
  amendment: Amendment,
  base: NumberedText,
): Array<{ paragraph: string; ops: DiffOp[] }> {
  return amendment.changes.map(({ paragraph, proposed }) => {
    const text = liveText(base, paragraph);
    if (text === undefined) {
      throw new AppError('amendment_paragraph_unknown', 'amendment targets no live paragraph', {
        details: { paragraph },
      });
    }
    return { paragraph, ops: diffWording(text, proposed) };
  });
}

function hunks(base: readonly string[], other: readonly string[]): Hunk[] {
  const out: Hunk[] = [];
  let at = 0;
  let open: { from: number; to: number; tokens: string[] } | null = null;
  for (const change of diffArrays([...base], [...other])) {
    if (!change.added && !change.removed) {
      if (open) out.push(open);
      open = null;
      at += change.value.length;
      continue;
    }
    open ??= { from: at, to: at, tokens: [] };
    if (change.removed) open.to = at += change.value.length;
    else open.tokens.push(...change.value);
  }
  if (open) out.push(open);
  return out;
}

/** Same words changed, or both inserting at the very same place (their order is a choice). */
function collide(a: Hunk, b: Hunk): boolean {
  if (a.from === a.to && b.from === b.to) return a.from === b.from;
  if (a.from === a.to) return b.from < a.from && a.from < b.to;
  if (b.from === b.to) return a.from < b.from && b.from < a.to;
  return a.from < b.to && b.from < a.to;
}

function collisionsIn(paragraph: string, base: string, a: string, b: string): Collision[] {
  const tokens = tokenize(base);
  const left = hunks(tokens, tokenize(a));
  const right = hunks(tokens, tokenize(b));
  return left.flatMap((x) =>
    right
      .filter((y) => collide(x, y))
      .map((y) => ({
        paragraph,
        words: tokens.slice(Math.min(x.from, y.from), Math.max(x.to, y.to)).join('').trim(),
      })),
  );
}

/**
 * Where two amendments on the same base version change the same words. Amendments written on
 * different versions must be rebased onto one first: their offsets do not compare.
 */
export function overlaps(a: Amendment, b: Amendment, base: NumberedText): Collision[] {
  if (a.baseVersion !== b.baseVersion) {
    throw new AppError(
      'amendments_on_different_versions',
      'rebase both amendments onto one version first',
    );
  }
  return a.changes.flatMap((x) =>
    b.changes
      .filter((y) => y.paragraph === x.paragraph)
      .flatMap((y) =>
        collisionsIn(x.paragraph, liveText(base, x.paragraph) ?? '', x.proposed, y.proposed),
      ),
  );
}

/** Applies two sets of non-colliding hunks to the base tokens. */
function applyBoth(
  base: readonly string[],
  first: readonly Hunk[],
  second: readonly Hunk[],
): string {
  const all = [...first, ...second].sort((x, y) => x.from - y.from || x.to - y.to);
  const out: string[] = [];
  let at = 0;
  for (const h of all) {
    out.push(...base.slice(at, h.from), ...h.tokens);
    at = Math.max(at, h.to);
  }
  return [...out, ...base.slice(at)].join('');
}

/** Carries one proposed paragraph from its base wording to the wording of a newer version. */
function rebaseParagraph(change: ParagraphProposal, from: string, to: string): string | Conflict {
  if (to === from) return change.proposed;
  const base = tokenize(from);
  const ours = hunks(base, tokenize(change.proposed));
  const theirs = hunks(base, tokenize(to));
  const clash = ours.find((x) => theirs.some((y) => collide(x, y)));
  if (clash) {
    const words = base.slice(clash.from, clash.to).join('').trim();
    return { paragraph: change.paragraph, reason: 'same_words_changed', words };
  }
  return applyBoth(base, ours, theirs);
}

/**
 * The amendment carried from the version it was written on to a newer one: clean when the
 * newer version changed other words (both changes are kept), a conflict with details when it
 * changed the same ones or removed the paragraph. A change the new version already contains is
 * reported as adopted and dropped.
 */
export function rebase(
  amendment: Amendment,
  from: NumberedText,
  to: NumberedText,
  toVersion: string,
): Rebase {
  const conflicts: Conflict[] = [];
  const changes: ParagraphProposal[] = [];
  const alreadyAdopted: string[] = [];
  for (const change of amendment.changes) {
    const before = liveText(from, change.paragraph);
    const after = liveText(to, change.paragraph);
    if (before === undefined)
      conflicts.push({ paragraph: change.paragraph, reason: 'paragraph_missing' });
    else if (after === undefined)
      conflicts.push({ paragraph: change.paragraph, reason: 'paragraph_deleted' });
    else if (after === change.proposed) alreadyAdopted.push(change.paragraph);
    else {
      const result = rebaseParagraph(change, before, after);
      if (typeof result === 'string')
        changes.push({ paragraph: change.paragraph, proposed: result });
      else conflicts.push(result);
    }
  }
  if (conflicts.length > 0) return { status: 'conflict', conflicts };
  return {
    status: 'clean',
    amendment: { ...amendment, baseVersion: toVersion, changes },
    alreadyAdopted,
  };
}

/**
 * The text a sub-amendment amends: the base version with the parent's proposals applied, under
 * the same paragraph numbers. Only one level is allowed, so the parent may not be a sub-amendment.
 */
export function proposedText(parent: Amendment, base: NumberedText): NumberedText {
  if (parent.parent !== undefined) {
    throw new AppError('sub_amendment_too_deep', 'a sub-amendment cannot itself be amended');
  }
  const proposals = new Map(parent.changes.map((c) => [c.paragraph, c.proposed]));
  return base.map((p) =>
    proposals.has(p.number) && !p.deleted ? { ...p, text: proposals.get(p.number)! } : p,
  );
}

/** A sub-amendment's version id: the parent amendment's proposed text is its base. */
export const subAmendmentBase = (parent: Amendment): string => `amendment:${parent.id}`;
