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
