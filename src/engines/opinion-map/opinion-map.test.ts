import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex } from './ari.ts';
import { computeOpinionMap } from './opinion-map.ts';
import { plantedConversation } from './synthetic.ts';
import type { OpinionMapInput, VoteRecord, VoteValue } from './types.ts';

const vote = (
  participantId: string,
  statementId: string,
  v: VoteValue,
  timestamp?: number,
): VoteRecord =>
  timestamp === undefined
    ? { participantId, statementId, vote: v }
    : { participantId, statementId, vote: v, timestamp };

/** Two fixed groups: a, b in group 0; c, d in group 1. */
function smallConversation(votes: VoteRecord[], removed: string[] = []): OpinionMapInput {
  return {
    participants: [
      { id: 'a', fixedGroup: 0, stakeholderGroup: 'gov' },
      { id: 'b', fixedGroup: 0, stakeholderGroup: 'gov' },
      { id: 'c', fixedGroup: 1, stakeholderGroup: 'ngo' },
      { id: 'd', fixedGroup: 1 },
    ],
    statements: ['s1', 's2', 's3'].map((id) => ({ id, removed: removed.includes(id) })),
    votes,
  };
}

describe('tallies and group-informed consensus', () => {
  test('when groups are fixed, then consensus is the product of (A+1)/(S+2) with passes in S', () => {
    const input = smallConversation([
      vote('a', 's1', 1),
      vote('b', 's1', 0),
      vote('c', 's1', -1),
      vote('d', 's1', 1),
    ]);
    const s1 = computeOpinionMap(input, { groups: 'fixed' }).statements[0]!;
    assert.deepEqual(s1.groupTallies, [
      { A: 1, D: 0, S: 2 },
      { A: 1, D: 1, S: 2 },
    ]);
    assert.equal(s1.groupInformedConsensus, (2 / 4) * (2 / 4));
    assert.equal(s1.groupInformedDisagreement, (1 / 4) * (2 / 4));
  });

  test('when a pair is voted twice, then the latest vote counts', () => {
    const input = smallConversation([
      vote('a', 's1', 1, 20),
      vote('a', 's1', -1, 10),
      vote('c', 's2', 1),
      vote('c', 's2', 0),
    ]);
    const result = computeOpinionMap(input, { groups: 'fixed' });
    assert.deepEqual(result.statements[0]!.groupTallies[0], { A: 1, D: 0, S: 1 });
    assert.deepEqual(result.statements[1]!.groupTallies[1], { A: 0, D: 0, S: 1 });
    assert.equal(result.participants[0]!.votes, 1);
  });

  test('when a statement is removed, then it has no consensus and its votes count nowhere', () => {
    const input = smallConversation(
      [vote('a', 's1', 1), vote('a', 's2', 1), vote('b', 's2', -1)],
      ['s2'],
    );
    const result = computeOpinionMap(input, { groups: 'fixed' });
    const s2 = result.statements[1]!;
    assert.equal(s2.removed, true);
    assert.equal(s2.groupInformedConsensus, null);
    assert.deepEqual(s2.groupTallies, []);
    assert.equal(result.participants[0]!.votes, 1);
    assert.equal(result.participants[1]!.votes, 0);
  });

  test('when a vote names an unknown participant or ids repeat, then it throws', () => {
    assert.throws(
      () => computeOpinionMap(smallConversation([vote('zz', 's1', 1)])),
      /unknown participant "zz"/,
    );
    const input = smallConversation([]);
    assert.throws(
      () => computeOpinionMap({ ...input, statements: [{ id: 's1' }, { id: 's1' }] }),
      /duplicate statement id "s1"/,
    );
  });
});

