import { softplus } from "@calibra/core";
import { dampedSolveWorkspace, solveDampedSymmetric } from "./damped-cholesky.js";

/**
 * Weighted logistic regression with a few features, solved by a safeguarded Newton method (iteratively reweighted
 * least squares with the exact Hessian).
 *
 * Minimises  f(β, c) = Σᵢ wᵢ·[softplus(ηᵢ) − yᵢ·ηᵢ] + (λ/2)·‖β‖²,  ηᵢ = Σⱼ βⱼ·xᵢⱼ + c,
 * the weighted log loss plus an L2 penalty on the coefficients (never on the intercept c), as scikit-learn's
 * `LogisticRegression(C)` does with λ = 1/C. f is convex, so a stationary point is the minimum.
 *
 * Safeguards, each for a case calibration data do produce:
 * - feature columns are rescaled by exact powers of two so the largest magnitude is in [½, 1): log-odds up to
 *   ±1e308 then give finite gradient and Hessian sums (x² would overflow);
 * - the Newton system is Jacobi-scaled and Levenberg-damped when near-singular (see `damped-cholesky.ts`): all
 *   scores equal makes the features collinear with the intercept;
 * - every step is checked by a backtracking (Armijo) line search on the objective, accurate to a few ulps by
 *   compensated summation: separated data push the coefficients out along exponential tails where a full Newton
 *   step can overshoot;
 * - the iteration stops when the gradient is zero to working precision, at the precision floor (no measurable
 *   decrease left), on non-finite sums, or after
 *   {@link MAX_NEWTON_ITERATIONS}, always returning finite parameters whose objective is no worse than the start's
 *   (up to the rounding slack {@link OBJECTIVE_ROUNDING}).
 *
 * Each iteration is O(rows·k²) for k ≤ 3 unknowns; nothing is allocated inside the per-row loops.
 */

/**
 * Cap on Newton iterations. Ordinary data converge in 5–10. Perfectly separated data take the longest: each step
 * then grows the margin by about one unit of log-odds until the penalty 1/C binds near a margin of ln(C) ≈ 25, so
 * about 30 steps; 200 leaves a wide margin while bounding the cost.
 */
export const MAX_NEWTON_ITERATIONS = 200;

/**
 * Halvings of a Newton step before the direction is given up: 2⁻⁶⁰ ≈ 1e-18 of the Newton step is below what the
 * objective can resolve.
 */
export const MAX_STEP_HALVINGS = 60;

/** Armijo's sufficient-decrease fraction: a step of length t must gain ARMIJO_FRACTION·t of the predicted decrease. */
export const ARMIJO_FRACTION = 1e-4;

/**
 * Converged when half the Newton decrement, ½·gᵀH⁻¹g ≈ f − f*, is below this fraction of the total weight. At that
 * point the parameters are within about 1e-12 (in the Hessian's norm, per unit of weight) of the optimum, near the
 * floor set by rounding in the gradient sums (about ε²·total weight).
 */
export const DECREMENT_TOLERANCE = 1e-24;

/**
 * Relative rounding slack in objective comparisons. The objective is a compensated sum of non-negative terms, each
 * accurate to a few ulps, so two evaluations that differ by less than 16·ε·f are indistinguishable; the line search
 * accepts a step within that slack, which keeps Newton's quadratic convergence once f stops resolving progress.
 */
export const OBJECTIVE_ROUNDING = 16 * Number.EPSILON;

/**
 * The gradient is zero to working precision when every component is below this multiple of the sum of the
 * magnitudes of its terms, Σᵢ|wᵢ·(σ(ηᵢ) − yᵢ)·xᵢⱼ|: a plain sum of such terms carries rounding of that order,
 * so a Newton step computed from it would move along noise. This matters where the Hessian is singular (all
 * scores equal): a noise gradient there would push the parameters along the unidentified direction.
 */
export const GRADIENT_ROUNDING = 8 * Number.EPSILON;

