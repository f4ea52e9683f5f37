// An honest estimate of the wait: a range in whole minutes built from how long interventions have
// actually lasted in this session, never a single figure that looks more precise than it is.
import { completedDurations, quantile, spokenMs } from './timing.ts';
import type { QueueState } from './types.ts';
import { currentIntervention } from './validate.ts';

export interface WaitHistory {
  /** The instant the estimate is for. */
  now: number;
  /** The speaking time the secretariat planned per intervention, used until enough have ended. */
  plannedSpeakingMs: number;
}

export interface WaitEstimate {
  /** Requests to be heard first (0: next). */
  ahead: number;
  lowMs: number;
  highMs: number;
  /** 'observed': quartiles of this session's interventions; 'planned': the planned time ±50 %. */
  basis: 'observed' | 'planned';
  /** How many ended interventions the range rests on. */
  sample: number;
}

/** Below this many ended interventions, quartiles say more about chance than about the session. */
export const MIN_SAMPLE = 3;
const MINUTE = 60_000;

function perIntervention(state: QueueState, plannedMs: number) {
  const done = completedDurations(state.interventions);
  if (done.length < MIN_SAMPLE)
    return {
      low: plannedMs * 0.5,
      high: plannedMs * 1.5,
      basis: 'planned' as const,
      sample: done.length,
    };
  return {
    low: quantile(done, 0.25),
    high: quantile(done, 0.75),
    basis: 'observed' as const,
    sample: done.length,
  };
}

/**
 * How long `requestId` may still wait: those ahead × the typical intervention (lower to upper
 * quartile), plus what the current speaker typically has left. Null when it is not waiting. A
 * point of order raised later goes ahead of everyone, so the range holds only if none is.
 */
export function estimateWait(
  state: QueueState,
  requestId: string,
  history: WaitHistory,
): WaitEstimate | null {
  const ahead = state.queue.findIndex((q) => q.requestId === requestId);
  if (ahead < 0) return null;
  const per = perIntervention(state, history.plannedSpeakingMs);
  const current = currentIntervention(state);
  const elapsed = current ? spokenMs(current, Math.max(history.now, state.lastAt ?? 0)) : 0;
  const left = (typical: number) => (current ? Math.max(0, typical - elapsed) : 0);
  const low = Math.floor((ahead * per.low + left(per.low)) / MINUTE) * MINUTE;
  const high = Math.ceil((ahead * per.high + left(per.high)) / MINUTE) * MINUTE;
  // Whole minutes both ways, and at least a minute apart unless nothing stands in the way.
  const widened = high > low || (ahead === 0 && !current) ? high : low + MINUTE;
  return { ahead, lowMs: low, highMs: widened, basis: per.basis, sample: per.sample };
}