describe('multistakeholder consensus', () => {
  const labelled = (labels: string[]): OpinionMapInput['participants'] =>
    labels.map((stakeholderGroup, i) => ({ id: `p${i}`, stakeholderGroup }));
  const participants = labelled(['gov', 'gov', 'gov', 'ngo', 'ngo', 'ngo', 'biz']);
  const votesFor = (statementId: string, values: VoteValue[]) =>
    values.map((v, i) => vote(`p${i}`, statementId, v));

  test('when every eligible group leans to agree, then it is consensus; small groups are not eligible', () => {
    const input: OpinionMapInput = {
      participants,
      statements: [{ id: 'yes' }, { id: 'no' }],
      votes: [
        ...votesFor('yes', [1, 1, 1, 1, 1, -1, -1]),
        ...votesFor('no', [1, 1, 1, 1, -1, -1, 1]),
      ],
    };
    const result = computeOpinionMap(input, { minStakeholderVoters: 2 });
    const [yes, no] = result.statements;
    assert.deepEqual(yes!.multistakeholder.eligibleGroups, ['gov', 'ngo']);
    assert.equal(yes!.multistakeholder.agree, (4 / 5) * (3 / 5));
    assert.equal(yes!.multistakeholder.isConsensus, true);
    assert.deepEqual(
      yes!.stakeholderTallies.find((t) => t.stakeholderGroup === 'biz'),
      {
        stakeholderGroup: 'biz',
        A: 0,
        D: 1,
        S: 1,
      },
    );
    // ngo: 1 agree, 2 disagree → (1+1)/(3+2) = 0.4, not above 0.5.
    assert.equal(no!.multistakeholder.isConsensus, false);
  });

  test('when fewer groups than required are eligible, then it is not consensus', () => {
    const input: OpinionMapInput = {
      participants,
      statements: [{ id: 's' }],
      votes: votesFor('s', [1, 1, 1]),
    };
    const s = computeOpinionMap(input, { minStakeholderVoters: 2 }).statements[0]!;
    assert.deepEqual(s.multistakeholder.eligibleGroups, ['gov']);
    assert.equal(s.multistakeholder.isConsensus, false);
    assert.equal(
      computeOpinionMap(input, { minStakeholderVoters: 2, minStakeholderGroups: 1 }).statements[0]!
        .multistakeholder.isConsensus,
      true,
    );
  });
});

describe('computed groups', () => {
  test('when two camps are planted, then the map finds two groups matching them', () => {
    const { input, planted } = plantedConversation({
      participants: 200,
      statements: 80,
      votes: 16000,
      groups: 2,
      seed: 3,
    });
    const result = computeOpinionMap(input);
    assert.equal(result.k, 2);
    const ari = adjustedRandIndex(
      Array.from(planted),
      result.participants.map((p) => p.group),
    );
    assert.ok(ari > 0.85, `ARI against the planted camps: ${ari}`);
    assert.ok(
      result.explainedVariance[0] >= result.explainedVariance[1] && result.explainedVariance[1] > 0,
    );
  });

  test("when camps differ, then each group's representatives pass both tests and hold its majority", () => {
    const { input } = plantedConversation({
      participants: 200,
      statements: 80,
      votes: 16000,
      groups: 2,
      seed: 3,
    });
    const result = computeOpinionMap(input);
    for (const group of result.groups) {
      assert.ok(group.representative.length > 0 && group.representative.length <= 5);
      for (const r of group.representative) {
        assert.ok(r.probabilityTest > 1.2816 && r.representativenessTest > 1.2816);
        const share = (r.direction === 'agree' ? r.tally.A : r.tally.D) / r.tally.S;
        assert.ok(share > 0.5, `a ${r.direction} representative held by ${share} of the group`);
      }
      const directions = group.representative.map((r) => r.direction);
      assert.deepEqual(directions, [...directions].sort(), 'agreements come before disagreements');
    }
  });

  test('when few reach 7 votes, then the most active are added up to 15, as Pol.is does', () => {
    const votes: VoteRecord[] = [];
    for (let i = 0; i < 20; i++) {
      const count = i < 4 ? 8 : i < 12 ? 3 : 1;
      for (let j = 0; j < count; j++)
        votes.push(vote(`p${i}`, `s${j}`, (((i + j) % 3) - 1) as VoteValue));
    }
    const input: OpinionMapInput = {
      participants: Array.from({ length: 21 }, (_, i) => ({ id: `p${i}` })),
      statements: Array.from({ length: 10 }, (_, j) => ({ id: `s${j}` })),
      votes,
    };
    const grouped = computeOpinionMap(input).participants.map((p) => p.group !== null);
    // p0–p3 qualify, p4–p11 are the most active of the rest, then p12–p14 by id order.
    assert.deepEqual(
      grouped,
      Array.from({ length: 21 }, (_, i) => i < 15),
    );
  });

  test('when one person voted once, then nothing breaks', () => {
    const result = computeOpinionMap(smallConversation([vote('a', 's1', 1)]));
    assert.equal(result.k, 1);
    assert.deepEqual(
      result.participants.map((p) => p.group),
      [0, null, null, null],
    );
    assert.ok(result.participants.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
    const empty = computeOpinionMap({ participants: [], statements: [], votes: [] });
    assert.equal(empty.k, 0);
  });
});
