// Plain, independent arithmetic for the tests: the beta features, log loss and its gradient written out with
// Math.exp / Math.log1p, sharing no code with the package (nor with core's stable functions), so that a test
// comparing the two can fail.

/** ln σ(z), by the textbook two-branch formula. */
export function plainLogScore(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

/** −ln(1 − σ(z)). */
export function plainNegativeLogComplement(z: number): number {
  return z >= 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** −log P(y | η) for a logistic model. */
function rowLoss(eta: number, label: number): number {
  const u = label === 1 ? -eta : eta; // loss = log(1 + e^u)
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

/** P(y = 1 | η). */
function probability(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** A linear logistic model's rows: feature values per row, and a function giving η from them. */
export interface LinearModel {
  /** Feature columns (one value per row each). */
  readonly columns: readonly Float64Array[];
  /** Coefficients of the columns. */
  readonly coefficients: readonly number[];
  /** Intercept (0 without one). */
  readonly intercept: number;
}

/** Summed weighted log loss. */
export function plainLogLoss(
  model: LinearModel,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    let eta = model.intercept;
    model.columns.forEach((column, j) => {
      eta += (model.coefficients[j] as number) * (column[i] as number);
    });
    sum += (weights?.[i] ?? 1) * rowLoss(eta, labels[i] as number);
  }
  return sum;
}

/**
 * Gradient of the summed weighted log loss with respect to each coefficient and (last) the intercept, each divided
 * by Σ wᵢ·|xᵢⱼ| (Σ wᵢ for the intercept), so that 1e-9 means "zero to nine digits" whatever the feature's scale.
 */
export function plainRelativeGradient(
  model: LinearModel,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number[] {
  const k = model.columns.length;
  const gradient = new Array<number>(k + 1).fill(0);
  const scale = new Array<number>(k + 1).fill(0);
  for (let i = 0; i < labels.length; i++) {
    let eta = model.intercept;
    for (let j = 0; j < k; j++) {
      eta += (model.coefficients[j] as number) * ((model.columns[j] as Float64Array)[i] as number);
    }
    const w = weights?.[i] ?? 1;
    const residual = w * (probability(eta) - (labels[i] as number));
    for (let j = 0; j < k; j++) {
      const x = (model.columns[j] as Float64Array)[i] as number;
      gradient[j] = (gradient[j] as number) + residual * x;
      scale[j] = (scale[j] as number) + w * Math.abs(x);
    }
    gradient[k] = (gradient[k] as number) + residual;
    scale[k] = (scale[k] as number) + w;
  }
  return gradient.map((g, j) => g / Math.max(scale[j] as number, Number.MIN_VALUE));
}

/** The beta features of every row: [ln s, −ln(1 − s)] (shifted by ±ln 2 for "ab"). */
export function plainBetaColumns(logOdds: ArrayLike<number>, shift = 0): [Float64Array, Float64Array] {
  const first = Float64Array.from(logOdds, (z) => plainLogScore(z) + shift);
  const second = Float64Array.from(logOdds, (z) => plainNegativeLogComplement(z) - shift);
  return [first, second];
}

/** The summed log loss of beta parameters (a, b, c) on labelled log-odds: logit p = a·ln s − b·ln(1 − s) + c. */
export function plainBetaLogLoss(
  params: { a: number; b: number; c: number },
  logOdds: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  return plainLogLoss(
    { columns: plainBetaColumns(logOdds), coefficients: [params.a, params.b], intercept: params.c },
    labels,
    weights,
  );
}

/** Mean log loss of probabilities, clipped to [1e-15, 1 − 1e-15] as scikit-learn's `log_loss` does. */
export function meanLogLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i] as number, 1e-15), 1 - 1e-15);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}
