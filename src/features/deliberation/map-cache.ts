// The opinion map of a conversation, computed in the background and cached in the database.
// The cache holds only aggregates and anonymous points: no participant id, number or order of
// arrival, so nothing read from it can say who voted what, whatever page shows it.
import {
  computeOpinionMap,
  type OpinionMapResult,
  type StatementInput,
  type VoteColumns,
} from '../../engines/opinion-map/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { divisiveness } from './next-statement.ts';
import type {
  ConversationRecord,
  DeliberationStore,
  StatementRecord,
} from './deliberation.store.ts';

export interface Tally {
  A: number;
  D: number;
  S: number;
}

export interface CachedStatement {
  number: number;
  removed: boolean;
  total: Tally;
  groupInformedConsensus: number | null;
  groupInformedDisagreement: number | null;
  divisiveness: number;
  groupTallies: Tally[];
  /** Declared stakeholder groups only; the undeclared are the rest of `total`. */
  stakeholder: Record<string, Tally>;
  multistakeholder: { agree: number | null; eligibleGroups: string[]; isConsensus: boolean };
}

export interface CachedMap {
  version: number;
  computedAt: string;
  participants: number;
  votes: number;
  k: number;
  explainedVariance: [number, number];
  /** [x, y, group or -1], sorted by value so the order tells nothing. */
  points: Array<[number, number, number]>;
  groups: Array<{
    id: number;
    size: number;
    representative: Array<{ number: number; direction: 'agree' | 'disagree'; tally: Tally }>;
  }>;
  statements: CachedStatement[];
  /** Participants per declared stakeholder group (the undeclared are the rest of `participants`). */
  stakeholderParticipants: Record<string, number>;
}

/** Statements nobody can see take no part: rejected ones, and pending ones under moderation-before. */
function isRemoved(s: StatementRecord, conversation: ConversationRecord): boolean {
  return (
    s.status === 'rejected' || (s.status === 'pending' && conversation.moderation === 'before')
  );
}

const round = (v: number) => Math.round(v * 1000) / 1000;

function toCache(
  result: OpinionMapResult,
  numberOf: Map<string, number>,
  totals: Map<string, Tally>,
): Omit<CachedMap, 'version' | 'computedAt' | 'votes' | 'stakeholderParticipants'> {
  const num = (id: string) => numberOf.get(id) ?? -1;
  return {
    participants: result.participants.length,
    k: result.k,
    explainedVariance: result.explainedVariance,
    points: result.participants
      .map((p): [number, number, number] => [round(p.x), round(p.y), p.group ?? -1])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]),
    groups: result.groups.map((g) => ({
      id: g.id,
      size: g.size,
      representative: g.representative.map((r) => ({
        number: num(r.statementId),
        direction: r.direction,
        tally: r.tally,
      })),
    })),
    statements: result.statements.map((s) => ({
      number: num(s.id),
      removed: s.removed,
      total: totals.get(s.id) ?? { A: 0, D: 0, S: 0 },
      groupInformedConsensus: s.groupInformedConsensus,
      groupInformedDisagreement: s.groupInformedDisagreement,
      divisiveness: divisiveness(s.groupTallies),
      groupTallies: s.groupTallies,
      stakeholder: Object.fromEntries(
        s.stakeholderTallies.map((t) => [t.stakeholderGroup, { A: t.A, D: t.D, S: t.S }]),
      ),
      multistakeholder: {
        agree: s.multistakeholder.agree,
        eligibleGroups: s.multistakeholder.eligibleGroups,
        isConsensus: s.multistakeholder.isConsensus,
      },
    })),
  };
}

function columns(
  votes: Awaited<ReturnType<DeliberationStore['votes']>>,
  participantIndex: Map<string, number>,
  statementIndex: Map<string, number>,
): VoteColumns {
  const cols: VoteColumns = {
    participant: new Int32Array(votes.length),
    statement: new Int32Array(votes.length),
    vote: new Int8Array(votes.length),
  };
  votes.forEach((v, i) => {
    cols.participant[i] = participantIndex.get(v.participantId) ?? 0;
    cols.statement[i] = statementIndex.get(v.statementId) ?? 0;
    cols.vote[i] = v.vote;
  });
  return cols;
}

type Participants = Awaited<ReturnType<DeliberationStore['participants']>>;
type Votes = Awaited<ReturnType<DeliberationStore['votes']>>;

export interface ComputedMap {
  /** The identity-free map, as cached and shown. */
  cache: Omit<CachedMap, 'version' | 'computedAt'>;
  /** Each participant's opinion group (null when not grouped), by participant id: never cached. */
  groupOf: Map<string, number | null>;
}

/** The opinion map of a conversation's statements, participants and votes (no I/O). */
export function computeMap(
  conversation: ConversationRecord,
  statements: StatementRecord[],
  participants: Participants,
  votes: Votes,
): ComputedMap {
  const statementInputs: StatementInput[] = statements.map((s) => ({
    id: s.id,
    removed: isRemoved(s, conversation),
  }));
  const participantIndex = new Map(participants.map((p, i) => [p.id, i]));
  const statementIndex = new Map(statements.map((s, i) => [s.id, i]));
  const totals = new Map<string, Tally>();
  for (const v of votes) {
    const t = totals.get(v.statementId) ?? { A: 0, D: 0, S: 0 };
    t.S++;
    if (v.vote === 1) t.A++;
    if (v.vote === -1) t.D++;
    totals.set(v.statementId, t);
  }
  const result = computeOpinionMap({
    participants: participants.map((p) =>
      p.stakeholderGroup ? { id: p.id, stakeholderGroup: p.stakeholderGroup } : { id: p.id },
    ),
    statements: statementInputs,
    votes: columns(votes, participantIndex, statementIndex),
  });
  const stakeholderParticipants: Record<string, number> = {};
  for (const p of participants)
    if (p.stakeholderGroup)
      stakeholderParticipants[p.stakeholderGroup] =
        (stakeholderParticipants[p.stakeholderGroup] ?? 0) + 1;
  return {
    cache: {
      ...toCache(result, new Map(statements.map((s) => [s.id, s.number])), totals),
      votes: votes.length,
      stakeholderParticipants,
    },
    groupOf: new Map(result.participants.map((p) => [p.id, p.group])),
  };
}

/** Computes the map from the database and stores it; returns what the job reports. */
export async function recomputeMap(
  store: DeliberationStore,
  clock: Clock,
  conversationId: string,
): Promise<{ version: number; participants: number; votes: number } | null> {
  const conversation = await store.findById(conversationId);
  if (!conversation) return null;
  // Read the version first: votes landing during the computation make the cache stale, not wrong.
  const version = conversation.version;
  const [statements, participants, votes] = await Promise.all([
    store.statements(conversationId),
    store.participants(conversationId),
    store.votes(conversationId),
  ]);
  const computedAt = clock.now().toISOString();
  const cache: CachedMap = {
    ...computeMap(conversation, statements, participants, votes).cache,
    version,
    computedAt,
  };
  await store.saveMap(conversationId, version, JSON.stringify(cache), computedAt);
  return { version, participants: participants.length, votes: votes.length };
}

export function parseCachedMap(text: string): CachedMap {
  return JSON.parse(text) as CachedMap;
}
