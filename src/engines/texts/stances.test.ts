// Stances: pinned to their version, counted per group, and the paragraph status they give.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StakeholderGroup } from '../../shared/stakeholders.ts';
import { checkStance, paragraphStatus, tally, type Stance, type StanceValue } from './stances.ts';

const P12 = { kind: 'paragraph', id: '12' } as const;
const groups = new Map<string, StakeholderGroup>([
  ['gov1', 'government'],
  ['cs1', 'civil_society'],
  ['cs2', 'civil_society'],
]);
const stance = (
  participantId: string,
  value: StanceValue,
  version: string,
  extra: Partial<Stance> = {},
): Stance => ({
  participantId,
  target: P12,
  version,
  value,
  givenAt: 1,
  ...(value === 'object' ? { reason: 'Too vague.' } : {}),
  ...extra,
});

describe('stances: examples', () => {
  test('when an objection has no reason, then it is refused', () => {
    assert.deepEqual(checkStance({ value: 'object', reason: '  ' }), ['reason_required']);
    assert.deepEqual(checkStance({ value: 'support' }), []);
  });

  test('when the paragraph gets a new version, then earlier stances are listed to reconfirm, not counted', () => {
    const t = tally(
      [stance('gov1', 'support', 'v1'), stance('cs1', 'can_live_with', 'v2')],
      P12,
      'v2',
      groups,
    );
    assert.deepEqual(t.byGroup.get('government'), {
      support: 0,
      canLiveWith: 0,
      object: 0,
      participants: 1,
    });
    assert.deepEqual(t.byGroup.get('civil_society'), {
      support: 0,
      canLiveWith: 1,
      object: 0,
      participants: 2,
    });
    assert.deepEqual(
      t.toReconfirm.map((s) => s.participantId),
      ['gov1'],
    );
  });

  test('when one objection is open, then there is no rough consensus, whatever the support', () => {
    const t = tally(
      [
        stance('gov1', 'support', 'v2'),
        stance('cs1', 'support', 'v2'),
        stance('cs2', 'object', 'v2'),
      ],
      P12,
      'v2',
      groups,
    );
    assert.equal(paragraphStatus(t), 'open_objections');
    assert.deepEqual(
      t.openObjections.map((s) => s.reason),
      ['Too vague.'],
    );
  });

  test('when the objection is addressed by a change or withdrawn, then there is rough consensus', () => {
    const addressed = stance('cs2', 'object', 'v2', {
      disposition: { kind: 'addressed_by_change', changeId: 'diff-7' },
    });
    const t = tally([stance('gov1', 'support', 'v2'), addressed], P12, 'v2', groups);
    assert.equal(paragraphStatus(t), 'rough_consensus');
    assert.equal(t.answeredObjections.length, 1);
  });

  test('when only old stances exist, then the paragraph awaits reconfirmation; with none, it has no stances', () => {
    assert.equal(
      paragraphStatus(tally([stance('gov1', 'object', 'v1')], P12, 'v2', groups)),
      'awaiting_reconfirmation',
    );
    assert.equal(paragraphStatus(tally([], P12, 'v2', groups)), 'no_stances');
  });

  test('when a participant changes their stance, then only the latest counts', () => {
    const t = tally(
      [
        stance('cs1', 'object', 'v2', { givenAt: 1 }),
        stance('cs1', 'support', 'v2', { givenAt: 2 }),
      ],
      P12,
      'v2',
      groups,
    );
    assert.equal(paragraphStatus(t), 'rough_consensus');
  });
});

describe('stances: properties', () => {
  test('no stance is ever counted on a version it was not given on', () => {
    const people = ['gov1', 'cs1', 'cs2'];
    const record = fc.record({
      who: fc.constantFrom(...people),
      value: fc.constantFrom<StanceValue>('support', 'can_live_with', 'object'),
      version: fc.constantFrom('v1', 'v2', 'v3'),
      target: fc.constantFrom('12', '13'),
      givenAt: fc.nat({ max: 50 }),
      open: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 30 }),
        fc.constantFrom('v1', 'v2', 'v3'),
        (records, current) => {
          const stances = records.map((r): Stance => ({
            participantId: r.who,
            target: { kind: 'paragraph', id: r.target },
            version: r.version,
            value: r.value,
            givenAt: r.givenAt,
            ...(r.value === 'object'
              ? { reason: 'why', disposition: r.open ? { kind: 'open' } : { kind: 'withdrawn' } }
              : {}),
          }));
          const t = tally(stances, P12, current, groups);
          const counted = [...t.byGroup.values()].reduce(
            (n, c) => n + c.support + c.canLiveWith + c.object,
            0,
          );
          // Recount by hand: latest stance per person on paragraph 12, only on the current version.
          const latest = new Map<string, Stance>();
          for (const s of stances.filter((x) => x.target.id === '12')) {
            if (!latest.has(s.participantId) || s.givenAt >= latest.get(s.participantId)!.givenAt)
              latest.set(s.participantId, s);
          }
          const onCurrent = [...latest.values()].filter((s) => s.version === current);
          assert.equal(counted, onCurrent.length);
          for (const s of [...t.openObjections, ...t.answeredObjections])
            assert.equal(s.version, current);
          for (const s of t.toReconfirm) assert.notEqual(s.version, current);
          assert.equal(
            paragraphStatus(t) === 'rough_consensus',
            onCurrent.length > 0 &&
              !onCurrent.some((s) => s.value === 'object' && s.disposition?.kind === 'open'),
          );
        },
      ),
      { numRuns: 500, seed: 13 },
    );
  });
});
