import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { symmetricEigen } from './eigen.ts';
import { buildVoteMatrix } from './matrix.ts';
import { principalComponents, project } from './pca.ts';
import type { OpinionMapInput, VoteRecord, VoteValue } from './types.ts';

/** The textbook computation on the dense, mean-imputed, centred matrix, for comparison. */
function densePca(rows: (VoteValue | null)[][]) {
  const n = rows[0]!.length;
  const means = Array.from({ length: n }, (_, j) => {
    const seen = rows.map((r) => r[j]).filter((v): v is VoteValue => v !== null);
    return seen.length ? seen.reduce((a: number, b) => a + b, 0) / seen.length : 0;
  });
  const centred = rows.map((r) => r.map((v, j) => (v === null ? 0 : v - means[j]!)));
  const gram = Array.from({ length: n }, (_, a) =>
    Array.from({ length: n }, (__, b) => centred.reduce((s, r) => s + r[a]! * r[b]!, 0)),
  );
  return { ...symmetricEigen(gram), centred };
}

const matrix = fc.array(
  fc.array(fc.constantFrom<VoteValue | null>(1, -1, 0, null), { minLength: 6, maxLength: 6 }),
  {
    minLength: 8,
    maxLength: 30,
  },
);

function input(rows: (VoteValue | null)[][]): OpinionMapInput {
  const votes: VoteRecord[] = [];
  rows.forEach((r, i) =>
    r.forEach(
      (v, j) => v !== null && votes.push({ participantId: `p${i}`, statementId: `s${j}`, vote: v }),
    ),
  );
  return {
    participants: rows.map((_, i) => ({ id: `p${i}` })),
    statements: rows[0]!.map((_, j) => ({ id: `s${j}` })),
    votes,
  };
}

describe('sparse PCA', () => {
  test('matches the dense mean-imputed PCA: eigenvalues and components', () => {
    fc.assert(
      fc.property(matrix, (rows) => {
        const dense = densePca(rows);
        const [l1, l2] = dense.values;
        fc.pre(l1! > 1e-6 && l1! - l2! > 1e-3 * l1! && l2! - dense.values[2]! > 1e-3 * l1!);
        const pca = principalComponents(buildVoteMatrix(input(rows)));
        for (const k of [0, 1]) {
          assert.ok(
            Math.abs(pca.eigenvalues[k]! - dense.values[k]!) <= 1e-6 * l1!,
            `eigenvalue ${k}`,
          );
          const dot = pca.components[k]!.reduce((s, x, j) => s + x * dense.vectors[k]![j]!, 0);
          assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-5, `component ${k}: |cos| = ${Math.abs(dot)}`);
        }
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  test('scales a participant by sqrt(statements / votes) — and counts zeroed statements as Pol.is does', () => {
    const rows: (VoteValue | null)[][] = [
      [1, 1, -1, null],
      [-1, -1, 1, 1],
      [1, null, null, null],
      [0, 1, -1, -1],
    ];
    const m = buildVoteMatrix(input(rows));
    const pca = principalComponents(m);
    const plain = (i: number) =>
      rows[i]!.reduce(
        (s: number, v, j) => (v === null ? s : s + (v - pca.center[j]!) * pca.components[0][j]!),
        0,
      );
    assert.ok(Math.abs(project(m, pca).x[2]! - Math.sqrt(4 / 1) * plain(2)) < 1e-12);
    assert.ok(Math.abs(project(m, pca, 3).x[2]! - Math.sqrt(7 / 4) * plain(2)) < 1e-12);
  });
});
