// Names refuse every character drawn as nothing, but for the two ways of writing that need one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { withoutHidden } from '../db/migrations/0026-names-without-hidden-characters.ts';
import {
  cleanFileName,
  identityTextProblem,
  withoutHiddenCharacters,
} from './invisible-characters.ts';

const ALL_IGNORABLE: string[] = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const c = String.fromCodePoint(cp);
  if (/\p{Default_Ignorable_Code_Point}/u.test(c)) ALL_IGNORABLE.push(c);
}
const JOINERS = ['\u200c', '\u200d'];
const PRESENTATION = ['\ufe0e', '\ufe0f'];
const ALWAYS_REFUSED = [
  ...ALL_IGNORABLE.filter((c) => !JOINERS.includes(c) && !PRESENTATION.includes(c)),
  '\u2028',
  '\u2029',
];
const word = fc.stringMatching(/^[A-Za-zÀ-ÿ\u0627-\u064a\u4e00-\u4e20 ]{0,12}$/);

test('the review found these in names that passed', () => {
  for (const c of [
    '\u2028',
    '\u2029',
    '\u115f',
    '\u1160',
    '\u3164',
    '\uffa0',
    '\u034f',
    '\u180e',
    '\u17b4',
    '\ufe00',
    '\u{e0100}',
    '\u2065',
  ])
    assert.equal(
      identityTextProblem(`Ada${c}Lovelace`),
      'input.invisibleCharacters',
      c.codePointAt(0)?.toString(16),
    );
});

test('no default-ignorable code point, line or paragraph separator passes in a name, wherever it sits', () => {
  assert.ok(ALL_IGNORABLE.length > 4000, 'the property is known to this engine');
  fc.assert(
    fc.property(word, fc.constantFrom(...ALWAYS_REFUSED), word, (before, hidden, after) => {
      assert.equal(identityTextProblem(before + hidden + after), 'input.invisibleCharacters');
    }),
    { numRuns: 3000 },
  );
});

test('joiners pass only between two visible characters, presentation selectors only after a pictograph', () => {
  assert.equal(identityTextProblem('می\u200cخواهم'), null);
  assert.equal(identityTextProblem('👩\u200d💻 Dev'), null);
  assert.equal(identityTextProblem('I \u2764\ufe0f Net'), null);
  fc.assert(
    fc.property(word, fc.constantFrom(...JOINERS), (name, joiner) => {
      for (const placed of [joiner + name, name + joiner, `${name} ${joiner}x`])
        assert.equal(identityTextProblem(placed), 'input.invisibleCharacters');
    }),
  );
  fc.assert(
    fc.property(word, fc.constantFrom(...PRESENTATION), (name, selector) => {
      assert.equal(identityTextProblem(`${name}a${selector}`), 'input.invisibleCharacters');
    }),
  );
});

test('what the file-name cleaning and the stored-name migration leave is a name the check accepts', () => {
  assert.equal(
    withoutHidden('a\u200d\u3164b'),
    'ab',
    'a Hangul filler is no visible neighbour for a joiner',
  );
  const anyText = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...ALWAYS_REFUSED, ...JOINERS, ...PRESENTATION, '\u0000', '\u202e', '❤', 'a'),
      fc
        .integer({ min: 0, max: 0x10ffff })
        .filter((cp) => cp < 0xd800 || cp > 0xdfff)
        .map((cp) => String.fromCodePoint(cp)),
    ),
  });
  fc.assert(
    fc.property(anyText, (text) => {
      for (const cleaned of [
        withoutHidden(text),
        cleanFileName(text),
        withoutHiddenCharacters(text),
      ])
        assert.equal(identityTextProblem(cleaned), null, JSON.stringify(cleaned));
    }),
    { numRuns: 2000 },
  );
});
