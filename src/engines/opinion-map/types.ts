// Public shapes of the opinion-map engine. The engine is pure: these types are all it takes and
// gives, so callers (CLI, jobs, the web app) can feed it from any store.

/** Agree 1, disagree -1, pass 0 — the Pol.is convention. */
export type VoteValue = 1 | -1 | 0;

export interface ParticipantInput {
  id: string;
  /** The participant's stakeholder group label, if they declared one. */
  stakeholderGroup?: string;
  /**
   * A group imposed by the caller (e.g. Pol.is's own `group-id`, `--use-polis-groups`). Used only
   * when `options.groups` is `'fixed'`; participants without one stay ungrouped.
   */
  fixedGroup?: number;
}

export interface StatementInput {
  id: string;
  /** Removed by moderation: ignored by every computation. */
  removed?: boolean;
}

export interface VoteRecord {
  participantId: string;
  statementId: string;
  vote: VoteValue;
  /** When several votes share a (participant, statement) pair, the latest counts. */
  timestamp?: number;
}

/**
 * Columnar votes for large conversations: indices into the `participants` and `statements` arrays.
 * One object per vote would cost ~10× the memory at 10M votes.
 */
export interface VoteColumns {
  participant: Int32Array;
  statement: Int32Array;
  vote: Int8Array;
  /** Optional; without it a later position in the arrays wins over an earlier one. */
  timestamp?: Float64Array;
}

export interface OpinionMapInput {
  participants: readonly ParticipantInput[];
  statements: readonly StatementInput[];
  votes: readonly VoteRecord[] | VoteColumns;
}

export interface OpinionMapOptions {
  /** `'computed'` (default) clusters the map; `'fixed'` takes `ParticipantInput.fixedGroup`. */
  groups?: 'computed' | 'fixed';
  /** Stakeholder groups with fewer voters on a statement are left out of its consensus. Default 5. */
  minStakeholderVoters?: number;
  /** A statement needs at least this many eligible stakeholder groups to be consensus. Default 2. */
  minStakeholderGroups?: number;
  /** A group "agrees" when (A+1)/(S+2) exceeds this. Default 0.5. */
  agreeThreshold?: number;
  /** Representative statements kept per group. Default 5. */
  maxRepresentative?: number;
  /**
   * How removed statements enter the map's sparsity-aware scale. `'zeroed'` (default) as Pol.is:
   * each counts as a statement everyone "voted" 0 on. `'ignored'`: as if they never existed.
   * Either way, votes cast on removed statements are never used.
   */
  removedStatements?: 'zeroed' | 'ignored';
  /** Upper bound on base clusters. Default 100 (Pol.is). */
  maxBaseClusters?: number;
  /** Upper bound on opinion groups. Default 5 (Pol.is). */
  maxGroups?: number;
}

export interface VoteTally {
  /** Agrees. */
  A: number;
  /** Disagrees. */
  D: number;
  /** All votes seen, passes included. */
  S: number;
}

export interface RepresentativeStatement {
  statementId: string;
  direction: 'agree' | 'disagree';
  /** (A+1)/(S+2) or (D+1)/(S+2) within the group, by direction. */
  probability: number;
  /** z of the one-proportion test of `probability` against 1/2. */
  probabilityTest: number;
  /** `probability` divided by the same figure among the rest of the grouped participants. */
  representativeness: number;
  /** z of the two-proportion test of the group against the rest. */
  representativenessTest: number;
  /** The product of the four figures above, by which statements are ranked. */
  metric: number;
  tally: VoteTally;
}

export interface OpinionGroup {
  id: number;
  size: number;
  representative: RepresentativeStatement[];
}

export interface ParticipantResult {
  id: string;
  x: number;
  y: number;
  group: number | null;
  /** Votes on statements that were not removed, passes included. */
  votes: number;
}

export interface StakeholderTally extends VoteTally {
  stakeholderGroup: string;
}

export interface MultistakeholderConsensus {
  /** Product over eligible stakeholder groups of (A+1)/(S+2); null without eligible groups. */
  agree: number | null;
  /** Its twin with D. */
  disagree: number | null;
  /** Stakeholder groups with enough voters on this statement. */
  eligibleGroups: string[];
  /** True when enough groups are eligible and every one of them agrees. */
  isConsensus: boolean;
}

export interface StatementResult {
  id: string;
  removed: boolean;
  /** Pol.is group-informed consensus: product over groups of (A_g+1)/(S_g+2); null if removed. */
  groupInformedConsensus: number | null;
  /** The disagree twin, with D_g. */
  groupInformedDisagreement: number | null;
  /** One tally per opinion group, in the order of `groups`. */
  groupTallies: VoteTally[];
  /** One tally per stakeholder group that voted on it, sorted by label. */
  stakeholderTallies: StakeholderTally[];
  multistakeholder: MultistakeholderConsensus;
}

export interface OpinionMapResult {
  k: number;
  participants: ParticipantResult[];
  groups: OpinionGroup[];
  statements: StatementResult[];
  /** Share of the imputed, centred matrix's variance each map axis carries. */
  explainedVariance: [number, number];
}
