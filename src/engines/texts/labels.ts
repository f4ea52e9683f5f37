// Paragraph labels: the numbers people cite ("see 12bis"), which must never change once given.
//
// A label is a path of integers: [12] is "12", [12, 1] is "12bis", [12, 2] is "12ter". Paths are
// ordered like a table of contents (a path comes before its own extensions, siblings by index),
// so a new paragraph can always be given a fresh label between two neighbours without touching
// either: that is what lets numbers survive any sequence of versions.
//
// Rendering (a parse of the rendering gives back the path, so rendered labels are unique):
// - the first element is the paragraph number in decimals;
// - the second, when 1 to 19, is the Latin adverb used in legal drafting: bis, ter, quater …
//   vicies (the 2nd … 20th paragraph after n); beyond that, or for 0 and below, it is written
//   ".k" (so the 21st insertion after 12 is "12.21");
// - any deeper element is written ".k" too ("12bis.1" sits between 12bis and 12ter).
// - Insertions before paragraph 1 hang under a virtual paragraph 0: "0bis", "0ter" …
//   Zero and negative elements only appear when a paragraph is inserted in front of an earlier
//   insertion (before 12bis but after 12: "12bis" is [12, 1], so the newcomer is [12, 0], "12.0").

export type Label = readonly number[];

const LATIN = [
  'bis',
  'ter',
  'quater',
  'quinquies',
  'sexies',
  'septies',
  'octies',
  'novies',
  'decies',
  'undecies',
  'duodecies',
  'terdecies',
  'quaterdecies',
  'quindecies',
  'sexdecies',
  'septdecies',
  'octodecies',
  'novodecies',
  'vicies',
] as const;

/** The virtual label in front of paragraph 1, under which insertions before it are numbered. */
export const START: Label = [0];

export function compareLabels(a: Label, b: Label): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function extendsLabel(label: Label, prefix: Label): boolean {
  return label.length > prefix.length && prefix.every((part, i) => label[i] === part);
}

/**
 * `count` fresh labels strictly between `after` and `before` (null: the end of the text), given
 * that no label exists between them. Prefers the plain "after n" series (nbis, nter …).
 */
export function labelsBetween(after: Label, before: Label | null, count: number): Label[] {
  if (count <= 0) return [];
  if (before === null || !extendsLabel(before, after) || before[after.length]! > count) {
    return Array.from({ length: count }, (_, i) => [...after, i + 1]);
  }
  // `before` extends `after` (e.g. 12 then 12bis): take the one free label just in front of it
  // on that level, then continue underneath that one.
  const index = before[after.length]!;
  const first: Label = before.length > after.length + 1 ? [...after, index] : [...after, index - 1];
  return [first, ...labelsBetween(first, before, count - 1)];
}

export function renderLabel(label: Label): string {
  const [base, second, ...rest] = label;
  let text = String(base);
  if (second !== undefined) {
    text += second >= 1 && second <= LATIN.length ? LATIN[second - 1] : `.${second}`;
  }
  return text + rest.map((part) => `.${part}`).join('');
}

const LABEL_PATTERN = /^(\d+)([a-z]+)?((?:\.-?\d+)*)$/;

/** The path of a rendered label, or null when the text is not one. */
export function parseLabel(text: string): Label | null {
  const match = LABEL_PATTERN.exec(text);
  if (!match) return null;
  const path = [Number(match[1])];
  if (match[2] !== undefined) {
    const index = LATIN.indexOf(match[2] as (typeof LATIN)[number]);
    if (index < 0) return null;
    path.push(index + 1);
  }
  const rest = match[3] ? match[3].slice(1).split('.').map(Number) : [];
  path.push(...rest);
  // Only the canonical spelling counts ("12.2" is written "12ter"), so one label has one name.
  return renderLabel(path) === text ? path : null;
}
