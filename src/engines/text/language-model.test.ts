// The compact detector must be eld's medium detector, table entry for table entry and score for
// score; `eld/medium` itself is loaded here (and only here) as the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eld } from 'eld/medium';
import { compactDetector, loadNgramTable, ngramScores, scanNgramTable } from './language-model.ts';

const table = loadNgramTable();
const detector = compactDetector(table);

const TEXTS = [
  'يجب على الحكومة أن تستثمر أكثر في التعليم العام وتحسين المدارس',
  'نحتاج إلى الإنترنت في القرى',
  'The government should invest more in public education and schools',
  'El gobierno debería invertir más en la educación pública y las escuelas',
  "Le gouvernement devrait investir davantage dans l'éducation publique",
  'Правительство должно больше инвестировать в государственное образование',
  '政府应该加大对公共教育的投资，我们需要更多的公园',
  'Die Regierung sollte mehr in öffentliche Bildung investieren',
  'O governo deveria investir mais na educação pública',
  'Il governo dovrebbe investire di più nell’istruzione pubblica',
  'Hükümet kamu eğitimine daha fazla yatırım yapmalı',
  'دولت باید بیشتر در آموزش عمومی سرمایه‌گذاری کند',
  'सरकार को सार्वजनिक शिक्षा में अधिक निवेश करना चाहिए',
  'Уряд має більше інвестувати в державну освіту',
  '政府は公共教育にもっと投資すべきです',
  '정부는 공교육에 더 많이 투자해야 합니다',
  'Serikali inapaswa kuwekeza zaidi katika elimu ya umma',
  'plus de pistes cyclables',
  'parks',
  "don't stop",
  'x',
  'e-mail: someone@example.org, 2024 — 50 % ?!',
];

test('the compact table holds every entry of eld/medium and nothing else', async () => {
  const file = new URL('../ngrams/medium.js', import.meta.resolve('eld/medium')).href;
  const { ngramsData } = (await import(file)) as {
    ngramsData: {
      type: string;
      languages: Record<number, string>;
      ngrams: Record<string, Record<number, number>>;
    };
  };
  assert.equal(table.type, ngramsData.type);
  assert.deepEqual(table.languages, ngramsData.languages);
  const keys = Object.keys(ngramsData.ngrams);
  assert.equal(table.index.size, keys.length);
  for (const key of keys) assert.deepEqual(ngramScores(table, key), ngramsData.ngrams[key], key);
});

test('eld/medium and the compact detector agree on every score', () => {
  for (const text of TEXTS) {
    const expected = eld.detect(text);
    const actual = detector.detect(text);
    assert.equal(actual.language, expected.language, text);
    assert.equal(actual.isReliable(), expected.isReliable(), text);
    assert.deepEqual(actual.getScores(), expected.getScores(), text);
  }
});

test('the table scan reads keys with escaped quotes and refuses a file of another shape', () => {
  const small = scanNgramTable(
    "export const ngramsData = {type:'T2',languages:{0:'ar',1:'en'},isSubset:false," +
      "ngrams:{' ab ':{1:7},'d\\'o':{0:3,1:9},Lé4L:{0:176}}};",
  );
  assert.equal(small.type, 'T2');
  assert.deepEqual(small.languages, { 0: 'ar', 1: 'en' });
  assert.deepEqual(ngramScores(small, ' ab '), { 1: 7 });
  assert.deepEqual(ngramScores(small, "d'o"), { 0: 3, 1: 9 });
  assert.deepEqual(ngramScores(small, 'Lé4L'), { 0: 176 });
  assert.equal(ngramScores(small, 'zzzz'), undefined);
  assert.throws(
    () => scanNgramTable("{type:'T2',languages:{0:'ar'},ngrams:{'a':[1,2]}}"),
    /unexpected shape/,
  );
  assert.throws(
    () => scanNgramTable("{type:'T2',languages:{0:'ar'},ngrams:{'a':{0:1}}"),
    /unexpected shape/,
  );
  assert.throws(() => scanNgramTable('export default {}'), /unexpected shape/);
});
