/**
 * A deliberately naive linear classifier for the walk-through: Gaussian class-conditional densities with a
 * shared diagonal covariance (linear discriminant analysis under an independence assumption). Its output is a
 * genuine log-odds, but treating 30 strongly correlated measurements as independent evidence makes it wildly
 * over-confident — the kind of model calibration exists for.
 */
export interface NaiveLinearModel {
  readonly weights: Float64Array;
  readonly bias: number;
}

/** Fits the model on row-major features (`rows × columns`) and 0/1 labels. */
export function fitNaiveLinearModel(
  features: Float64Array,
  columns: number,
  labels: Uint8Array,
): NaiveLinearModel {
  const rows = labels.length;
  const sums = [new Float64Array(columns), new Float64Array(columns)] as const;
  const counts = [0, 0];
  for (let i = 0; i < rows; i++) {
    const y = labels[i] as 0 | 1;
    counts[y] = (counts[y] as number) + 1;
    for (let j = 0; j < columns; j++)
      sums[y][j] = (sums[y][j] as number) + (features[i * columns + j] as number);
  }
  const [n0, n1] = counts as [number, number];
  const mean0 = sums[0].map((s) => s / n0);
  const mean1 = sums[1].map((s) => s / n1);
  const pooledVariance = new Float64Array(columns);
  for (let i = 0; i < rows; i++) {
    const mean = labels[i] === 1 ? mean1 : mean0;
    for (let j = 0; j < columns; j++) {
      const d = (features[i * columns + j] as number) - (mean[j] as number);
      pooledVariance[j] = (pooledVariance[j] as number) + (d * d) / (rows - 2);
    }
  }
  const weights = new Float64Array(columns);
  let bias = Math.log(n1 / n0);
  for (let j = 0; j < columns; j++) {
    const w = ((mean1[j] as number) - (mean0[j] as number)) / (pooledVariance[j] as number);
    weights[j] = w;
    bias -= (w * ((mean1[j] as number) + (mean0[j] as number))) / 2;
  }
  return { weights, bias };
}

/** The model's log-odds of the positive class for each row. */
export function naiveLogOdds(model: NaiveLinearModel, features: Float64Array, columns: number): Float64Array {
  const rows = features.length / columns;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = model.bias;
    for (let j = 0; j < columns; j++)
      z += (model.weights[j] as number) * (features[i * columns + j] as number);
    out[i] = z;
  }
  return out;
}
