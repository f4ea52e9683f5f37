import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { csvText, neutraliseCell, restoreCell } from './csv-writer.ts';

const FORMULA_START = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

test('a text cell a spreadsheet would evaluate is written with an apostrophe and quoted; numbers stay numbers', () => {
  assert.equal(
    csvText([
      [
        '=HYPERLINK("http://x","y")',
        '+cmd|x',
        '@SUM(A1)',
        '-2+3',
        ' =1',
        '\tx',
        'plain',
        -1,
        2.5,
        true,
        null,
      ],
    ]),
    `"'=HYPERLINK(""http://x"",""y"")","'+cmd|x","'@SUM(A1)","'-2+3","' =1","'\tx",plain,-1,2.5,true,\n`,
  );
  assert.equal(csvText([['a']], { bom: true }), '\ufeffa\n');
});

test('property: a neutralised cell never starts like a formula, and restoring gives back the exact text', () => {
  const text = fc.string({
    unit: fc.constantFrom('=', '+', '-', '@', "'", ' ', '\t', '\r', 'a', '1', '\uff1d'),
  });
  fc.assert(
    fc.property(fc.oneof(text, fc.string()), (s) => {
      const written = neutraliseCell(s);
      assert.ok(!FORMULA_START.test(written), JSON.stringify(written));
      assert.equal(restoreCell(written), s);
    }),
    { numRuns: 2000 },
  );
});
