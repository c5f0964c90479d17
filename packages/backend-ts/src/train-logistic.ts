import { sigmoid, softplus } from "@calibra/core";
import { type CalibraModelJson, MODEL_FORMAT, MODEL_VERSION } from "./model-format.js";
import { checkOption, prepareTrainingData, type TrainingFeatures } from "./training-data.js";

/** Default L2 penalty λ on the coefficients (not the intercept), per row of the mean loss. */
export const DEFAULT_L2 = 1e-4;
/** Newton iteration cap: the solve usually converges in 10–30 steps. */
export const DEFAULT_LOGISTIC_MAX_ITERATIONS = 100;
/** Convergence: stop when every gradient component is below this (the objective is a per-row mean). */
export const LOGISTIC_GRADIENT_TOLERANCE = 1e-10;
/** Armijo constant of the backtracking line search. */
const ARMIJO = 1e-4;
/** Fewest step halvings before giving up on a direction. */
const MAX_HALVINGS = 60;
/** First Levenberg damping tried when the Hessian is not numerically positive definite. */
const INITIAL_DAMPING = 1e-10;

/** Options of {@link trainLogistic}. */
export interface LogisticTrainingOptions {
  /** L2 penalty λ/2·‖β‖² added to the mean loss; the intercept is not penalised. Default 1e-4. */
  readonly l2?: number;
  /** Weight of each positive row's loss, as PyTorch's `BCEWithLogitsLoss(pos_weight)`. Default 1. */
  readonly posWeight?: number;
  /** Standardise features (stored in the model) before fitting. Default true. */
  readonly standardize?: boolean;
  /** Newton iteration cap. Default 100. */
  readonly maxIterations?: number;
  /** Feature names to store in the model. */
  readonly featureNames?: readonly string[];
}

/** Cholesky solve of (A + damping·I) x = b for a d × d symmetric A (row-major); false when not positive definite. */
function choleskySolve(
  matrix: Float64Array,
  rhs: Float64Array,
  d: number,
  damping: number,
  out: Float64Array,
  lower: Float64Array,
): boolean {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (matrix[i * d + j] as number) + (i === j ? damping : 0);
      for (let k = 0; k < j; k++) sum -= (lower[i * d + k] as number) * (lower[j * d + k] as number);
      if (i === j) {
        if (!(sum > 0)) return false;
        lower[i * d + i] = Math.sqrt(sum);
      } else {
        lower[i * d + j] = sum / (lower[j * d + j] as number);
      }
    }
  }
  for (let i = 0; i < d; i++) {
    let sum = rhs[i] as number;
    for (let k = 0; k < i; k++) sum -= (lower[i * d + k] as number) * (out[k] as number);
    out[i] = sum / (lower[i * d + i] as number);
  }
  for (let i = d - 1; i >= 0; i--) {
    let sum = out[i] as number;
    for (let k = i + 1; k < d; k++) sum -= (lower[k * d + i] as number) * (out[k] as number);
    out[i] = sum / (lower[i * d + i] as number);
  }
  return true;
}

/**
 * Fits L2-penalised, class-weighted logistic regression by damped Newton (IRLS) with the exact Hessian and returns
 * it as a `kind: "logistic"` Calibra model. It minimises
 *
 *   f(β, c) = (1/N) Σᵢ wᵢ [softplus(zᵢ) − yᵢ zᵢ] + (λ/2)‖β‖²,   zᵢ = β·xᵢ + c,   wᵢ = posWeight if yᵢ = 1 else 1,
 *
 * i.e. PyTorch's `BCEWithLogitsLoss(pos_weight=posWeight)` (mean reduction) plus weight decay on β. Each step solves
 * (H + μI) Δ = −∇f by Cholesky (μ = 0 unless H is not numerically positive definite) and backtracks until the
 * Armijo condition holds. With posWeight = 1 the intercept's stationarity gives mean p̂ = prevalence on the
 * training rows.
 */
