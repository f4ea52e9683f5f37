// Amendments: word diffs, collisions, rebases and sub-amendments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  amendmentDiff,
  diffWording,
  overlaps,
  proposedText,
  rebase,
  type Amendment,
} from './amendments.ts';
import { numberFirstVersion, renumber } from './numbering.ts';

const V1 = numberFirstVersion([
  'States should protect journalists from unlawful surveillance.',
  'Platforms should publish transparency reports every six months.',
]);
const amend = (id: string, paragraph: string, proposed: string, baseVersion = 'v1'): Amendment => ({
  id,
  baseVersion,
  changes: [{ paragraph, proposed }],
});

describe('amendments: examples', () => {
  test('when an amendment rewords a paragraph, then its diff marks the words inserted and deleted', () => {
    const [diff] = amendmentDiff(
      amend('a', '2', 'Platforms must publish transparency reports every three months.'),
      V1,
    );
    assert.deepEqual(
      diff!.ops.filter((o) => o.op !== 'equal'),
      [
        { op: 'delete', text: 'should' },
        { op: 'insert', text: 'must' },
        { op: 'delete', text: 'six' },
        { op: 'insert', text: 'three' },
      ],
    );
  });

  test('when two amendments change the same words, then they collide; different words do not', () => {
    const a = amend('a', '2', 'Platforms should publish transparency reports every three months.');
    const b = amend('b', '2', 'Platforms should publish transparency reports every twelve months.');
    const c = amend('c', '2', 'Platforms must publish transparency reports every six months.');
    assert.deepEqual(overlaps(a, b, V1), [{ paragraph: '2', words: 'six' }]);
    assert.deepEqual(overlaps(a, c, V1), []);
    assert.deepEqual(overlaps(a, amend('d', '1', 'States must protect journalists.'), V1), []);
  });

  test('when the text moves on elsewhere in the paragraph, then the amendment rebases cleanly with both changes', () => {
    const a = amend('a', '2', 'Platforms should publish transparency reports every three months.');
    const v2 = renumber(V1, [
      V1[0]!.text,
      'Large platforms should publish transparency reports every six months.',
    ]).paragraphs;
    const result = rebase(a, V1, v2, 'v2');
    assert.equal(result.status, 'clean');
    assert.deepEqual(result.status === 'clean' && result.amendment, {
      id: 'a',
      baseVersion: 'v2',
      changes: [
        {
          paragraph: '2',
          proposed: 'Large platforms should publish transparency reports every three months.',
        },
      ],
    });
  });

  test('when the new version changed the same words, then the rebase is a conflict naming them', () => {
    const a = amend('a', '2', 'Platforms should publish transparency reports every three months.');
    const v2 = renumber(V1, [
      V1[0]!.text,
      'Platforms should publish transparency reports every twelve months.',
    ]).paragraphs;
    const result = rebase(a, V1, v2, 'v2');
    assert.deepEqual(result, {
      status: 'conflict',
      conflicts: [{ paragraph: '2', reason: 'same_words_changed', words: 'six' }],
    });
  });

  test('when the paragraph was deleted, then the rebase is a conflict; when adopted, it is reported so', () => {
    const a = amend('a', '2', 'Platforms should publish transparency reports every three months.');
    const deleted = renumber(V1, [V1[0]!.text]).paragraphs;
    assert.deepEqual(rebase(a, V1, deleted, 'v2'), {
      status: 'conflict',
      conflicts: [{ paragraph: '2', reason: 'paragraph_deleted' }],
    });
    const adopted = renumber(V1, [V1[0]!.text, a.changes[0]!.proposed]).paragraphs;
    const result = rebase(a, V1, adopted, 'v2');
    assert.deepEqual(
      result.status === 'clean' && [result.alreadyAdopted, result.amendment.changes],
      [['2'], []],
    );
  });

  test('when a sub-amendment amends an amendment, then it diffs against the proposed text; a third level is refused', () => {
    const parent = amend(
      'a',
      '2',
      'Platforms should publish transparency reports every three months.',
    );
    const base = proposedText(parent, V1);
    const sub: Amendment = {
      ...amend(
        's',
        '2',
        'Platforms should publish audited transparency reports every three months.',
        'amendment:a',
      ),
      parent: 'a',
    };
    const [diff] = amendmentDiff(sub, base);
    assert.deepEqual(
      diff!.ops.filter((o) => o.op !== 'equal'),
      [{ op: 'insert', text: 'audited ' }],
    );
    assert.throws(() => proposedText(sub, base), { code: 'sub_amendment_too_deep' });
  });
});

const sentence = fc
  .array(
    fc.constantFrom('states', 'shall', 'protect', 'data', 'rights', 'of', 'all', ',', 'and', '.'),
    { minLength: 1, maxLength: 20 },
  )
  .map((w) => w.join(' '));

describe('amendments: properties', () => {
  test('a diff gives back the base from its equal and deleted parts, and the proposal from equal and inserted ones', () => {
    fc.assert(
      fc.property(sentence, sentence, (base, proposed) => {
        const ops = diffWording(base, proposed);
        assert.equal(
          ops
            .filter((o) => o.op !== 'insert')
            .map((o) => o.text)
            .join(''),
          base,
        );
        assert.equal(
          ops
            .filter((o) => o.op !== 'delete')
            .map((o) => o.text)
            .join(''),
          proposed,
        );
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  test('collisions are symmetric, and a clean rebase onto an untouched paragraph keeps the proposal', () => {
    fc.assert(
      fc.property(sentence, sentence, sentence, (base, x, y) => {
        const text = numberFirstVersion([base]);
        const a = amend('a', '1', x);
        const b = amend('b', '1', y);
        assert.equal(overlaps(a, b, text).length > 0, overlaps(b, a, text).length > 0);
        const same = rebase(a, text, text, 'v2');
        assert.deepEqual(
          same.status === 'clean' && same.amendment.changes,
          x === base ? [] : [{ paragraph: '1', proposed: x }],
        );
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  test("a clean rebase contains the new version's change and the amendment's, whichever applied first", () => {
    fc.assert(
      fc.property(sentence, sentence, sentence, (base, proposed, next) => {
        const from = numberFirstVersion([base]);
        const to = renumber(from, [next], { mapping: new Map([[0, '1']]) }).paragraphs;
        const result = rebase(amend('a', '1', proposed), from, to, 'v2');
        if (result.status !== 'clean' || result.amendment.changes.length === 0) return;
        // Rebasing the other way round (the version's change onto the amendment) gives the same text.
        const mirror = rebase(amend('m', '1', next), from, numberFirstVersion([proposed]), 'x');
        assert.equal(
          mirror.status === 'clean' && (mirror.amendment.changes[0]?.proposed ?? proposed),
          result.amendment.changes[0]!.proposed,
        );
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
