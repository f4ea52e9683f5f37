import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sklearnTokens, tfidfBaselineScores } from './index.ts';

test('the TF-IDF baseline tokenises as scikit-learn’s default pattern does', () => {
  assert.deepEqual(sklearnTokens('Dogs bark a lot: é_x 42, I/O'), [
    'dogs',
    'bark',
    'lot',
    'é_x',
    '42',
  ]);
});

test('the TF-IDF baseline gives scikit-learn’s TfidfVectorizer cosines', () => {
  // Expected values from TfidfVectorizer() fitted on the four texts, then cosine_similarity.
  const t = (id: string, text: string) => ({ id, text, topic: 'T', stance: '1' });
  const scores = tfidfBaselineScores(
    [t('a1', 'Cats chase the mice, and the MICE run.'), t('a2', 'Dogs bark a lot: é_x 42')],
    [t('k1', 'Mice fear cats'), t('k2', 'Dogs bark')],
  );
  const expected = { a1: { k1: 0.3916180778772167, k2: 0 }, a2: { k1: 0, k2: 0.5412799489419372 } };
  for (const [a, row] of Object.entries(expected)) {
    for (const [k, v] of Object.entries(row)) {
      assert.ok(Math.abs(scores[a]![k]! - v) < 1e-12, `${a} ${k}: ${scores[a]![k]} vs ${v}`);
    }
  }
});
