// Consensus across groups. Pol.is's group-informed consensus multiplies each opinion group's
// Laplace-smoothed agreement, so one group's rejection sinks a statement however large the others.
// Our multistakeholder consensus asks the same of stakeholder groups (e.g. governments, civil
// society, business), which is what a multistakeholder process needs to show.
import { tallyAt, type Tallies } from './tallies.ts';
import type { MultistakeholderConsensus, StakeholderTally } from './types.ts';

export interface ConsensusOptions {
  minStakeholderVoters: number;
  minStakeholderGroups: number;
  agreeThreshold: number;
}

/** Laplace-smoothed share: what Pol.is calls pa (or pd with the disagreements). */
export const smoothedShare = (count: number, seen: number) => (count + 1) / (seen + 2);

/**
 * Product over opinion groups of (A_g+1)/(S_g+2) and of (D_g+1)/(S_g+2). Matches Pol.is exactly
 * when given its groups: S counts passes, and only grouped participants are counted.
 *
 * Differs from Pol.is: Pol.is also reports a figure for removed statements (from their raw
 * votes); we report none, since a removed statement must not surface as consensus.
 */
export function groupInformedConsensus(
  t: Tallies,
  col: number,
): { agree: number; disagree: number } {
  let agree = 1;
  let disagree = 1;
  for (let g = 0; g < t.labels; g++) {
    const x = tallyAt(t, g, col);
    agree *= smoothedShare(x.A, x.S);
    disagree *= smoothedShare(x.D, x.S);
  }
  return { agree, disagree };
}

/**
 * A stakeholder group is eligible on a statement when at least `minStakeholderVoters` of its
 * members voted on it (passes count: they saw it). It "agrees" when (A+1)/(S+2) exceeds
 * `agreeThreshold` (default 0.5: more agreement than not, after smoothing). A statement is
 * multistakeholder consensus when at least `minStakeholderGroups` groups are eligible and every
 * eligible group agrees — a small group cannot veto by silence, but any group that spoke can.
 */
export function multistakeholderConsensus(
  tallies: StakeholderTally[],
  options: ConsensusOptions,
): MultistakeholderConsensus {
  const eligible = tallies.filter((t) => t.S >= options.minStakeholderVoters);
  if (eligible.length === 0) {
    return { agree: null, disagree: null, eligibleGroups: [], isConsensus: false };
  }
  const agree = eligible.reduce((p, t) => p * smoothedShare(t.A, t.S), 1);
  const disagree = eligible.reduce((p, t) => p * smoothedShare(t.D, t.S), 1);
  const isConsensus =
    eligible.length >= options.minStakeholderGroups &&
    eligible.every((t) => smoothedShare(t.A, t.S) > options.agreeThreshold);
  return { agree, disagree, eligibleGroups: eligible.map((t) => t.stakeholderGroup), isConsensus };
}
