import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sparseFromDense } from '../text/index.ts';
import { embeddingDuplicatePairs } from './embedding-duplicates.ts';
import { synthesize, type SynthesisInput } from './index.ts';

const CAMPAIGN = [
  ['en', 'Stop internet shutdowns during elections now.'],
  ['fr', 'Arrêtez les coupures d’internet pendant les élections, maintenant.'],
  ['ar', 'أوقفوا قطع الإنترنت أثناء الانتخابات الآن.'],
  ['ru', 'Школам нужны учителя информатики.'],
  ['zh', '每所学校都需要计算机教师。'],
] as const;

test('translations of one text are near-duplicates through their embeddings; other texts are not', () => {
  const inputs: SynthesisInput[] = CAMPAIGN.map(([language, text], i) => ({
    id: `c${i}`,
    text,
    language,
  }));
  const embeddings = new Map([
    ['c0', [1, 0.02, 0]],
    ['c1', [1, 0, 0.03]],
    ['c2', [0.99, 0.01, 0.01]],
    ['c3', [0, 1, 0]],
    ['c4', [0.05, 0.9, 0.3]],
  ]);
  const result = synthesize(inputs, { embeddings, themeCount: 2 });
  assert.deepEqual(result.duplicates, [{ representativeId: 'c0', sourceIds: ['c0', 'c1', 'c2'] }]);
  const theme = result.themes.find((t) => t.sourceIds.includes('c0'))!;
  assert.deepEqual([...theme.sourceIds].sort(), ['c0', 'c1', 'c2']);
  assert.deepEqual(synthesize(inputs, { themeCount: 2 }).duplicates, []);
});

test('every pair found is above the threshold, and vectors near enough are always found', () => {
  const vector = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
    minLength: 8,
    maxLength: 8,
  });
  fc.assert(
    fc.property(fc.array(vector, { minLength: 1, maxLength: 30 }), (raw) => {
      // Each vector twice, the copy scaled: those pairs point the same way, so they must be found.
      const vectors = raw.flatMap((v) => [
        sparseFromDense(v),
        sparseFromDense(v.map((x) => x * 1.5)),
      ]);
      const pairs = embeddingDuplicatePairs(vectors, 8, 0.99);
      const found = new Set(pairs.map(([a, b]) => `${a},${b}`));
      raw.forEach((v, i) => {
        if (vectors[2 * i]!.idx.length > 0 && vectors[2 * i + 1]!.idx.length > 0)
          assert.ok(found.has(`${2 * i},${2 * i + 1}`) || v.every((x) => Math.abs(x) < 1e-3));
      });
      for (const [a, b] of pairs) {
        assert.ok(a < b);
        let s = 0;
        for (let j = 0; j < vectors[a]!.idx.length; j++)
          s +=
            vectors[a]!.val[j]! *
            (vectors[b]!.val[vectors[b]!.idx.indexOf(vectors[a]!.idx[j]!)] ?? 0);
        assert.ok(s >= 0.99 - 1e-9);
      }
    }),
    { numRuns: 50 },
  );
});