/** A weighted logistic regression problem. */
export interface LogisticRegressionProblem {
  /** Feature columns xⱼ, each with one value per row. */
  readonly features: readonly Float64Array[];
  /** 1 = positive, 0 = negative. */
  readonly labels: Uint8Array;
  /** Non-negative row weights, or `undefined` for unit weights. */
  readonly weights: Float64Array | undefined;
  /** Whether to fit an (unpenalised) intercept c. */
  readonly fitIntercept: boolean;
  /** The L2 strength λ on the coefficients (1/C in scikit-learn's terms); 0 for none. */
  readonly l2: number;
}

/** How the Newton iteration ended. */
export type NewtonStatus =
  /** The Newton decrement fell below {@link DECREMENT_TOLERANCE}, or the gradient is zero to working precision. */
  | "converged"
  /** No step could decrease the objective measurably any more: the optimum to the objective's precision. */
  | "precision-floor"
  /** Sums overflowed or the Newton system could not be solved; the last finite iterate is returned. */
  | "stopped"
  /** {@link MAX_NEWTON_ITERATIONS} were used up. */
  | "iteration-cap";

/** The fitted model. */
export interface LogisticRegressionFit {
  /** βⱼ, one per feature column, in the columns' own units. */
  readonly coefficients: Float64Array;
  /** c, or 0 without an intercept. */
  readonly intercept: number;
  /** f at the returned parameters (log loss plus penalty). */
  readonly objective: number;
  /** Newton iterations taken. */
  readonly iterations: number;
  readonly status: NewtonStatus;
}

/** Neumaier's compensated sum of w·softplus(±(η + t·Δη)), the weighted log loss along a line. */
function logLossAlong(
  eta: Float64Array,
  direction: Float64Array | undefined,
  stepLength: number,
  labels: Uint8Array,
  weights: Float64Array | undefined,
): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < eta.length; i++) {
    const weight = weights === undefined ? 1 : (weights[i] as number);
    if (weight === 0) continue;
    const value =
      direction === undefined
        ? (eta[i] as number)
        : (eta[i] as number) + stepLength * (direction[i] as number);
    // −log P(yᵢ | ηᵢ) = softplus(−η) for a positive row, softplus(η) for a negative one: no cancellation.
    const term = weight * softplus(labels[i] === 1 ? -value : value);
    const total = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
    sum = total;
  }
  return sum + compensation;
}

/** (λ/2)·Σⱼ λⱼ-weighted squares of the coefficients along a line. */
function penaltyAlong(
  theta: Float64Array,
  step: Float64Array,
  stepLength: number,
  penalty: Float64Array,
  coefficients: number,
): number {
  let sum = 0;
  for (let j = 0; j < coefficients; j++) {
    const value = (theta[j] as number) + stepLength * (step[j] as number);
    sum += 0.5 * (penalty[j] as number) * value * value;
  }
  return sum;
}

/**
 * Exponent range of the column scales: 2^1024 overflows, and 2^−1024 is the smallest power of two that keeps a
 * column of ±1.8e308 finite. Columns below 2^−1000 in magnitude are scaled by 2^1000 and stay small: harmless.
 */
const SCALE_EXPONENT_RANGE = { smallest: -1000, largest: 1024 } as const;

/** A power of two that brings max|x| into [½, 1) (exact: only the exponent changes); 1 for an all-zero column. */
function powerOfTwoScale(column: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < column.length; i++) {
    const magnitude = Math.abs(column[i] as number);
    if (magnitude > largest) largest = magnitude;
  }
  if (largest === 0 || !Number.isFinite(largest)) return 1;
  const exponent = Math.min(
    Math.max(Math.floor(Math.log2(largest)) + 1, SCALE_EXPONENT_RANGE.smallest),
    SCALE_EXPONENT_RANGE.largest,
  );
  return 2 ** -exponent;
}

