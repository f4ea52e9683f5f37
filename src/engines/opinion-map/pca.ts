// Two principal components of the vote matrix with column-mean imputation, without ever forming
// the dense matrix. Imputing a missing vote with its column mean and then centring makes that cell
// exactly 0, so the centred matrix C has the same sparsity as the votes: C[i][j] = v_ij − μ_j on
// cast votes and 0 elsewhere. Everything below works on that implicit C.
//
// Differs from Pol.is: Pol.is runs plain power iteration one component at a time from fixed start
// vectors. We run block subspace iteration with Rayleigh–Ritz (4 vectors for 2 components), which
// converges as (λ5/λ2)^t instead of (λ2/λ1)^t and stops on a residual test, so nearly tied
// components do not leave the map half-converged. The subspace found is the same.
import { symmetricEigen } from './eigen.ts';
import { colCount, rowCount, type VoteMatrix } from './matrix.ts';
import { mulberry32 } from './prng.ts';

export interface Pca {
  center: Float64Array;
  components: [Float64Array, Float64Array];
  eigenvalues: [number, number];
  /** Sum of squares of C: the total variance the eigenvalues are shares of. */
  totalVariance: number;
}

const BLOCK = 4;
const MAX_ITERATIONS = 500;
const TOLERANCE = 1e-10;

export function columnMeans(m: VoteMatrix): Float64Array {
  const sum = new Float64Array(colCount(m));
  const count = new Float64Array(colCount(m));
  for (let e = 0; e < m.col.length; e++) {
    sum[m.col[e]!]! += m.value[e]!;
    count[m.col[e]!]!++;
  }
  return sum.map((s, j) => (count[j]! > 0 ? s / count[j]! : 0));
}

/** out = Cᵀ C Q for a block Q stored row-major (Q[j * p + k]), in one pass over the votes. */
function multiplyGram(
  m: VoteMatrix,
  center: Float64Array,
  q: Float64Array,
  p: number,
): Float64Array {
  const out = new Float64Array(q.length);
  const s = new Float64Array(p);
  for (let r = 0; r < rowCount(m); r++) {
    const end = m.rowPtr[r + 1]!;
    s.fill(0);
    for (let e = m.rowPtr[r]!; e < end; e++) {
      const j = m.col[e]!;
      const c = m.value[e]! - center[j]!;
      for (let k = 0; k < p; k++) s[k]! += c * q[j * p + k]!;
    }
    for (let e = m.rowPtr[r]!; e < end; e++) {
      const j = m.col[e]!;
      const c = m.value[e]! - center[j]!;
      for (let k = 0; k < p; k++) out[j * p + k]! += c * s[k]!;
    }
  }
  return out;
}

/** Modified Gram–Schmidt, twice for stability; a column that collapses is refilled at random. */
function orthonormalize(q: Float64Array, p: number, random: () => number): void {
  const n = q.length / p;
  for (let k = 0; k < p; k++) {
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let pass = 0; pass < 2; pass++) {
        for (let l = 0; l < k; l++) {
          let dot = 0;
          for (let j = 0; j < n; j++) dot += q[j * p + k]! * q[j * p + l]!;
          for (let j = 0; j < n; j++) q[j * p + k]! -= dot * q[j * p + l]!;
        }
      }
      let norm = 0;
      for (let j = 0; j < n; j++) norm += q[j * p + k]! ** 2;
      if (norm > 1e-20) {
        norm = Math.sqrt(norm);
        for (let j = 0; j < n; j++) q[j * p + k]! /= norm;
        break;
      }
      for (let j = 0; j < n; j++) q[j * p + k] = random() - 0.5;
    }
  }
}

/** B = A V for a block A (n × p, row-major) and a p × p matrix given as columns V[c]. */
function rotateBlock(a: Float64Array, p: number, v: number[][]): Float64Array {
  const out = new Float64Array(a.length);
  for (let j = 0; j < a.length / p; j++) {
    for (let c = 0; c < p; c++) {
      let sum = 0;
      for (let k = 0; k < p; k++) sum += a[j * p + k]! * v[c]![k]!;
      out[j * p + c] = sum;
    }
  }
  return out;
}

