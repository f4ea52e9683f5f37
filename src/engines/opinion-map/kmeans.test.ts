import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmeans, kmeansSampled, weightedSilhouette } from './kmeans.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

const blobs = (n: number) => {
  const random = mulberry32(11);
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
  ];
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = centres[i % 3]![0]! + random() - 0.5;
    y[i] = centres[i % 3]![1]! + random() - 0.5;
  }
  return { x, y };
};

test('k-means separates well-apart blobs, and the silhouette prefers the true k', () => {
  const p = blobs(90);
  const three = kmeans(p, 3, mulberry32(1));
  for (let i = 3; i < 90; i++) assert.equal(three.assignment[i], three.assignment[i % 3]);
  const two = kmeans(p, 2, mulberry32(1));
  assert.ok(weightedSilhouette(p, three.assignment, 3) > weightedSilhouette(p, two.assignment, 2));
});

test('k-means gives fewer clusters when there are fewer distinct points than k', () => {
  const p = { x: Float64Array.from([1, 1, 2, 2]), y: Float64Array.from([0, 0, 0, 0]) };
  const c = kmeans(p, 100, mulberry32(1));
  assert.equal(c.k, 2);
  assert.deepEqual([...c.weight].sort(), [2, 2]);
});

test('sampled k-means assigns every point and finds the same blobs', () => {
  const p = blobs(3000);
  const c = kmeansSampled(p, 3, { maxSample: 300, maxIterations: 20 }, mulberry32(1));
  assert.equal(c.k, 3);
  for (let i = 3; i < 3000; i++) assert.equal(c.assignment[i], c.assignment[i % 3]);
  assert.equal(
    c.weight.reduce((a, b) => a + b, 0),
    3000,
  );
});
