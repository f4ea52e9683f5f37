// Small-cell suppression for every figure a report publishes. Pure.
//
// A report is a set of figures (counts of contributors) tied by the relations it prints: row and
// column totals, sub-totals, hierarchies (region → Global South/North → total), the same total
// printed in several tables. Rules:
// - a figure of 1..k−1 is shown as "< k" (primary suppression); 0 is shown;
// - a figure that a printed share depends on (`requires`) is hidden whenever that one is;
// - then, while some hidden figure can be pinned down from what is printed (see audit.ts), the
//   smallest printed figure of k or more that shares a relation with it is withheld too
//   (complementary suppression), shown as "withheld" — never as "< k", which would be a lie.
// Percentages are published only through figures: a share is printed only when both its count and
// its denominator are (callers express that with `requires`).
import { isProtected, type Published, type Relation, type Shown } from './audit.ts';

export interface Figure {
  id: string;
  count: number;
  /**
   * 'always': public by other means (never hidden); 'never': not printed, only related; 'slack':
   * not a count of anyone, only the gap that turns `a ≤ b` into `a + slack = b` (never protected).
   */
  print?: 'always' | 'never' | 'slack';
  /** A figure this one is only printed with (the denominator of its share). */
  requires?: string;
}

export interface SuppressionInput {
  figures: readonly Figure[];
  relations: readonly Relation[];
  k?: number;
}

export const MIN_COUNT = 5;

function initial(f: Figure, k: number): Shown {
  if (f.print === 'never' || f.print === 'slack') return { kind: 'omitted' };
  if (f.print !== 'always' && f.count > 0 && f.count < k) return { kind: 'small' };
  return { kind: 'value', value: f.count };
}

const hide = (f: Figure, k: number): Shown =>
  f.count < k ? { kind: 'small' } : { kind: 'withheld' };

/** Hides every printed non-zero figure whose `requires` is hidden, until nothing changes. */
function enforceRequires(figures: readonly Figure[], shown: Map<string, Shown>, k: number) {
  for (let changed = true; changed;) {
    changed = false;
    for (const f of figures) {
      const needed = f.requires ? shown.get(f.requires) : undefined;
      if (needed && needed.kind !== 'value' && shown.get(f.id)?.kind === 'value' && f.count > 0) {
        shown.set(f.id, hide(f, k));
        changed = true;
      }
    }
  }
}

/**
 * The printed figure (k or more, not forced) to withhold for `id`: one sharing a relation with it
 * if any, else one reached through relations of hidden figures; cells before totals (a hidden
 * total spreads to every table printing it), smallest first.
 */
function complementFor(
  id: string,
  input: SuppressionInput,
  shown: Map<string, Shown>,
  k: number,
): Figure | undefined {
  const byId = new Map(input.figures.map((f) => [f.id, f]));
  const totals = new Set(input.relations.map((r) => r.total));
  const reached = new Set([id]);
  let frontier = [id];
  while (frontier.length > 0) {
    const linked = new Set<string>();
    for (const r of input.relations)
      if (frontier.some((x) => r.total === x || r.parts.includes(x)))
        [r.total, ...r.parts].forEach((x) => linked.add(x));
    const candidates = [...linked]
      .map((x) => byId.get(x)!)
      .filter((f) => f.print !== 'always' && f.count >= k && shown.get(f.id)?.kind === 'value')
      .sort(
        (a, b) =>
          Number(totals.has(a.id)) - Number(totals.has(b.id)) ||
          a.count - b.count ||
          a.id.localeCompare(b.id),
      );
    if (candidates[0]) return candidates[0];
    frontier = [...linked].filter((x) => !reached.has(x) && shown.get(x)?.kind !== 'value');
    frontier.forEach((x) => reached.add(x));
  }
  return undefined;
}

/**
 * Every printed-but-hidden figure must keep two possible values; a figure never printed only when
 * it is small (a reader deducing that a cross-classification not shown is 0, or k or more, learns
 * nothing the rules would not let the report print).
 */
function needsProtection(f: Figure, shown: Shown, k: number): boolean {
  if (shown.kind === 'value' || f.print === 'slack') return false;
  return shown.kind !== 'omitted' || (f.count > 0 && f.count < k);
}

/** What each figure may show. Throws if a hidden figure cannot be protected at all. */
export function suppressFigures(input: SuppressionInput): Map<string, Shown> {
  const k = input.k ?? MIN_COUNT;
  const shown = new Map(input.figures.map((f) => [f.id, initial(f, k)]));
  enforceRequires(input.figures, shown, k);
  const published: Published = { shown, relations: input.relations, k };
  // Hiding more never narrows what a reader can say of a figure already protected, so each
  // figure needs checking only until it passes once.
  const safe = new Set<string>();
  for (;;) {
    const exposed = input.figures.find(
      (f) => !safe.has(f.id) && needsProtection(f, shown.get(f.id)!, k) && !markSafe(f.id),
    );
    if (!exposed) return shown;
    const complement = complementFor(exposed.id, input, shown, k);
    if (complement) shown.set(complement.id, hide(complement, k));
    // A figure never printed that nothing printed can protect any more is pinned only by what is
    // public by other means and by which categories exist at all (one stakeholder group only,
    // say): the report cannot hide that, and must not fail to be written because of it.
    else if (shown.get(exposed.id)?.kind === 'omitted') safe.add(exposed.id);
    else omitAround(exposed.id, input, shown);
    enforceRequires(input.figures, shown, k);
  }

  function markSafe(id: string): boolean {
    if (!isProtected(published, id)) return false;
    safe.add(id);
    return true;
  }
}

/**
 * When nothing printed is left to withhold (the figures around are public by other means), the
 * hidden figures sharing a relation with `id` are not printed at all, labels included: a reader
 * then knows only that they are 0 or more.
 */
function omitAround(id: string, input: SuppressionInput, shown: Map<string, Shown>) {
  if (shown.get(id)?.kind === 'omitted') throw new Error(`figure ${id} cannot be protected`);
  const forced = new Set(input.figures.filter((f) => f.print === 'always').map((f) => f.id));
  for (const r of input.relations)
    if (r.total === id || r.parts.includes(id))
      for (const x of [r.total, ...r.parts])
        if (!forced.has(x) && shown.get(x)?.kind !== 'value') shown.set(x, { kind: 'omitted' });
}

/** Each figure's count, into figures for `suppressFigures`. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
