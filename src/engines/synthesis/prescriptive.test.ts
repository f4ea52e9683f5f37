import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPrescriptive } from './index.ts';

const CASES: Record<string, { yes: string[]; no: string[] }> = {
  en: {
    yes: [
      'The city should build more bike lanes.',
      'We call on donors to fund clinics.',
      'We urge the council to act.',
      'Ministries must publish their budgets.',
      'We recommend free school meals.',
    ],
    no: ['Buses are often late.', 'I shouldered the cost myself.'],
  },
  fr: {
    yes: [
      "L'État devrait financer les écoles.",
      'La commune doit agir.',
      'Nous lançons un appel aux bailleurs.',
      'Nous recommandons des cantines gratuites.',
    ],
    no: ['Les bus sont souvent en retard.'],
  },
  es: {
    yes: [
      'El gobierno debería invertir en salud.',
      'Se recomienda ampliar el horario.',
      'Los municipios deben actuar.',
    ],
    no: ['Los autobuses llegan tarde.'],
  },
  ru: {
    yes: [
      'Власти должны построить больницы.',
      'Следует снизить тарифы.',
      'Мы призываем правительство действовать.',
    ],
    no: ['Автобусы часто опаздывают.'],
  },
  zh: {
    yes: ['政府应该加大对教育的投资。', '我们建议延长开放时间。', '各国应当合作。'],
    no: ['公交车经常晚点。', '这个应用很好用。'],
  },
  ar: {
    yes: ['يجب على الحكومة بناء المدارس.', 'ينبغي خفض الأسعار.', 'ويجب أن نحمي البيئة.'],
    no: ['الحافلات تتأخر كثيرا.'],
  },
};

for (const [language, { yes, no }] of Object.entries(CASES)) {
  test(`prescriptive sentences in ${language}`, () => {
    for (const s of yes) assert.ok(isPrescriptive(s, language), s);
    for (const s of no) assert.ok(!isPrescriptive(s, language), s);
  });
}

test('a language without cues prescribes nothing rather than guessing', () => {
  assert.equal(isPrescriptive('should', 'xx'), false);
});
