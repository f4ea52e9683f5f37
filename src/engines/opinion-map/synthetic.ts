// Generated conversations with a planted opinion structure, for tests and the benchmark: we know
// which group each participant was drawn from, so we can check that the map recovers it at sizes
// no public conversation reaches. Deterministic for a given seed.
import { mulberry32, type Random } from '../../shared/seeded-random.ts';
import type { OpinionMapInput, ParticipantInput, StatementInput } from './types.ts';

export interface PlantedSpec {
  participants: number;
  statements: number;
  /** Target total; each participant casts between 0.25× and 1.75× the mean, at least one. */
  votes: number;
  /** Planted opinion groups. Default 3. */
  groups?: number;
  /** Share of statements removed by moderation. Default 0.05. */
  removedShare?: number;
  /** Stakeholder labels handed out at random; none when empty. */
  stakeholderGroups?: readonly string[];
  seed?: number;
}

export interface PlantedConversation {
  input: OpinionMapInput;
  /** The group each participant was drawn from. */
  planted: Int32Array;
}

/** Per group and statement: probability of agree and of disagree (the rest is pass). */
function stances(groups: number, statements: number, random: Random): Float64Array {
  const p = new Float64Array(groups * statements * 2);
  for (let j = 0; j < statements; j++) {
    const consensus = random() < 0.2;
    const shared = random() < 0.5 ? 1 : -1;
    for (let g = 0; g < groups; g++) {
      const side = consensus ? shared : random() < 0.5 ? 1 : -1;
      const strength = 0.55 + 0.3 * random();
      const pass = 0.1 + 0.15 * random();
      const cell = (g * statements + j) * 2;
      p[cell] = side > 0 ? strength * (1 - pass) : (1 - strength) * (1 - pass);
      p[cell + 1] = 1 - pass - p[cell]!;
    }
  }
  return p;
}

function votesPerParticipant(spec: PlantedSpec, random: Random): Int32Array {
  const mean = spec.votes / spec.participants;
  return Int32Array.from({ length: spec.participants }, () =>
    Math.min(spec.statements, Math.max(1, Math.round(mean * (0.25 + 1.5 * random())))),
  );
}

export function plantedConversation(spec: PlantedSpec): PlantedConversation {
  const random = mulberry32(spec.seed ?? 1);
  const groups = spec.groups ?? 3;
  const p = stances(groups, spec.statements, random);
  const counts = votesPerParticipant(spec, random);
  const total = counts.reduce((a, b) => a + b, 0);
  const participant = new Int32Array(total);
  const statement = new Int32Array(total);
  const vote = new Int8Array(total);
  const planted = new Int32Array(spec.participants);
  const seen = new Int32Array(spec.statements).fill(-1);
  let e = 0;
  for (let i = 0; i < spec.participants; i++) {
    const g = Math.floor(random() * groups);
    planted[i] = g;
    for (let v = 0; v < counts[i]!; v++) {
      let j = Math.floor(random() * spec.statements);
      while (seen[j] === i) j = (j + 1) % spec.statements;
      seen[j] = i;
      const cell = (g * spec.statements + j) * 2;
      const u = random();
      participant[e] = i;
      statement[e] = j;
      vote[e++] = u < p[cell]! ? 1 : u < p[cell]! + p[cell + 1]! ? -1 : 0;
    }
  }
  const labels = spec.stakeholderGroups ?? [];
  const participants: ParticipantInput[] = Array.from({ length: spec.participants }, (_, i) =>
    labels.length > 0
      ? { id: `p${i}`, stakeholderGroup: labels[Math.floor(random() * labels.length)]! }
      : { id: `p${i}` },
  );
  const removedShare = spec.removedShare ?? 0.05;
  const statements: StatementInput[] = Array.from({ length: spec.statements }, (_, j) => ({
    id: `s${j}`,
    removed: random() < removedShare,
  }));
  return { input: { participants, statements, votes: { participant, statement, vote } }, planted };
}
