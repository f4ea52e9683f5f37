// Figures across published versions of one report. Each version's figures are suppressed on their
// own, but every version stays public: a reader who subtracts "Government 7, total 16" from
// "Government 8, total 17" learns the group of the one contributor published in between. The rule:
// a later version prints new figures only when
//   1. every printed figure changes by 0 or by at least k (a change is itself a count of people
//      who came or went, and is held to the same threshold as any printed count), and
//   2. the new figures, audited together with every figure set published before (their relations
//      joined by "new = old + came − went" for every figure counted in both), leave every hidden
//      figure of every set, and every count of people who came or went of 1..k−1, protected
//      (audit.ts: spreadNeeded);
// otherwise it reprints the figures in force. Reprinting adds nothing a reader did not have, so
// the published sets only ever grow by sets the joint audit passed. Pure.
import { isProtected, type Published, type Relation, type Shown } from './audit.ts';

export interface FigureSet {
  /** Each figure's true count. */
  counts: ReadonlyMap<string, number>;
  shown: ReadonlyMap<string, Shown>;
  relations: readonly Relation[];
}

/** Who came and went between two consecutive published sets, counted like the sets themselves. */
export interface Step {
  came: ReadonlyMap<string, number>;
  went: ReadonlyMap<string, number>;
}

export interface VersionAudit {
  /** The figure sets already published, oldest first, and the steps between them. */
  published: readonly FigureSet[];
  steps: readonly Step[];
  /** The step from the last published set to `next`. */
  step: Step;
  next: FigureSet;
  /** Figures that count the same people in every set (the participation tables). */
  linked: (id: string) => boolean;
  /** How many contributors came and went is public (the list of texts shows it): this figure. */
  total: string;
  k: number;
}

const printed = (s: Shown | undefined) => (s?.kind === 'value' ? s.value : undefined);

/** Rule 1: every printed figure of either set changes by 0 or by at least k. */
export function changesAreLarge(previous: FigureSet, next: FigureSet, k: number): boolean {
  const ids = new Set([...previous.shown.keys(), ...next.shown.keys()]);
  for (const id of ids) {
    const before = printed(previous.shown.get(id)) ?? previous.counts.get(id) ?? 0;
    const after = printed(next.shown.get(id)) ?? next.counts.get(id) ?? 0;
    const shownEither =
      printed(previous.shown.get(id)) !== undefined || printed(next.shown.get(id)) !== undefined;
    const change = Math.abs(after - before);
    if (shownEither && change > 0 && change < k) return false;
  }
  return true;
}

/** Every set and step as one system a reader can solve; with each figure's true count. */
export function jointSystem(audit: Omit<VersionAudit, 'step' | 'next'>) {
  const shown = new Map<string, Shown>();
  const counts = new Map<string, number>();
  const relations: Relation[] = [];
  // What each set's own tables imply whatever is printed (a cell left pinned by its own
  // suppression, who came when the new set has one category only, who went when the old one had): not something versions give away.
  const trivial = new Set<string>();
  audit.published.forEach((set, v) => {
    const alone: Published = { shown: set.shown, relations: set.relations, k: audit.k };
    for (const [id, s] of set.shown)
      if (s.kind !== 'value' && !isProtected(alone, id)) trivial.add(`v${v}:${id}`);
    for (const [id, s] of set.shown) shown.set(`v${v}:${id}`, s);
    for (const [id, c] of set.counts) counts.set(`v${v}:${id}`, c);
    for (const r of set.relations)
      relations.push({ total: `v${v}:${r.total}`, parts: r.parts.map((p) => `v${v}:${p}`) });
  });
  audit.steps.forEach((step, s) => {
    const [from, to] = [audit.published[s]!, audit.published[s + 1]!];
    const ids = [...new Set([...from.counts.keys(), ...to.counts.keys()])].filter(audit.linked);
    for (const [side, values] of [
      ['came', step.came],
      ['went', step.went],
    ] as const) {
      const everyone = (set: FigureSet, id: string) =>
        (set.counts.get(id) ?? 0) === (set.counts.get(audit.total) ?? 0);
      for (const id of ids) {
        if (everyone(side === 'came' ? to : from, id)) trivial.add(`${side}${s}:${id}`);
        shown.set(`${side}${s}:${id}`, { kind: 'omitted' });
        counts.set(`${side}${s}:${id}`, values.get(id) ?? 0);
      }
      // Those who came fill the new set's tables, those who went the old set's, with their totals.
      for (const r of (side === 'came' ? to : from).relations)
        if ([r.total, ...r.parts].every((x) => ids.includes(x)))
          relations.push({
            total: `${side}${s}:${r.total}`,
            parts: r.parts.map((p) => `${side}${s}:${p}`),
          });
      shown.set(`${side}${s}:${audit.total}`, {
        kind: 'value',
        value: values.get(audit.total) ?? 0,
      });
    }
    for (const id of ids) {
      // old + came = new + went, through a sum the reader cannot see.
      const side = (v: number, set: FigureSet) => {
        if (set.counts.has(id)) return `v${v}:${id}`;
        shown.set(`v${v}:${id}`, { kind: 'value', value: 0 });
        counts.set(`v${v}:${id}`, 0);
        return `v${v}:${id}`;
      };
      shown.set(`sum${s}:${id}`, { kind: 'omitted' });
      counts.set(`sum${s}:${id}`, (from.counts.get(id) ?? 0) + (step.came.get(id) ?? 0));
      relations.push({ total: `sum${s}:${id}`, parts: [side(s, from), `came${s}:${id}`] });
      relations.push({ total: `sum${s}:${id}`, parts: [side(s + 1, to), `went${s}:${id}`] });
    }
  });
  return { published: { shown, relations, k: audit.k } satisfies Published, counts, trivial };
}

/** Hidden figures a reader could pin down (or narrow) from every set together; empty when none. */
export function exposedFigures(
  system: ReturnType<typeof jointSystem>,
  counted: (id: string) => boolean,
): string[] {
  const { published, counts } = system;
  return [...published.shown.entries()]
    .filter(([id, s]) => {
      if (s.kind === 'value' || !counted(id) || system.trivial.has(id)) return false;
      const value = counts.get(id) ?? 0;
      if (s.kind === 'omitted' && (value === 0 || value >= published.k)) return false;
      return !isProtected(published, id);
    })
    .map(([id]) => id);
}

/** Whether `next` may be printed instead of reprinting the figures in force (rules 1 and 2). */
export function mayPublishFigures(audit: VersionAudit, counted: (id: string) => boolean): boolean {
  const last = audit.published.at(-1);
  if (!last) return true;
  if (!changesAreLarge(last, audit.next, audit.k)) return false;
  const system = jointSystem({
    ...audit,
    published: [...audit.published, audit.next],
    steps: [...audit.steps, audit.step],
  });
  return exposedFigures(system, counted).length === 0;
}
