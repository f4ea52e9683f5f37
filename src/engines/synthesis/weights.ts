// Theme weights: the share of inputs a theme holds overall, within each stakeholder group and
// region, and over time, so a theme that is small overall but dominant for one group shows.
import type { SynthesisInput, ThemeWeights, TimeBucket } from './types.ts';

export type BucketSize = 'day' | 'week' | 'month';
const DAY = 86_400_000;

function timeOf(input: SynthesisInput): number | undefined {
  if (input.createdAt === undefined) return undefined;
  const t = new Date(input.createdAt).getTime();
  return Number.isNaN(t) ? undefined : t;
}

/** Days for a consultation of a month, weeks up to half a year, months beyond. */
export function chooseBucketSize(inputs: readonly SynthesisInput[]): BucketSize {
  const times = inputs.map(timeOf).filter((t): t is number => t !== undefined);
  if (times.length === 0) return 'month';
  const span = Math.max(...times) - Math.min(...times);
  return span <= 31 * DAY ? 'day' : span <= 183 * DAY ? 'week' : 'month';
}

export function bucketStart(time: number, size: BucketSize): string {
  const d = new Date(time);
  if (size === 'month') return `${d.toISOString().slice(0, 7)}-01`;
  if (size === 'week') {
    // Weeks start on Monday (ISO 8601), in UTC.
    const monday = new Date(
      Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)),
    );
    return monday.toISOString().slice(0, 10);
  }
  return d.toISOString().slice(0, 10);
}

function tally(values: readonly (string | undefined)[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) if (v !== undefined && v !== '') m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function shares(members: Map<string, number>, totals: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [...totals.keys()].sort())
    out[key] = (members.get(key) ?? 0) / totals.get(key)!;
  return out;
}

export function themeWeights(
  all: readonly SynthesisInput[],
  members: readonly SynthesisInput[],
  size: BucketSize,
): ThemeWeights {
  const bucketOf = (i: SynthesisInput) => {
    const t = timeOf(i);
    return t === undefined ? undefined : bucketStart(t, size);
  };
  const allBuckets = tally(all.map(bucketOf));
  const memberBuckets = tally(members.map(bucketOf));
  const overTime: TimeBucket[] = [...allBuckets.keys()].sort().map((start) => ({
    start,
    count: memberBuckets.get(start) ?? 0,
    weight: (memberBuckets.get(start) ?? 0) / allBuckets.get(start)!,
  }));
  return {
    overall: all.length === 0 ? 0 : members.length / all.length,
    byGroup: shares(
      tally(members.map((m) => m.stakeholderGroup)),
      tally(all.map((a) => a.stakeholderGroup)),
    ),
    byRegion: shares(tally(members.map((m) => m.region)), tally(all.map((a) => a.region))),
    overTime,
  };
}
