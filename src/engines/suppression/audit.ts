// What a reader can deduce about each hidden figure from everything a report prints. The reader
// is assumed to know every printed figure, every linear relation between figures (a total is the
// sum of its parts), and what each label means: "< k" holds 1..k−1, "withheld" holds k or more,
// a figure that is never printed holds 0 or more. For one hidden figure, the values it can still
// take are found exactly by integer programming (minimum and maximum over the whole system).
import { solve, type Constraint } from 'yalps';

export type Shown =
  { kind: 'value'; value: number } | { kind: 'small' } | { kind: 'withheld' } | { kind: 'omitted' };

/** A printed total: `total` is the sum of `parts`. */
export interface Relation {
  total: string;
  parts: readonly string[];
}

export interface Published {
  shown: ReadonlyMap<string, Shown>;
  relations: readonly Relation[];
  k: number;
}

/** The interval the label alone gives a hidden figure; Infinity when unbounded above. */
export function labelBounds(shown: Shown, k: number): [number, number] {
  if (shown.kind === 'small') return [1, k - 1];
  if (shown.kind === 'withheld') return [k, Infinity];
  if (shown.kind === 'omitted') return [0, Infinity];
  return [shown.value, shown.value];
}

const isHidden = (s: Shown | undefined) => s !== undefined && s.kind !== 'value';

/** The relations as constraints over hidden figures only (printed ones are constants). */
function constraintsOver(published: Published) {
  const rows: Array<{ name: string; vars: Map<string, number>; equal: number }> = [];
  published.relations.forEach((r, i) => {
    const vars = new Map<string, number>();
    let constant = 0;
    const add = (id: string, sign: number) => {
      const s = published.shown.get(id);
      if (!s) throw new Error(`relation names an unknown figure: ${id}`);
      if (s.kind === 'value') constant += sign * s.value;
      else vars.set(id, (vars.get(id) ?? 0) + sign);
    };
    add(r.total, -1);
    r.parts.forEach((p) => add(p, 1));
    if (vars.size > 0) rows.push({ name: `r${i}`, vars, equal: -constant });
  });
  return rows;
}

/** The hidden figures linked to `id` through relations with other hidden figures. */
function component(rows: ReturnType<typeof constraintsOver>, id: string) {
  const seen = new Set([id]);
  const used = new Set<number>();
  for (let grew = true; grew;) {
    grew = false;
    rows.forEach((row, i) => {
      if (used.has(i) || ![...row.vars.keys()].some((v) => seen.has(v))) return;
      used.add(i);
      grew = true;
      row.vars.forEach((_, v) => seen.add(v));
    });
  }
  return { vars: [...seen], rows: rows.filter((_, i) => used.has(i)) };
}

/** The least and greatest integer value `id` can take given everything printed. */
export function feasibleRange(published: Published, id: string): [number, number] {
  const shown = published.shown.get(id);
  if (!shown || !isHidden(shown)) {
    const [v] = shown ? labelBounds(shown, published.k) : [NaN];
    return [v!, v!];
  }
  const { vars, rows } = component(constraintsOver(published), id);
  const constraints: Array<[string, Constraint]> = rows.map((r) => [r.name, { equal: r.equal }]);
  const variables = vars.map((v) => {
    const [lo, hi] = labelBounds(published.shown.get(v)!, published.k);
    constraints.push([`b:${v}`, hi === Infinity ? { min: lo } : { min: lo, max: hi }]);
    const coefficients: Array<[string, number]> = [[`b:${v}`, 1]];
    for (const r of rows) if (r.vars.has(v)) coefficients.push([r.name, r.vars.get(v)!]);
    if (v === id) coefficients.push(['objective', 1]);
    return [v, coefficients] as [string, Array<[string, number]>];
  });
  const run = (direction: 'minimize' | 'maximize') =>
    solve({ direction, objective: 'objective', constraints, variables, integers: true });
  const low = run('minimize');
  const high = run('maximize');
  if (low.status !== 'optimal') throw new Error(`published figures are inconsistent at ${id}`);
  return [Math.round(low.result), high.status === 'unbounded' ? Infinity : Math.round(high.result)];
}

/**
 * How far a reader must stay from each hidden figure. A figure shown as "< k" must keep at least
 * three neighbouring values (high − low ≥ 2): two values would let "< 5" read "one or two
 * people", which points at a person nearly as surely as printing it; asking for the whole 1..k−1
 * instead would force hiding most totals of a small consultation, while three values already
 * leave a reader's best guess wrong two times in three. Any other hidden figure (withheld, or
 * never printed) needs two possible values: a reader must not learn it exactly.
 */
export function spreadNeeded(shown: Shown): number {
  return shown.kind === 'small' ? 2 : 1;
}

/** A hidden figure is protected when the reader is left with enough possible values. */
export function isProtected(published: Published, id: string): boolean {
  const [low, high] = feasibleRange(published, id);
  return high - low >= spreadNeeded(published.shown.get(id)!);
}
