// Paragraph numbers survive new versions: examples, then properties over random version histories.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareLabels, labelsBetween, parseLabel, renderLabel, START } from './labels.ts';
import { isInReadingOrder, numberFirstVersion, renumber, type NumberedText } from './numbering.ts';

const live = (text: NumberedText) => text.filter((p) => !p.deleted).map((p) => p.number);
const all = (text: NumberedText) => text.map((p) => `${p.number}${p.deleted ? '†' : ''}`);

const P = [
  'Access to the Internet is a human right for all people everywhere.',
  'States should protect journalists from surveillance and intimidation.',
  'Platforms should publish transparency reports every six months.',
  'Capacity building shall focus on the least developed countries.',
];

describe('numbering: examples', () => {
  test('when a paragraph is inserted after 2, then it is 2bis and the others keep their numbers', () => {
    const v1 = numberFirstVersion(P);
    const v2 = renumber(v1, [P[0]!, P[1]!, 'A brand new idea about open standards.', P[2]!, P[3]!]);
    assert.deepEqual(all(v2.paragraphs), ['1', '2', '2bis', '3', '4']);
    assert.deepEqual(
      v2.changes.find((c) => c.kind === 'inserted'),
      { kind: 'inserted', number: '2bis' },
    );
  });

  test('when three paragraphs are inserted after 2, then they are 2bis, 2ter and 2quater', () => {
    const v1 = numberFirstVersion(P);
    const v2 = renumber(v1, [
      P[0]!,
      P[1]!,
      'Alpha beta gamma.',
      'Delta epsilon zeta.',
      'Eta theta iota.',
      P[2]!,
    ]);
    assert.deepEqual(all(v2.paragraphs), ['1', '2', '2bis', '2ter', '2quater', '3', '4†']);
  });

  test('when a paragraph is deleted, then it keeps its number marked deleted and it is never reused', () => {
    const v2 = renumber(numberFirstVersion(P), [P[0]!, P[2]!, P[3]!]);
    assert.deepEqual(all(v2.paragraphs), ['1', '2†', '3', '4']);
    const v3 = renumber(v2.paragraphs, [
      P[0]!,
      'Something else entirely, never seen.',
      P[2]!,
      P[3]!,
    ]);
    assert.deepEqual(all(v3.paragraphs), ['1', '2†', '2bis', '3', '4']);
  });

  test('when a paragraph is reworded, then it keeps its number and is reported edited', () => {
    const edited = 'States must protect journalists from surveillance and intimidation.';
    const v2 = renumber(numberFirstVersion(P), [P[0]!, edited, P[2]!, P[3]!]);
    assert.deepEqual(live(v2.paragraphs), ['1', '2', '3', '4']);
    assert.equal(v2.changes[1]!.kind, 'edited');
  });

  test('when a paragraph is inserted before 1, then it is 0bis', () => {
    const v2 = renumber(numberFirstVersion(P), ['Preamble words nobody wrote before.', ...P]);
    assert.deepEqual(live(v2.paragraphs), ['0bis', '1', '2', '3', '4']);
  });

  test('when a paragraph comes between 12 and 12bis, then it gets a label between them', () => {
    const v2 = renumber(numberFirstVersion(P.slice(0, 2)), [P[0]!, 'Inserted one.', P[1]!]);
    const v3 = renumber(v2.paragraphs, [P[0]!, 'Squeezed in front.', 'Inserted one.', P[1]!]);
    assert.deepEqual(live(v3.paragraphs), ['1', '1.0', '1bis', '2']);
    assert.ok(isInReadingOrder(v3.paragraphs));
  });

  test('when a paragraph is moved, then it is numbered at its new place and the old number points to it', () => {
    const v2 = renumber(numberFirstVersion(P), [P[1]!, P[2]!, P[3]!, P[0]!]);
    assert.deepEqual(all(v2.paragraphs), ['1†', '2', '3', '4', '4bis']);
    assert.ok(v2.changes.some((c) => c.kind === 'moved' && c.number === '4bis' && c.from === '1'));
    assert.ok(
      v2.changes.some((c) => c.kind === 'deleted' && c.number === '1' && c.movedTo === '4bis'),
    );
  });

  test('when the secretariat maps a rewritten paragraph explicitly, then the mapping wins', () => {
    const rewritten = 'Completely different wording, same commitment on reports.';
    const v2 = renumber(numberFirstVersion(P), [P[0]!, P[1]!, rewritten, P[3]!], {
      mapping: new Map([[2, '3']]),
    });
    assert.deepEqual(all(v2.paragraphs), ['1', '2', '3', '4']);
    const forcedNew = renumber(numberFirstVersion(P), P, { mapping: new Map([[1, null]]) });
    assert.deepEqual(all(forcedNew.paragraphs), ['1', '2†', '2bis', '3', '4']);
  });

  test('when a mapping breaks reading order, then it is refused', () => {
    assert.throws(
      () =>
        renumber(numberFirstVersion(P), P, {
          mapping: new Map([
            [0, '3'],
            [1, '2'],
          ]),
        }),
      { code: 'invalid_paragraph_mapping' },
    );
  });

  test('labels render in the documented scheme and parse back', () => {
    assert.equal(renderLabel([12, 1]), '12bis');
    assert.equal(renderLabel([12, 19]), '12vicies');
    assert.equal(renderLabel([12, 20]), '12.20');
    assert.equal(renderLabel([12, 1, 3]), '12bis.3');
    assert.deepEqual(parseLabel('12quater'), [12, 3]);
    assert.equal(parseLabel('12.3'), null, 'only the canonical spelling of 12ter is a label');
  });
});

