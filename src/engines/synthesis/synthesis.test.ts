import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nearDuplicateGroups, synthesize, type SynthesisInput } from './index.ts';
import { tokenize } from '../text/index.ts';

const TEXTS = [
  'Buses are slow and public transport is too expensive for students.',
  'Public transport fares are expensive; buses should run more often.',
  'Cheaper bus fares and more frequent public transport, please.',
  'Rents are rising and affordable housing is scarce in the city.',
  'The council must build affordable housing and cap rents.',
  'Affordable housing for young families: rents are far too high.',
  'Les transports publics sont trop chers et les bus trop lents.',
  'Le gouvernement devrait construire des logements abordables.',
  '公共交通太贵了，公交车应该更频繁。',
  'يجب على الحكومة بناء مساكن ميسورة التكلفة.',
];

function inputs(): SynthesisInput[] {
  return TEXTS.map((text, i) => ({
    id: `in-${i}`,
    text,
    stakeholderGroup: i % 2 === 0 ? 'youth' : 'business',
    region: i < 5 ? 'Europe' : 'Africa',
    createdAt: new Date(Date.UTC(2025, 0, 1 + i * 3)),
  }));
}

const themeSets = (r: ReturnType<typeof synthesize>) =>
  r.themes.map((t) => [...t.sourceIds].sort().join(',')).sort();

test('themes group inputs by topic, with labels, central sentences and sources', () => {
  // Texts in different languages share no terms, so the topic check uses the English ones.
  const english = synthesize(inputs().slice(0, 6), { themeCount: 2 });
  assert.deepEqual(themeSets(english), ['in-0,in-1,in-2', 'in-3,in-4,in-5']);
  assert.match(
    english.themes.find((t) => t.sourceIds.includes('in-3'))!.label,
    /housing|rents|affordable/,
  );
  const result = synthesize(inputs(), { themeCount: 2 });
  for (const theme of result.themes) {
    assert.ok(theme.label.length > 0 && theme.keyTerms.length > 0);
    assert.ok(
      theme.centralSentence && theme.sourceIds.includes(theme.centralSentence.sourceIds[0]!),
    );
    for (const q of theme.quotes) assert.ok(theme.sourceIds.includes(q.sourceIds[0]!));
  }
  const all = result.themes.flatMap((t) => t.sourceIds).sort();
  assert.deepEqual(
    all,
    inputs()
      .map((x) => x.id)
      .sort(),
  );
});

test('quotes prefer different stakeholder groups and weights add up', () => {
  const result = synthesize(inputs(), { themeCount: 2 });
  const total = result.themes.reduce((s, t) => s + t.weights.overall, 0);
  assert.ok(Math.abs(total - 1) < 1e-12);
  for (const group of ['youth', 'business']) {
    const share = result.themes.reduce((s, t) => s + (t.weights.byGroup[group] ?? 0), 0);
    assert.ok(Math.abs(share - 1) < 1e-12, group);
  }
  for (const theme of result.themes) {
    const groups = new Set(theme.quotes.map((q) => q.stakeholderGroup));
    assert.equal(groups.size, Math.min(theme.quotes.length, 2));
    assert.ok(
      theme.weights.overTime.length > 0 &&
        theme.weights.overTime.every((b) => /^\d{4}-\d{2}-\d{2}$/.test(b.start)),
    );
  }
});

test('recommendations come from prescriptive sentences in several languages, with sources', () => {
  const result = synthesize(inputs(), { themeCount: 2 });
  const languages = new Set(result.recommendations.map((r) => r.language));
  for (const l of ['en', 'fr', 'zh', 'ar']) assert.ok(languages.has(l), l);
  for (const r of result.recommendations) assert.ok(r.sourceIds.length > 0 && r.themeId);
  assert.ok(!result.recommendations.some((r) => r.sourceIds.includes('in-3')));
});

test('clustering is deterministic and does not depend on input order', () => {
  const base = inputs();
  const expected = themeSets(synthesize(base, { themeCount: 3 }));
  fc.assert(
    fc.property(
      fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }),
      (shuffled) => {
        assert.deepEqual(themeSets(synthesize(shuffled, { themeCount: 3 })), expected);
      },
    ),
    { numRuns: 15 },
  );
});

test('any set of texts is partitioned: every non-empty input in exactly one theme', () => {
  const text = fc.array(
    fc.constantFrom('bus', 'rent', 'trees', 'school', 'fares', 'housing', 'parks'),
    { minLength: 0, maxLength: 6 },
  );
  fc.assert(
    fc.property(fc.array(text, { minLength: 1, maxLength: 25 }), (texts) => {
      const ins = texts.map((words, i) => ({ id: `x${i}`, text: words.join(' '), language: 'en' }));
      const r = synthesize(ins);
      const seen = [...r.themes.flatMap((t) => t.sourceIds), ...r.unthemedIds].sort();
      assert.deepEqual(seen, ins.map((x) => x.id).sort());
      assert.equal(new Set(seen).size, seen.length);
    }),
    { numRuns: 40 },
  );
});

test('near-duplicates: copy-paste variants merge, different texts do not', () => {
  const texts = [
    'We demand that the river be protected from mining and that the permits be withdrawn now',
    'We demand that the river be protected from mining and that the permits be withdrawn now!',
    'we demand that the river be protected from mining and that the permits be withdrawn today',
    'The library should open on Sundays so that students can study before their exams',
  ];
  const groups = nearDuplicateGroups(
    texts.map((t) => tokenize(t, 'en')),
    { threshold: 0.7 },
  );
  assert.deepEqual(groups, [[0, 1, 2]]);
  const result = synthesize(
    texts.map((text, i) => ({ id: `d${i}`, text })),
    { duplicateThreshold: 0.7 },
  );
  assert.deepEqual(result.duplicates, [{ representativeId: 'd0', sourceIds: ['d0', 'd1', 'd2'] }]);
});
