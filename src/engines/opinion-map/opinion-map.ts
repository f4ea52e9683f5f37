// The opinion map as one pure function: votes in, map, groups and consensus out.
import { computeGroups, fixedGroups, type GroupAssignment } from './clusters.ts';
import {
  groupInformedConsensus,
  multistakeholderConsensus,
  type ConsensusOptions,
} from './consensus.ts';
import { buildVoteMatrix, type VoteMatrix } from './matrix.ts';
import { principalComponents, project } from './pca.ts';
import { representativeStatements } from './repness.ts';
import { tallyAt, tallyBy, type Tallies } from './tallies.ts';
import type {
  OpinionMapInput,
  OpinionMapOptions,
  OpinionMapResult,
  ParticipantResult,
  StakeholderTally,
  StatementResult,
} from './types.ts';

type Settings = Required<OpinionMapOptions>;

const DEFAULTS: Settings = {
  groups: 'computed',
  minStakeholderVoters: 5,
  minStakeholderGroups: 2,
  agreeThreshold: 0.5,
  maxRepresentative: 5,
  removedStatements: 'zeroed',
  maxBaseClusters: 100,
  maxGroups: 5,
};

function stakeholderLabels(input: OpinionMapInput, m: VoteMatrix) {
  const names = [
    ...new Set(
      input.participants.flatMap((p) =>
        p.stakeholderGroup === undefined ? [] : [p.stakeholderGroup],
      ),
    ),
  ].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const labelOfRow = Int32Array.from(m.rowSource, (s) => {
    const name = input.participants[s]!.stakeholderGroup;
    return name === undefined ? -1 : index.get(name)!;
  });
  return { names, tallies: tallyBy(m, labelOfRow, names.length) };
}

function stakeholderTalliesAt(names: string[], t: Tallies, col: number): StakeholderTally[] {
  return names
    .map((stakeholderGroup, g) => ({ stakeholderGroup, ...tallyAt(t, g, col) }))
    .filter((x) => x.S > 0);
}

function describeStatements(
  input: OpinionMapInput,
  m: VoteMatrix,
  groupTallies: Tallies,
  settings: ConsensusOptions,
): StatementResult[] {
  const stakeholders = stakeholderLabels(input, m);
  return input.statements.map((s, i) => {
    const col = m.colOfStatement[i]!;
    const stakeholderTallies =
      col < 0 ? [] : stakeholderTalliesAt(stakeholders.names, stakeholders.tallies, col);
    const gic = col < 0 ? null : groupInformedConsensus(groupTallies, col);
    return {
      id: s.id,
      removed: col < 0,
      groupInformedConsensus: gic?.agree ?? null,
      groupInformedDisagreement: gic?.disagree ?? null,
      groupTallies:
        col < 0
          ? []
          : Array.from({ length: groupTallies.labels }, (_, g) => tallyAt(groupTallies, g, col)),
      stakeholderTallies,
      multistakeholder: multistakeholderConsensus(stakeholderTallies, settings),
    };
  });
}

function describeParticipants(
  input: OpinionMapInput,
  m: VoteMatrix,
  coords: { x: Float64Array; y: Float64Array },
  groups: GroupAssignment,
): ParticipantResult[] {
  const rowOf = new Int32Array(m.rowSource.length);
  m.rowSource.forEach((s, r) => (rowOf[s] = r));
  return input.participants.map((p, i) => {
    const r = rowOf[i]!;
    const g = groups.groupOfRow[r]!;
    return {
      id: p.id,
      x: coords.x[r]!,
      y: coords.y[r]!,
      group: g < 0 ? null : groups.groupIds[g]!,
      votes: m.rowPtr[r + 1]! - m.rowPtr[r]!,
    };
  });
}

/**
 * Computes the opinion map of a conversation. Pure and deterministic: the same participants,
 * statements and votes give the same result, in whatever order they are listed.
 */
export function computeOpinionMap(
  input: OpinionMapInput,
  options: OpinionMapOptions = {},
): OpinionMapResult {
  const settings: Settings = { ...DEFAULTS, ...options };
  const m = buildVoteMatrix(input);
  const pca = principalComponents(m);
  const removed = input.statements.length - m.colSource.length;
  const coords = project(m, pca, settings.removedStatements === 'zeroed' ? removed : 0);
  const groups =
    settings.groups === 'fixed'
      ? fixedGroups(
          m,
          input.participants.map((p) => p.fixedGroup),
        )
      : computeGroups(m, coords, settings);
  const groupTallies = tallyBy(m, groups.groupOfRow, groups.groupIds.length);
  const statementIds = Array.from(m.colSource, (s) => input.statements[s]!.id);
  const representative = representativeStatements(
    m,
    groupTallies,
    statementIds,
    settings.maxRepresentative,
  );
  const size = new Int32Array(groups.groupIds.length);
  for (const g of groups.groupOfRow) if (g >= 0) size[g]!++;
  const variance = (lambda: number) => (pca.totalVariance > 0 ? lambda / pca.totalVariance : 0);
  return {
    k: groups.groupIds.length,
    participants: describeParticipants(input, m, coords, groups),
    groups: groups.groupIds.map((id, g) => ({
      id,
      size: size[g]!,
      representative: representative[g]!,
    })),
    statements: describeStatements(input, m, groupTallies, settings),
    explainedVariance: [variance(pca.eigenvalues[0]), variance(pca.eigenvalues[1])],
  };
}