/**
 * Fits a weighted, L2-penalised logistic regression by safeguarded Newton (see the module comment). Starts from
 * β = 0 and, with an intercept, c = logit(weighted prevalence), which is the exact answer when no feature helps.
 */
export function fitLogisticRegression(problem: LogisticRegressionProblem): LogisticRegressionFit {
  const { labels, weights, fitIntercept, l2 } = problem;
  const rows = labels.length;
  const featureCount = problem.features.length;
  const size = featureCount + (fitIntercept ? 1 : 0);

  // Exact power-of-two rescaling: x̃ = x·q, β̃ = β/q, and the penalty (λ/2)·β² becomes (λ·q²/2)·β̃².
  const scales = new Float64Array(featureCount);
  const columns: Float64Array[] = [];
  const penalty = new Float64Array(featureCount);
  for (let j = 0; j < featureCount; j++) {
    const source = problem.features[j] as Float64Array;
    const scale = powerOfTwoScale(source);
    scales[j] = scale;
    penalty[j] = l2 * scale * scale;
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i++) column[i] = (source[i] as number) * scale;
    columns.push(column);
  }

  let positiveWeight = 0;
  let totalWeight = 0;
  for (let i = 0; i < rows; i++) {
    const weight = weights === undefined ? 1 : (weights[i] as number);
    totalWeight += weight;
    if (labels[i] === 1) positiveWeight += weight;
  }

  // θ = [β̃₀ … β̃ₖ₋₁, c].
  const theta = new Float64Array(size);
  if (fitIntercept && positiveWeight > 0 && positiveWeight < totalWeight) {
    theta[featureCount] = Math.log(positiveWeight) - Math.log(totalWeight - positiveWeight);
  }
  const gradient = new Float64Array(size);
  const gradientMagnitude = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  const step = new Float64Array(size);
  const rowFeatures = new Float64Array(size);
  const workspace = dampedSolveWorkspace(size);
  const eta = new Float64Array(rows);
  const etaDirection = new Float64Array(rows);

  const linearPredictor = (target: Float64Array, parameters: Float64Array) => {
    const intercept = fitIntercept ? (parameters[featureCount] as number) : 0;
    for (let i = 0; i < rows; i++) {
      let value = intercept;
      for (let j = 0; j < featureCount; j++) {
        value += (parameters[j] as number) * ((columns[j] as Float64Array)[i] as number);
      }
      target[i] = value;
    }
  };

  linearPredictor(eta, theta);
  let objective =
    logLossAlong(eta, undefined, 0, labels, weights) + penaltyAlong(theta, step, 0, penalty, featureCount);
  let status: NewtonStatus = "iteration-cap";
  let iterations = 0;

  while (iterations < MAX_NEWTON_ITERATIONS) {
    iterations++;
    gradient.fill(0);
    gradientMagnitude.fill(0);
    hessian.fill(0);
    if (fitIntercept) rowFeatures[featureCount] = 1;
    for (let i = 0; i < rows; i++) {
      const weight = weights === undefined ? 1 : (weights[i] as number);
      if (weight === 0) continue;
      const value = eta[i] as number;
      // σ(η) and σ(−η) = 1 − σ(η) from one exponential of −|η| (never overflows): the larger is 1/(1 + e),
      // the smaller e/(1 + e), both to full relative precision.
      const tail = Math.exp(-Math.abs(value));
      const larger = 1 / (1 + tail);
      const smaller = tail * larger;
      const probability = value >= 0 ? larger : smaller;
      const complement = value >= 0 ? smaller : larger;
      // σ(η) − y, without cancellation when y = 1: 1 − σ(η) = σ(−η).
      const residual = weight * (labels[i] === 1 ? -complement : probability);
      const curvature = weight * probability * complement;
      for (let j = 0; j < featureCount; j++) rowFeatures[j] = (columns[j] as Float64Array)[i] as number;
      for (let j = 0; j < size; j++) {
        const xj = rowFeatures[j] as number;
        gradient[j] = (gradient[j] as number) + residual * xj;
        gradientMagnitude[j] = (gradientMagnitude[j] as number) + Math.abs(residual * xj);
        const scaledX = curvature * xj;
        for (let l = 0; l <= j; l++) {
          hessian[j * size + l] = (hessian[j * size + l] as number) + scaledX * (rowFeatures[l] as number);
        }
      }
    }
    for (let j = 0; j < featureCount; j++) {
      const penaltyGradient = (penalty[j] as number) * (theta[j] as number);
      gradient[j] = (gradient[j] as number) + penaltyGradient;
      gradientMagnitude[j] = (gradientMagnitude[j] as number) + Math.abs(penaltyGradient);
      hessian[j * size + j] = (hessian[j * size + j] as number) + (penalty[j] as number);
    }
    let atRoundingLevel = true;
    for (let j = 0; j < size; j++) {
      atRoundingLevel &&=
        Math.abs(gradient[j] as number) <= GRADIENT_ROUNDING * (gradientMagnitude[j] as number);
    }
    if (atRoundingLevel) {
      status = "converged";
      break;
    }
    let finite = true;
    for (let j = 0; j < size; j++) {
      finite &&= Number.isFinite(gradient[j] as number);
      for (let l = 0; l < j; l++) hessian[l * size + j] = hessian[j * size + l] as number;
      for (let l = 0; l <= j; l++) finite &&= Number.isFinite(hessian[j * size + l] as number);
    }
    if (!finite) {
      status = "stopped";
      break;
    }
    for (let j = 0; j < size; j++) gradient[j] = -(gradient[j] as number);
    if (solveDampedSymmetric(hessian, gradient, size, step, workspace) < 0) {
      status = "stopped";
      break;
    }
    // The Newton decrement gᵀH⁻¹g (with g = −gradient now stored in `gradient`): twice the predicted decrease.
    let decrement = 0;
    for (let j = 0; j < size; j++) decrement += (gradient[j] as number) * (step[j] as number);
    if (!(decrement > 0)) {
      status = "converged";
      break;
    }

    // Δη = Σⱼ δⱼ·x̃ᵢⱼ + δ_c: the line search then costs one pass per trial, with no matrix products.
    linearPredictor(etaDirection, step);
    let stepLength = 1;
    let accepted = false;
    let trialObjective = objective;
    for (let halving = 0; halving <= MAX_STEP_HALVINGS; halving++) {
      trialObjective =
        logLossAlong(eta, etaDirection, stepLength, labels, weights) +
        penaltyAlong(theta, step, stepLength, penalty, featureCount);
      if (
        trialObjective <=
        objective - ARMIJO_FRACTION * stepLength * decrement + OBJECTIVE_ROUNDING * objective
      ) {
        accepted = true;
        break;
      }
      stepLength *= 0.5;
    }
    if (!accepted) {
      status = "precision-floor";
      break;
    }
    for (let j = 0; j < size; j++) theta[j] = (theta[j] as number) + stepLength * (step[j] as number);
    // η is recomputed from θ (no drift from accumulated updates); the objective is the accepted trial's, which
    // differs from f(θ) by rounding only, and saves a pass of logarithms.
    linearPredictor(eta, theta);
    const previous = objective;
    objective = trialObjective;
    if (stepLength === 1 && decrement / 2 <= DECREMENT_TOLERANCE * totalWeight) {
      status = "converged";
      break;
    }
    if (!(objective < previous) && decrement / 2 <= OBJECTIVE_ROUNDING * previous) {
      status = "precision-floor";
      break;
    }
  }

  const coefficients = new Float64Array(featureCount);
  for (let j = 0; j < featureCount; j++) coefficients[j] = (theta[j] as number) * (scales[j] as number);
  return {
    coefficients,
    intercept: fitIntercept ? (theta[featureCount] as number) : 0,
    objective,
    iterations,
    status,
  };
}
