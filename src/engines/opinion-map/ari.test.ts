import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex } from './ari.ts';

test('adjusted Rand index: 1 for the same partition under other names, known value otherwise', () => {
  assert.equal(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, 9]), 1);
  // The worked example of scikit-learn's documentation: 0.2424…
  assert.ok(
    Math.abs(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 0.24242424242424243) <
      1e-12,
  );
  assert.ok(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) < 0);
});

test('adjusted Rand index leaves out items either side did not group', () => {
  assert.equal(adjustedRandIndex([0, 0, 1, 1, null], [1, 1, 0, 0, 0]), 1);
  assert.equal(adjustedRandIndex([0, 0, 1, 1, 1], [1, 1, 0, null, 0]), 1);
  assert.throws(() => adjustedRandIndex([0], [0, 1]), /differ in length/);
});
