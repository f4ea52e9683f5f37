// The public results of a conversation, built from the cached map. Suppression is applied here,
// once, so no view can publish a stakeholder cell below five people.
import { STAKEHOLDER_GROUPS } from '../../shared/stakeholders.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { ConversationRecord, StatementRecord } from './deliberation.store.ts';
import type { CachedMap, CachedStatement, Tally } from './map-cache.ts';
import { MIN_CELL, publishLine, type PublishedCount } from './suppression.ts';

export const UNDECLARED = 'undeclared';
export const STAKEHOLDER_COLUMNS = [...STAKEHOLDER_GROUPS, UNDECLARED] as const;
const TOP = 5;

export interface HeatCell {
  count: PublishedCount;
  /** Share of the group's voters who agreed, 0..100; null when the cell is withheld. */
  agreePercent: number | null;
}

export interface ResultsView {
  slug: string;
  title: string;
  topic: string;
  description: string;
  computedAt: string | null;
  /** The cached map's version (null before the first): results.js compares it with live events. */
  version: number | null;
  stale: boolean;
  participants: number;
  votes: number;
  map: {
    k: number;
    points: Array<[number, number, number]>;
    explainedVariance: [number, number];
  } | null;
  groups: Array<{
    id: number;
    size: PublishedCount;
    centre: [number, number];
    representative: Array<{
      number: number;
      body: string;
      direction: 'agree' | 'disagree';
      percent: number | null;
    }>;
  }>;
  consensus: Array<{ number: number; body: string; score: number }>;
  disagreement: Array<{ number: number; body: string; score: number }>;
  stakeholder: {
    participants: { cells: PublishedCount[]; total: PublishedCount };
    rows: Array<{
      number: number;
      body: string;
      cells: HeatCell[];
      total: PublishedCount;
      consensus: boolean;
      eligibleGroups: string[];
    }>;
  };
}

export interface ResultsInput {
  consultation: ConsultationRecord;
  conversation: ConversationRecord;
  map: CachedMap | null;
  statements: StatementRecord[];
  stale: boolean;
}

const percent = (part: number, whole: number) => Math.round((100 * part) / whole);

function stakeholderCounts(s: CachedStatement): Tally[] {
  const declared = STAKEHOLDER_GROUPS.map((g) => s.stakeholder[g] ?? { A: 0, D: 0, S: 0 });
  const sum = (f: (t: Tally) => number) => declared.reduce((n, t) => n + f(t), 0);
  return [
    ...declared,
    {
      A: s.total.A - sum((t) => t.A),
      D: s.total.D - sum((t) => t.D),
      S: s.total.S - sum((t) => t.S),
    },
  ];
}

function heatRow(s: CachedStatement, body: string) {
  const tallies = stakeholderCounts(s);
  const line = publishLine(tallies.map((t) => t.S));
  const cells = tallies.map((t, i): HeatCell => {
    const count = line.cells[i] ?? { kind: 'small' };
    return { count, agreePercent: count.kind === 'value' && t.S > 0 ? percent(t.A, t.S) : null };
  });
  return {
    number: s.number,
    body,
    cells,
    total: line.total,
    consensus: s.multistakeholder.isConsensus,
    eligibleGroups: s.multistakeholder.eligibleGroups,
  };
}

function groupCentres(map: CachedMap): Map<number, [number, number]> {
  const sums = new Map<number, [number, number, number]>();
  for (const [x, y, g] of map.points) {
    const s = sums.get(g) ?? [0, 0, 0];
    sums.set(g, [s[0] + x, s[1] + y, s[2] + 1]);
  }
  return new Map([...sums].map(([g, [x, y, n]]) => [g, [x / n, y / n]]));
}

function ranked(
  statements: Array<{ number: number; body: string; score: number | null; votes: number }>,
) {
  return statements
    .filter(
      (s): s is { number: number; body: string; score: number; votes: number } =>
        s.score !== null && s.votes >= MIN_CELL,
    )
    .sort((a, b) => b.score - a.score || a.number - b.number)
    .slice(0, TOP)
    .map(({ number, body, score }) => ({ number, body, score }));
}

export function buildResults(input: ResultsInput): ResultsView {
  const { map } = input;
  const bodies = new Map(input.statements.map((s) => [s.number, s.body]));
  const shown = (map?.statements ?? []).filter((s) => !s.removed && bodies.has(s.number));
  const centres = map ? groupCentres(map) : new Map<number, [number, number]>();
  const declaredParticipants = STAKEHOLDER_GROUPS.map((g) => map?.stakeholderParticipants[g] ?? 0);
  const undeclared = (map?.participants ?? 0) - declaredParticipants.reduce((a, b) => a + b, 0);
  return {
    slug: input.consultation.slug,
    title: input.consultation.title,
    topic: input.conversation.topic,
    description: input.conversation.description,
    computedAt: map?.computedAt ?? null,
    version: map?.version ?? null,
    stale: input.stale,
    participants: map?.participants ?? 0,
    votes: map?.votes ?? 0,
    map:
      map && map.points.length > 0
        ? { k: map.k, points: map.points, explainedVariance: map.explainedVariance }
        : null,
    groups: (map?.groups ?? []).map((g) => ({
      id: g.id,
      size: g.size < MIN_CELL ? { kind: 'small' } : { kind: 'value', value: g.size },
      centre: centres.get(g.id) ?? [0, 0],
      representative: g.representative
        .filter((r) => bodies.has(r.number))
        .map((r) => ({
          number: r.number,
          body: bodies.get(r.number) ?? '',
          direction: r.direction,
          percent:
            r.tally.S >= MIN_CELL
              ? percent(r.direction === 'agree' ? r.tally.A : r.tally.D, r.tally.S)
              : null,
        })),
    })),
    consensus: ranked(
      shown.map((s) => ({
        number: s.number,
        body: bodies.get(s.number) ?? '',
        score: s.groupInformedConsensus,
        votes: s.total.S,
      })),
    ),
    disagreement: ranked(
      shown.map((s) => ({
        number: s.number,
        body: bodies.get(s.number) ?? '',
        score: s.groupInformedDisagreement,
        votes: s.total.S,
      })),
    ),
    stakeholder: {
      participants: publishLine([...declaredParticipants, undeclared]),
      rows: shown.map((s) => heatRow(s, bodies.get(s.number) ?? '')),
    },
  };
}
