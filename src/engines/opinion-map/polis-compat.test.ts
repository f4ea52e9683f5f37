// Against Pol.is itself, on the five public conversations: with Pol.is's groups we must reproduce
// its group-informed consensus exactly; with our own groups we must agree with Pol.is's at least
// about as well as a plain PCA + k-means does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex } from './ari.ts';
import { baselineGroups } from './baseline.ts';
import { computeOpinionMap } from './opinion-map.ts';
import { polisToOpinionMapInput } from './polis-csv.ts';
import { loadPolisConversation, POLIS_CONVERSATIONS } from './testing/polis-data.ts';

describe('group-informed consensus with --use-polis-groups', () => {
  test('equals Pol.is on every statement not removed (bg2050-volunteers)', () => {
    const conversation = loadPolisConversation('bg2050-volunteers');
    const result = computeOpinionMap(polisToOpinionMapInput(conversation, true), {
      groups: 'fixed',
    });
    const ours = new Map(result.statements.map((s) => [s.id, s]));
    const kept = conversation.comments.filter((c) => c.moderated !== -1);
    assert.ok(kept.length > 300, 'the export should hold Pol.is figures for 316 statements');
    for (const comment of kept) {
      const theirs = comment.groupInformedConsensus;
      assert.ok(theirs !== undefined, `comment ${comment.id} lacks Pol.is's figure`);
      const mine = ours.get(comment.id)?.groupInformedConsensus;
      assert.ok(mine !== null && mine !== undefined, `no consensus for statement ${comment.id}`);
      assert.ok(
        Math.abs(mine - theirs) <= 1e-9,
        `statement ${comment.id}: ${mine} vs Pol.is ${theirs}`,
      );
    }
  });

  test("keeps Pol.is's groups and sizes", () => {
    const conversation = loadPolisConversation('bg2050-volunteers');
    const result = computeOpinionMap(polisToOpinionMapInput(conversation, true), {
      groups: 'fixed',
    });
    const grouped = conversation.participants.filter((p) => p.groupId !== null);
    assert.equal(result.k, new Set(grouped.map((p) => p.groupId)).size);
    assert.equal(
      result.groups.reduce((n, g) => n + g.size, 0),
      grouped.length,
    );
    result.participants.forEach((p, i) =>
      assert.equal(p.group, conversation.participants[i]!.groupId),
    );
  });
});

describe('agreement with Pol.is groups (adjusted Rand index)', () => {
  for (const name of POLIS_CONVERSATIONS) {
    test(`${name}: not far below plain PCA + k-means`, () => {
      const conversation = loadPolisConversation(name);
      const input = polisToOpinionMapInput(conversation);
      const polis = conversation.participants.map((p) => p.groupId);
      const ours = adjustedRandIndex(
        polis,
        computeOpinionMap(input).participants.map((p) => p.group),
      );
      const baseline = adjustedRandIndex(polis, baselineGroups(input));
      assert.ok(
        ours >= baseline - 0.05,
        `ARI ${ours.toFixed(3)} vs baseline ${baseline.toFixed(3)}`,
      );
      assert.ok(ours > 0.15, `ARI ${ours.toFixed(3)} is near chance`);
    });
  }
});
