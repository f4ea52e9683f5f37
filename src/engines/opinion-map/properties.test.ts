// Properties the opinion map must hold for any conversation, checked on random small ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeOpinionMap } from './opinion-map.ts';
import type { OpinionMapInput, OpinionMapResult, VoteRecord, VoteValue } from './types.ts';

const RUNS = { numRuns: 60, seed: 20240917 };

/** Random conversations: up to 24 participants in up to 3 fixed groups, up to 10 statements. */
const conversation = fc
  .record({
    participants: fc.integer({ min: 1, max: 24 }),
    statements: fc.integer({ min: 1, max: 10 }),
    cells: fc.array(fc.constantFrom<VoteValue | null>(1, -1, 0, null, null), {
      minLength: 240,
      maxLength: 240,
    }),
    groups: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 24, maxLength: 24 }),
    removed: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
  })
  .map(({ participants, statements, cells, groups, removed }): OpinionMapInput => {
    const votes: VoteRecord[] = [];
    for (let i = 0; i < participants; i++) {
      for (let j = 0; j < statements; j++) {
        const v = cells[i * 10 + j]!;
        if (v !== null) votes.push({ participantId: `p${i}`, statementId: `s${j}`, vote: v });
      }
    }
    return {
      participants: Array.from({ length: participants }, (_, i) => ({
        id: `p${i}`,
        fixedGroup: groups[i]!,
        stakeholderGroup: ['gov', 'ngo'][groups[i]! % 2]!,
      })),
      statements: Array.from({ length: statements }, (_, j) => ({
        id: `s${j}`,
        removed: removed[j]! && j > 0,
      })),
      votes,
    };
  });

function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % keys.length]! * 1000 + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}

/** The result with participants and statements in id order, to compare across input orders. */
function byId(r: OpinionMapResult) {
  return {
    ...r,
    participants: [...r.participants].sort((a, b) => (a.id < b.id ? -1 : 1)),
    statements: [...r.statements].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

describe('opinion map properties', () => {
  for (const groups of ['computed', 'fixed'] as const) {
    test(`${groups} groups: the same for any order of participants, statements and votes`, () => {
      fc.assert(
        fc.property(
          conversation,
          fc.array(fc.nat(50), { minLength: 1, maxLength: 30 }),
          (input, keys) => {
            const permuted: OpinionMapInput = {
              participants: shuffled(input.participants, keys),
              statements: shuffled(input.statements, [...keys].reverse()),
              votes: shuffled(input.votes as VoteRecord[], keys),
            };
            assert.deepEqual(
              byId(computeOpinionMap(permuted, { groups })),
              byId(computeOpinionMap(input, { groups })),
            );
          },
        ),
        RUNS,
      );
    });
  }

  test('deterministic: the same input gives the same result', () => {
    fc.assert(
      fc.property(conversation, (input) => {
        assert.deepEqual(computeOpinionMap(input), computeOpinionMap(structuredClone(input)));
      }),
      RUNS,
    );
  });

  test('passes are never counted as agreement (or disagreement), only as seen', () => {
    fc.assert(
      fc.property(conversation, (input) => {
        const result = computeOpinionMap(input, { groups: 'fixed' });
        const votes = input.votes as VoteRecord[];
        const groupOf = new Map(input.participants.map((p) => [p.id, p.fixedGroup]));
        result.statements.forEach((s) => {
          s.groupTallies.forEach((t, g) => {
            const mine = votes.filter(
              (v) =>
                v.statementId === s.id && groupOf.get(v.participantId) === result.groups[g]!.id,
            );
            assert.equal(t.A, mine.filter((v) => v.vote === 1).length);
            assert.equal(t.D, mine.filter((v) => v.vote === -1).length);
            assert.equal(t.S, mine.length);
          });
        });
      }),
      RUNS,
    );
  });

  test('turning a pass into no vote never raises any group-informed consensus', () => {
    fc.assert(
      fc.property(conversation, (input) => {
        const votes = input.votes as VoteRecord[];
        const withoutPasses = { ...input, votes: votes.filter((v) => v.vote !== 0) };
        const a = computeOpinionMap(input, { groups: 'fixed' }).statements;
        const b = computeOpinionMap(withoutPasses, { groups: 'fixed' }).statements;
        a.forEach((s, i) => {
          if (s.groupInformedConsensus !== null)
            assert.ok(s.groupInformedConsensus <= b[i]!.groupInformedConsensus!);
        });
      }),
      RUNS,
    );
  });

  test('votes on removed statements change nothing', () => {
    fc.assert(
      fc.property(conversation, fc.constantFrom<VoteValue>(1, -1, 0), (input, value) => {
        const removed = input.statements.filter((s) => s.removed).map((s) => s.id);
        const votes = input.votes as VoteRecord[];
        const flooded = [
          ...votes.filter((v) => !removed.includes(v.statementId)),
          ...removed.flatMap((statementId) =>
            input.participants.map((p) => ({ participantId: p.id, statementId, vote: value })),
          ),
        ];
        const original = { ...input, votes: votes.filter((v) => !removed.includes(v.statementId)) };
        assert.deepEqual(
          computeOpinionMap({ ...input, votes: flooded }),
          computeOpinionMap(original),
        );
      }),
      RUNS,
    );
  });

  test("with removed statements 'ignored', adding a removed statement changes nothing else", () => {
    fc.assert(
      fc.property(conversation, (input) => {
        const extra = { ...input, statements: [...input.statements, { id: 'zz', removed: true }] };
        const options = { removedStatements: 'ignored' as const };
        const withExtra = computeOpinionMap(extra, options);
        assert.deepEqual(
          { ...withExtra, statements: withExtra.statements.slice(0, -1) },
          computeOpinionMap(input, options),
        );
      }),
      RUNS,
    );
  });
});
