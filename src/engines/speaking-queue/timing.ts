// Durations and order statistics shared by the ordering, the estimate and the fairness figures.
import type { Intervention } from './types.ts';

/** Speaking time of an intervention at `now`, pauses excluded (a running pause stops the clock). */
export function spokenMs(iv: Intervention, now: number): number {
  const end = iv.endedAt ?? iv.pausedAt ?? now;
  return Math.max(0, end - iv.startedAt - iv.pausedMs);
}

/** The q-quantile by linear interpolation between order statistics; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/** Durations of the interventions that have ended. */
export const completedDurations = (interventions: readonly Intervention[]) =>
  interventions.filter((iv) => iv.endedAt !== null).map((iv) => spokenMs(iv, iv.endedAt!));
