import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averagePrecision, keyPointMeanAveragePrecision, labelKey } from './index.ts';

test('average precision follows scikit-learn, ties counted together', () => {
  assert.equal(
    averagePrecision([
      { score: 0.9, label: 1 },
      { score: 0.1, label: 0 },
    ]),
    1,
  );
  assert.equal(
    averagePrecision([
      { score: 0.9, label: 0 },
      { score: 0.1, label: 1 },
    ]),
    0.5,
  );
  assert.equal(
    averagePrecision([
      { score: 0.5, label: 0 },
      { score: 0.5, label: 1 },
    ]),
    0.5,
  );
  assert.equal(averagePrecision([{ score: 0.5, label: 0 }]), 0);
});

test('mAP keeps each argument’s best key point and the top half per (topic, stance)', () => {
  const args = [
    ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => ({ id, topic: 'T', stance: '1' })),
    ...['b1', 'b2'].map((id) => ({ id, topic: 'T', stance: '-1' })),
  ];
  const scores = {
    a1: { k1: 0.9, k2: 0.2 }, // best k1: labelled 0
    a2: { k1: 0.1, k2: 0.8 }, // best k2: labelled 1
    a3: { k1: 0.7, k2: 0.3 }, // best k1: undecided
    a4: { k1: 0.6, k2: 0.0 }, // below the top half: its label must not count
    a5: { k1: 0.2 },
    // a6 has no prediction: counts as wrong with score 0
    b1: { k3: 0.5 },
    b2: { k3: 0.4 },
  };
  const labels = new Map<string, 0 | 1>([
    [labelKey('a1', 'k1'), 0],
    [labelKey('a2', 'k2'), 1],
    [labelKey('a4', 'k1'), 1],
    [labelKey('b1', 'k3'), 1],
    [labelKey('b2', 'k3'), 0],
  ]);
  const map = keyPointMeanAveragePrecision(args, scores, labels);
  // Group T/1: top 3 labels are [0, 1, undecided]: strict AP 0.5; relaxed [0, 1, 1]:
  // 0.5 × 0.5 + 0.5 × 2/3. Group T/-1: top 1 is a match: AP 1.
  assert.ok(Math.abs(map.strict - (0.5 + 1) / 2) < 1e-12);
  assert.ok(Math.abs(map.relaxed - (0.25 + 1 / 3 + 1) / 2) < 1e-12);
});

test('mAP follows the official script on missing predictions and unknown key points', () => {
  // Expected figures from the official KPA-2021 evaluation logic (pandas, scikit-learn) on the
  // same input: strict 0.5, relaxed 0.5.
  const args = ['a1', 'a2', 'a3', 'a4'].map((id) => ({ id, topic: 'T', stance: '1' }));
  const scores = {
    a1: { k1: 0.5, k2: -2 },
    // a2 has no prediction: score 0 puts it in the top half above the negative scores, where it
    // is then ranked at 0.99 with label 0.
    a3: { k1: -0.5 },
    a4: { k1: -1, kX: 5 }, // kX is not a key point of the split: ignored
  };
  const labels = new Map<string, 0 | 1>([
    [labelKey('a1', 'k1'), 1],
    [labelKey('a3', 'k1'), 1],
    [labelKey('a4', 'k1'), 0],
  ]);
  const map = keyPointMeanAveragePrecision(args, scores, labels, { keyPointIds: ['k1', 'k2'] });
  assert.equal(map.strict, 0.5);
  assert.equal(map.relaxed, 0.5);
  // Without the top-half rule all four count: ranked a2 (0.99, 0), a1 (1), a3 (1), a4 (0).
  const all = keyPointMeanAveragePrecision(args, scores, labels, {
    keyPointIds: ['k1', 'k2'],
    topShare: 1,
  });
  assert.ok(Math.abs(all.strict - (0.5 * 0.5 + 0.5 * (2 / 3))) < 1e-12);
});
