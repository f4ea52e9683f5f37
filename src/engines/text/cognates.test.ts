import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeTokens, buildTermSpace, cognateFeatures, cosine, foldDiacritics } from './index.ts';

const features = (text: string, language: string) =>
  cognateFeatures(analyzeTokens(text, { language }).map((t) => t.word));

test('diacritics fold away, letters stay', () => {
  assert.equal(foldDiacritics('accès'), 'acces');
  assert.equal(foldDiacritics('público'), 'publico');
  assert.equal(foldDiacritics('gouvernance'), 'gouvernance');
});

test('cognates across Latin-script languages share n-grams; unrelated words share few', () => {
  const space = buildTermSpace([
    features('infrastructure governance access', 'en'),
    features('infraestructura gobernanza acceso', 'es'),
    features('infrastructure gouvernance accès', 'fr'),
    features('hospitals nurses clinics', 'en'),
  ]);
  const [en, es, fr, other] = space.vectors;
  assert.ok(cosine(en!, es!) > 0.2, `en–es ${cosine(en!, es!)}`);
  assert.ok(cosine(en!, fr!) > 0.5, `en–fr ${cosine(en!, fr!)}`);
  assert.ok(cosine(en!, other!) < 0.05, `unrelated ${cosine(en!, other!)}`);
});

test('acronyms and numbers count inside any script; other scripts give no features', () => {
  assert.deepEqual(features('يجب أن يعزز منتدى IGF حوكمة الإنترنت', 'ar'), ['w:igf']);
  assert.deepEqual(features('сети 5G должны прийти в сёла', 'ru'), ['w:5g']);
  assert.deepEqual(features('互联网治理', 'zh'), []);
  assert.ok(features('ICANN and the WSIS', 'en').includes('w:icann'));
});

test('features depend on each word alone, not on its neighbours or position', () => {
  const word = fc.constantFrom(
    'internet',
    'accès',
    'IGF',
    '5G',
    'gobernanza',
    'интернет',
    'vivienda',
  );
  fc.assert(
    fc.property(fc.array(word, { maxLength: 8 }), fc.array(word, { maxLength: 8 }), (a, b) => {
      const joined = cognateFeatures([...a, ...b].map((w) => w.toLowerCase()));
      const apart = [
        ...cognateFeatures(a.map((w) => w.toLowerCase())),
        ...cognateFeatures(b.map((w) => w.toLowerCase())),
      ];
      assert.deepEqual(joined, apart);
    }),
  );
});