export function trainLogistic(
  features: TrainingFeatures,
  labels: ArrayLike<number>,
  options: LogisticTrainingOptions = {},
): CalibraModelJson {
  const l2 = checkOption("l2", options.l2 ?? DEFAULT_L2, (v) => v >= 0, "≥ 0");
  const posWeight = checkOption("posWeight", options.posWeight ?? 1, (v) => v > 0, "> 0");
  const maxIterations = checkOption(
    "maxIterations",
    options.maxIterations ?? DEFAULT_LOGISTIC_MAX_ITERATIONS,
    (v) => Number.isInteger(v) && v >= 1,
    "a positive integer",
  );
  const data = prepareTrainingData(features, labels, options.standardize ?? true, options.featureNames);
  const { rows, columns, labels: y } = data;
  const x = data.features;
  const d = columns + 1; // coefficients, then the intercept
  const theta = new Float64Array(d);
  const candidate = new Float64Array(d);
  const gradient = new Float64Array(d);
  const hessian = new Float64Array(d * d);
  const lower = new Float64Array(d * d);
  const step = new Float64Array(d);
  const negGradient = new Float64Array(d);

  const objective = (params: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      let z = params[columns] as number;
      for (let j = 0; j < columns; j++) z += (params[j] as number) * (x[i * columns + j] as number);
      loss += y[i] === 1 ? posWeight * softplus(-z) : softplus(z);
    }
    let penalty = 0;
    for (let j = 0; j < columns; j++) penalty += (params[j] as number) ** 2;
    return loss / rows + 0.5 * l2 * penalty;
  };

  let current = objective(theta);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < rows; i++) {
      let z = theta[columns] as number;
      const offset = i * columns;
      for (let j = 0; j < columns; j++) z += (theta[j] as number) * (x[offset + j] as number);
      const p = sigmoid(z);
      const weight = y[i] === 1 ? posWeight : 1;
      const residual = weight * (p - (y[i] as number));
      const curvature = weight * p * (1 - p);
      for (let j = 0; j < columns; j++) {
        const xj = x[offset + j] as number;
        gradient[j] = (gradient[j] as number) + residual * xj;
        const scaled = curvature * xj;
        for (let k = 0; k <= j; k++)
          hessian[j * d + k] = (hessian[j * d + k] as number) + scaled * (x[offset + k] as number);
        hessian[columns * d + j] = (hessian[columns * d + j] as number) + scaled;
      }
      gradient[columns] = (gradient[columns] as number) + residual;
      hessian[columns * d + columns] = (hessian[columns * d + columns] as number) + curvature;
    }
    let largest = 0;
    for (let j = 0; j < d; j++) {
      gradient[j] = (gradient[j] as number) / rows + (j < columns ? l2 * (theta[j] as number) : 0);
      largest = Math.max(largest, Math.abs(gradient[j] as number));
      negGradient[j] = -(gradient[j] as number);
    }
    if (largest < LOGISTIC_GRADIENT_TOLERANCE) break;
    for (let j = 0; j < d; j++) {
      for (let k = 0; k <= j; k++) {
        const value = (hessian[j * d + k] as number) / rows + (j === k && j < columns ? l2 : 0);
        hessian[j * d + k] = value;
        hessian[k * d + j] = value;
      }
    }
    let damping = 0;
    while (!choleskySolve(hessian, negGradient, d, damping, step, lower)) {
      damping = damping === 0 ? INITIAL_DAMPING : damping * 10;
    }
    let slope = 0;
    for (let j = 0; j < d; j++) slope += (gradient[j] as number) * (step[j] as number);
    let size = 1;
    let accepted = false;
    for (let halving = 0; halving < MAX_HALVINGS; halving++) {
      for (let j = 0; j < d; j++) candidate[j] = (theta[j] as number) + size * (step[j] as number);
      const value = objective(candidate);
      if (value <= current + ARMIJO * size * slope) {
        theta.set(candidate);
        current = value;
        accepted = true;
        break;
      }
      size /= 2;
    }
    if (!accepted) break; // no further decrease is representable: at the optimum to rounding
  }

  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind: "logistic",
    inputs: columns,
    ...(data.standardize ? { standardize: data.standardize } : {}),
    layers: [
      {
        weights: [Array.from(theta.subarray(0, columns))],
        bias: [theta[columns] as number],
        activation: "linear",
      },
    ],
    output: "logit",
    ...(options.featureNames ? { featureNames: [...options.featureNames] } : {}),
  };
}