// A random history: each paragraph has an identity and 8 words of its own, so the property can
// check that numbers follow identities (an edit changes one word: still the same paragraph).
type Op = { kind: 'insert' | 'delete' | 'edit' | 'move'; at: number; to: number };
const op = fc.record({
  kind: fc.constantFrom<Op['kind']>('insert', 'insert', 'delete', 'edit', 'move'),
  at: fc.nat(),
  to: fc.nat(),
});
const history = fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 12,
});

interface Para {
  id: number;
  words: string[];
}

function apply(doc: Para[], ops: Op[], next: () => number): Para[] {
  const out = [...doc];
  for (const o of ops) {
    if (o.kind === 'insert' || out.length === 0) {
      const id = next();
      out.splice(o.at % (out.length + 1), 0, {
        id,
        words: Array.from({ length: 8 }, (_, k) => `p${id}w${k}`),
      });
    } else if (o.kind === 'delete') out.splice(o.at % out.length, 1);
    else if (o.kind === 'edit') {
      const p = out[o.at % out.length]!;
      p.words = p.words.map((w, k) => (k === o.to % 8 ? `e${next()}` : w));
    } else {
      const [moved] = out.splice(o.at % out.length, 1);
      out.splice(o.to % (out.length + 1), 0, moved!);
    }
  }
  return out.map((p) => ({ ...p, words: [...p.words] }));
}

describe('numbering: properties', () => {
  test('numbers are stable and never reused under any sequence of insertions, deletions, edits and moves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        history,
        (start, versions) => {
          let counter = 0;
          const next = () => ++counter;
          let doc = apply(
            [],
            start.map((at) => ({ kind: 'insert', at, to: 0 })),
            next,
          );
          let text = numberFirstVersion(doc.map((p) => p.words.join(' ')));
          const owner = new Map<string, number>(text.map((p, i) => [p.number, doc[i]!.id]));
          for (const ops of versions) {
            const before = new Map(doc.map((p, i) => [p.id, live(text)[i]!]));
            doc = apply(doc, ops, next);
            const result = renumber(
              text,
              doc.map((p) => p.words.join(' ')),
            );
            assert.ok(isInReadingOrder(result.paragraphs), 'labels increase in reading order');
            assert.deepEqual(
              result.paragraphs.filter((p) => p.deleted === false).map((p) => p.text),
              doc.map((p) => p.words.join(' ')),
            );
            for (const old of text) {
              const now = result.paragraphs.find((p) => p.number === old.number);
              assert.ok(now, `number ${old.number} is kept`);
              if (old.deleted) assert.ok(now.deleted, `deleted ${old.number} stays deleted`);
            }
            const moved = new Set(
              result.changes.flatMap((c) => (c.kind === 'moved' ? [c.number] : [])),
            );
            // A move reorders paragraphs; whichever side the diff sees as moved (and a moved paragraph
            // edited as well) is numbered anew, so only versions without moves pin every number.
            const reordered = ops.some((o) => o.kind === 'move');
            live(result.paragraphs).forEach((number, i) => {
              const id = doc[i]!.id;
              const known = owner.get(number);
              assert.ok(
                known === undefined || known === id,
                `number ${number} always names one paragraph`,
              );
              owner.set(number, id);
              const was = before.get(id);
              if (was !== undefined && !moved.has(number) && !reordered)
                assert.equal(number, was, 'a kept paragraph keeps its number');
            });
            text = result.paragraphs;
          }
        },
      ),
      { numRuns: 150, seed: 20260117 },
    );
  });

  test('fresh labels always fall strictly between their neighbours', () => {
    const label = fc
      .tuple(fc.nat({ max: 30 }), fc.array(fc.integer({ min: -3, max: 25 }), { maxLength: 3 }))
      .map(([base, rest]) => [base, ...rest]);
    fc.assert(
      fc.property(label, label, fc.integer({ min: 1, max: 30 }), (x, y, count) => {
        const [a, b] = compareLabels(x, y) < 0 ? [x, y] : [y, x];
        if (compareLabels(a, b) === 0) return;
        const fresh = labelsBetween(a, b, count);
        const chain = [a, ...fresh, b];
        chain.forEach((l, i) => i === 0 || assert.ok(compareLabels(chain[i - 1]!, l) < 0));
        for (const l of fresh) assert.deepEqual(parseLabel(renderLabel(l)), l);
      }),
      { numRuns: 300, seed: 7 },
    );
    assert.deepEqual(labelsBetween(START, null, 2), [
      [0, 1],
      [0, 2],
    ]);
  });
});
