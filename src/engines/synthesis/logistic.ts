// L2-regularised logistic regression: small, deterministic (full-batch gradient descent from zero
// weights, fixed step count, no shuffling), so the same labels always give the same model.

export interface LogisticModel {
  weights: number[];
  /** Feature standardisation learned from the training rows. */
  mean: number[];
  scale: number[];
}

export interface LogisticOptions {
  l2?: number;
  steps?: number;
  learningRate?: number;
  /** Weight of each row (e.g. to balance classes); 1 when absent. */
  rowWeights?: readonly number[];
  /**
   * Columns whose weight may not go negative. Similarity features are correlated; unconstrained,
   * the fit trades them against each other in ways that do not carry over to new topics.
   */
  nonNegative?: readonly boolean[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function standardisation(rows: readonly (readonly number[])[], width: number) {
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const r of rows) for (let j = 0; j < width; j++) mean[j]! += r[j]! / rows.length;
  for (const r of rows)
    for (let j = 0; j < width; j++) scale[j]! += (r[j]! - mean[j]!) ** 2 / rows.length;
  // Constant columns (a bias column) are left as they are rather than divided by zero.
  for (let j = 0; j < width; j++) {
    const sd = Math.sqrt(scale[j]!);
    if (sd < 1e-12) {
      mean[j] = 0;
      scale[j] = 1;
    } else scale[j] = sd;
  }
  return { mean, scale };
}

export function predictLogistic(model: LogisticModel, row: readonly number[]): number {
  let z = 0;
  for (let j = 0; j < model.weights.length; j++) {
    z += model.weights[j]! * ((row[j]! - model.mean[j]!) / model.scale[j]!);
  }
  return sigmoid(z);
}

export function trainLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: LogisticOptions = {},
): LogisticModel {
  const width = rows[0]?.length ?? 0;
  const { mean, scale } = standardisation(rows, width);
  const x = rows.map((r) => r.map((v, j) => (v - mean[j]!) / scale[j]!));
  const l2 = options.l2 ?? 1e-3;
  const lr = options.learningRate ?? 0.5;
  const rw = options.rowWeights ?? rows.map(() => 1);
  const total = rw.reduce((s, w) => s + w, 0) || 1;
  const weights = new Array<number>(width).fill(0);
  for (let step = 0; step < (options.steps ?? 400); step++) {
    const grad = weights.map((w) => l2 * w);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      let z = 0;
      for (let j = 0; j < width; j++) z += weights[j]! * xi[j]!;
      const err = ((sigmoid(z) - labels[i]!) * rw[i]!) / total;
      for (let j = 0; j < width; j++) grad[j]! += err * xi[j]!;
    }
    for (let j = 0; j < width; j++) {
      weights[j]! -= lr * grad[j]!;
      if (options.nonNegative?.[j] && weights[j]! < 0) weights[j] = 0;
    }
  }
  return { weights, mean, scale };
}
