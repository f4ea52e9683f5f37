// The expert barometer: members rate each paragraph or amendment, results per stakeholder group,
// UN region and gender, over several rounds.
//
// Groups count equally whatever their size (ten experts from one sector must not outvote three
// from another), "broad support" needs every group at or above the secretariat's threshold, and
// a cell of fewer than three raters is not shown, since its figures would point at individuals.
// Median and spread are taken over the 1–5 ratings; "can live with" and "object" are answers of
// their own, counted beside them, and count as below 4 in the share of ratings of 4 or more.
import type { StakeholderGroup } from '../../shared/stakeholders.ts';

export const MIN_CELL = 3;

export type RatingValue = 1 | 2 | 3 | 4 | 5 | 'can_live_with' | 'object';

export interface Rater {
  readonly id: string;
  readonly group: StakeholderGroup;
  /** UN M49 region code ("002" Africa …), or null when undeclared. */
  readonly region: string | null;
  readonly gender: string | null;
}

export interface Rating {
  readonly raterId: string;
  readonly target: string;
  readonly round: number;
  readonly value: RatingValue;
  readonly reason?: string;
  /** A declared conflict of interest: the rating is recorded but recused from every figure. */
  readonly conflictOfInterest?: boolean;
}

export type Cell =
  | { shown: false }
  | {
      shown: true;
      n: number;
      median: number | null;
      iqr: number | null;
      shareAtLeast4: number;
      canLiveWith: number;
      objections: number;
    };

export interface Summary {
  readonly byGroup: Map<string, Cell>;
  readonly byRegion: Map<string, Cell>;
  readonly byGender: Map<string, Cell>;
  /** Mean of the groups' shares of 4 or more: each group weighs the same. */
  readonly groupWeightedShare: number | null;
  readonly recused: number;
}

export function checkRating(r: Pick<Rating, 'value' | 'reason'>): Array<'reason_required'> {
  const low = r.value === 'object' || (typeof r.value === 'number' && r.value <= 2);
  return low && !r.reason?.trim() ? ['reason_required'] : [];
}

/** Quantile with linear interpolation between order statistics (R's type 7). */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

const atLeast4 = (v: RatingValue) => typeof v === 'number' && v >= 4;

function shareOf(values: readonly RatingValue[]): number {
  return values.filter(atLeast4).length / values.length;
}

function cell(values: readonly RatingValue[]): Cell {
  if (values.length < MIN_CELL) return { shown: false };
  const numbers = values
    .filter((v): v is 1 | 2 | 3 | 4 | 5 => typeof v === 'number')
    .sort((a, b) => a - b);
  return {
    shown: true,
    n: values.length,
    median: numbers.length ? quantile(numbers, 0.5) : null,
    iqr: numbers.length ? quantile(numbers, 0.75) - quantile(numbers, 0.25) : null,
    shareAtLeast4: shareOf(values),
    canLiveWith: values.filter((v) => v === 'can_live_with').length,
    objections: values.filter((v) => v === 'object').length,
  };
}

function groupBy(
  rated: ReadonlyArray<[Rater, RatingValue]>,
  key: (r: Rater) => string | null,
): Map<string, RatingValue[]> {
  const out = new Map<string, RatingValue[]>();
  for (const [rater, value] of rated) {
    const k = key(rater);
    if (k !== null) out.set(k, [...(out.get(k) ?? []), value]);
  }
  return out;
}

/** The ratings of one round on one target, counted (recused ones left out). */
export function summarize(
  ratings: readonly Rating[],
  raters: readonly Rater[],
  target: string,
  round: number,
): Summary {
  const byId = new Map(raters.map((r) => [r.id, r]));
  const mine = ratings.filter(
    (r) => r.target === target && r.round === round && byId.has(r.raterId),
  );
  const rated = mine
    .filter((r) => !r.conflictOfInterest)
    .map((r): [Rater, RatingValue] => [byId.get(r.raterId)!, r.value]);
  const groups = groupBy(rated, (r) => r.group);
  const shares = [...groups.values()].map(shareOf);
  const toCells = (m: Map<string, RatingValue[]>) => new Map([...m].map(([k, v]) => [k, cell(v)]));
  return {
    byGroup: toCells(groups),
    byRegion: toCells(groupBy(rated, (r) => r.region)),
    byGender: toCells(groupBy(rated, (r) => r.gender)),
    groupWeightedShare: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null,
    recused: mine.length - rated.length,
  };
}

/**
 * Broad support: every stakeholder group of the expert group has rated (with enough raters to
 * be shown) and has a share of 4 or more at or above the threshold. Groups that are too small
 * to show cannot vouch for support, so they are listed and broad support is withheld.
 */
export function broadSupport(
  summary: Summary,
  expertGroups: readonly StakeholderGroup[],
  threshold: number,
) {
  const tooFew = expertGroups.filter((g) => !summary.byGroup.get(g)?.shown);
  const below = expertGroups.filter((g) => {
    const c = summary.byGroup.get(g);
    return c?.shown === true && c.shareAtLeast4 < threshold;
  });
  return { broad: tooFew.length === 0 && below.length === 0, below, tooFew };
}

export type Distribution = Record<`${RatingValue}`, number>;

/**
 * What a member sees when rating round `round`: the previous round's distribution (withheld
 * below three raters) and how many members who rated in both rounds changed their answer.
 */
export function roundComparison(ratings: readonly Rating[], target: string, round: number) {
  const inRound = (k: number) =>
    new Map(
      ratings
        .filter((r) => r.target === target && r.round === k && !r.conflictOfInterest)
        .map((r) => [r.raterId, r.value]),
    );
  const previous = inRound(round - 1);
  const current = inRound(round);
  let moved = 0;
  for (const [rater, value] of current)
    if (previous.has(rater) && previous.get(rater) !== value) moved++;
  if (previous.size < MIN_CELL) return { previous: null, moved };
  const distribution: Distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, can_live_with: 0, object: 0 };
  for (const value of previous.values()) distribution[`${value}`]++;
  return { previous: distribution, moved };
}
