import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyze,
  buildTermSpace,
  cosine,
  detectLanguage,
  isStopword,
  sparseFromMap,
  splitSentences,
  stem,
  tokenize,
} from './index.ts';

const SAMPLES: Record<string, string> = {
  ar: 'يجب على الحكومة أن تستثمر أكثر في التعليم العام وتحسين المدارس',
  en: 'The government should invest more in public education and schools',
  es: 'El gobierno debería invertir más en la educación pública y las escuelas',
  fr: "Le gouvernement devrait investir davantage dans l'éducation publique",
  ru: 'Правительство должно больше инвестировать в государственное образование',
  zh: '政府应该加大对公共教育的投资',
};

test('detects the six UN languages on ordinary sentences', () => {
  for (const [language, text] of Object.entries(SAMPLES)) {
    assert.equal(detectLanguage(text).language, language, text);
  }
});

test('detects short phrases and says nothing about text without letters', () => {
  assert.equal(detectLanguage('plus de pistes cyclables').language, 'fr');
  assert.equal(detectLanguage('больше парков').language, 'ru');
  assert.equal(detectLanguage('我们需要公园').language, 'zh');
  assert.equal(detectLanguage('12345 !!!').language, undefined);
});

test('segments Chinese into words without spaces', () => {
  assert.deepEqual(tokenize('政府应该加大对公共教育的投资', 'zh'), [
    '政府',
    '应该',
    '加大',
    '对',
    '公共',
    '教育',
    '的',
    '投资',
  ]);
  // No stemming for Chinese: stop words go, words stay whole.
  assert.deepEqual(
    analyze('政府应该加大对公共教育的投资', { language: 'zh' }).includes('教育'),
    true,
  );
});

test('normalises Arabic spelling variants and stems with the Arabic Snowball stemmer', () => {
  assert.deepEqual(tokenize('أَلْمَدْرَسَةُ', 'ar'), ['المدرسة']);
  assert.equal(stem('المدارس', 'ar'), 'مدارس');
  for (const w of ['المعلمين', 'المعلمون', 'للمعلمين']) assert.equal(stem(w, 'ar'), 'معلم', w);
  assert.equal(stem('مدرستنا', 'ar'), stem(tokenize('المدرسة', 'ar')[0]!, 'ar'));
});

test('stems inflected forms together in each stemmed language', () => {
  const pairs: Array<[string, string, string]> = [
    ['en', 'recommendations', 'recommendation'],
    ['en', 'running', 'runs'],
    ['fr', 'recommandations', 'recommandation'],
    ['es', 'escuelas', 'escuela'],
    ['ru', 'школами', 'школы'],
    ['de', 'Häuser', 'Häusern'],
  ];
  for (const [language, a, b] of pairs) {
    assert.equal(
      stem(tokenize(a, language)[0]!, language),
      stem(tokenize(b, language)[0]!, language),
      `${a}/${b}`,
    );
  }
  assert.equal(stem('政府', 'zh'), '政府');
});

test('drops elided articles in French and stop words in each language', () => {
  assert.deepEqual(tokenize("l'éducation d’abord", 'fr'), ['éducation', 'abord']);
  for (const [language, word] of [
    ['en', 'the'],
    ['fr', 'les'],
    ['es', 'los'],
    ['ru', 'и'],
    ['ar', 'في'],
    ['zh', '的'],
  ]) {
    assert.ok(isStopword(word!, language!), `${language}: ${word}`);
  }
  assert.ok(!isStopword('education', 'en'));
});

test('splits sentences, Chinese full stops and line breaks included', () => {
  assert.deepEqual(splitSentences('Hello there. Parks matter!\nMore trees', 'en'), [
    'Hello there.',
    'Parks matter!',
    'More trees',
  ]);
  assert.deepEqual(splitSentences('政府应该投资。我们需要公园。', 'zh'), [
    '政府应该投资。',
    '我们需要公园。',
  ]);
});

test('TF-IDF vectors: identical texts have cosine 1, unrelated 0, related in between', () => {
  const docs = [
    'public transport buses',
    'public transport trains',
    'affordable housing rent',
    'public transport buses',
  ];
  const space = buildTermSpace(docs.map((d) => analyze(d, { language: 'en' })));
  const [a, b, c, d] = space.vectors;
  assert.ok(Math.abs(cosine(a!, d!) - 1) < 1e-12);
  assert.equal(cosine(a!, c!), 0);
  const ab = cosine(a!, b!);
  assert.ok(ab > 0 && ab < 1);
  const bm25 = buildTermSpace(
    docs.map((x) => analyze(x, { language: 'en' })),
    { weighting: 'bm25' },
  );
  assert.ok(cosine(bm25.vectors[0]!, bm25.vectors[1]!) > 0);
  assert.equal(cosine(sparseFromMap(new Map()), a!), 0);
});