function column(a: Float64Array, p: number, k: number): Float64Array {
  const out = new Float64Array(a.length / p);
  for (let j = 0; j < out.length; j++) out[j] = a[j * p + k]!;
  return out;
}

/** An eigenvector's sign is arbitrary; fix it so the map does not flip between runs. */
function canonicalSign(u: Float64Array): Float64Array {
  let best = 0;
  for (let j = 1; j < u.length; j++) if (Math.abs(u[j]!) > Math.abs(u[best]!) + 1e-12) best = j;
  return (u[best] ?? 0) < 0 ? u.map((x) => -x) : u;
}

function residualsConverged(az: Float64Array, ritz: Float64Array, p: number, values: number[]) {
  const scale = Math.max(values[0]!, 1e-300);
  for (let k = 0; k < Math.min(2, p); k++) {
    let r = 0;
    for (let j = 0; j < az.length / p; j++)
      r += (az[j * p + k]! - values[k]! * ritz[j * p + k]!) ** 2;
    if (Math.sqrt(r) > TOLERANCE * scale) return false;
  }
  return true;
}

/** Qᵀ Z, symmetrised: the block's Rayleigh quotient matrix. */
function blockQuotient(q: Float64Array, z: Float64Array, p: number): number[][] {
  const n = q.length / p;
  return Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (__, b) => {
      let dot = 0;
      for (let j = 0; j < n; j++)
        dot += q[j * p + a]! * z[j * p + b]! + q[j * p + b]! * z[j * p + a]!;
      return dot / 2;
    }),
  );
}

export function principalComponents(m: VoteMatrix): Pca {
  const n = colCount(m);
  const center = columnMeans(m);
  let totalVariance = 0;
  for (let e = 0; e < m.col.length; e++) totalVariance += (m.value[e]! - center[m.col[e]!]!) ** 2;
  const p = Math.min(BLOCK, n);
  const random = mulberry32(0x5eed);
  let q: Float64Array = new Float64Array(n * p).map(() => random() - 0.5);
  orthonormalize(q, p, random);
  let ritz = q;
  let values = new Array<number>(p).fill(0);
  for (let it = 0; it < MAX_ITERATIONS && p > 0; it++) {
    const z = multiplyGram(m, center, q, p);
    const eig = symmetricEigen(blockQuotient(q, z, p));
    values = eig.values;
    ritz = rotateBlock(q, p, eig.vectors);
    const az = rotateBlock(z, p, eig.vectors);
    if (residualsConverged(az, ritz, p, values)) break;
    orthonormalize(az, p, random);
    q = az;
  }
  const pick = (k: number) => (k < p ? canonicalSign(column(ritz, p, k)) : new Float64Array(n));
  return {
    center,
    components: [pick(0), pick(1)],
    eigenvalues: [Math.max(values[0] ?? 0, 0), Math.max(values[1] ?? 0, 0)],
    totalVariance,
  };
}

/**
 * Pol.is's sparsity-aware projection: a participant's centred votes projected on the components,
 * scaled by sqrt(statements / max(votes, 1)) so people who voted on few statements are not all
 * pulled to the centre of the map.
 */
export function project(m: VoteMatrix, pca: Pca): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(rowCount(m));
  const y = new Float64Array(rowCount(m));
  const [u, w] = pca.components;
  for (let r = 0; r < rowCount(m); r++) {
    let sx = 0;
    let sy = 0;
    const start = m.rowPtr[r]!;
    const end = m.rowPtr[r + 1]!;
    for (let e = start; e < end; e++) {
      const j = m.col[e]!;
      const c = m.value[e]! - pca.center[j]!;
      sx += c * u[j]!;
      sy += c * w[j]!;
    }
    const scale = Math.sqrt(colCount(m) / Math.max(end - start, 1));
    x[r] = scale * sx;
    y[r] = scale * sy;
  }
  return { x, y };
}
