import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { withoutComments } from './pdf-content.ts';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** Pieces of a content stream that must come out unchanged, each able to hold a '%'. */
const kept = fc.oneof(
  fc.constantFrom(
    'q',
    'Q',
    'BT',
    'ET',
    '1 0 0 1 72 720 cm',
    '/F1 12 Tf',
    '<< /MCID 0 >> BDC',
    'EMC',
  ),
  fc
    .string({ unit: fc.constantFrom('a', '%', ' ', '\\(', '\\)', '\\\\', '()', '(%)') })
    .map((s) => `(${s}) Tj`),
  fc.stringMatching(/^[0-9A-F]{0,8}$/).map((hex) => `<${hex}> Tj`),
  fc.uint8Array({ maxLength: 20 }).map((data) => {
    const binary = Buffer.from(data).toString('latin1').replace(/EI/g, 'E0');
    return `BI /W 1 /H 1 /BPC 8 /CS /G ID ${binary}%X\nEI`;
  }),
);
const comment = fc
  .string({ unit: fc.constantFrom('x', '%', ' ', '(', ')', '<') })
  .map((s) => `%${s}`);

test('a content stream loses its comments and keeps every string, operator and inline image byte for byte', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(kept, fc.option(comment)), { maxLength: 12 }), (pieces) => {
      const source = pieces.map(([piece, note]) => `${piece}${note ? ` ${note}` : ''}\n`).join('');
      const expected = pieces.map(([piece, note]) => `${piece}${note ? ' ' : ''}\n`).join('');
      const hasComment = pieces.some(([, note]) => note !== null);
      const result = withoutComments(latin1(source));
      assert.equal(result === undefined, !hasComment);
      assert.equal(Buffer.from(result ?? latin1(source)).toString('latin1'), expected);
    }),
  );
});
