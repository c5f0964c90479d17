import { type FitData, logit } from "@calibra/core";
import { logOddsScale, MAX_STEEPNESS, MIN_STEEPNESS, temperatureFromSteepness } from "./limits.js";
import { accumulateLogLossDerivatives, LogLossDerivatives } from "./log-loss-derivatives.js";
import { type Evaluation, solveMonotone } from "./safeguarded-newton.js";
import { fitSteepnessAndIntercept } from "./steepness-and-intercept.js";
import { withWellScaledWeights } from "./weights.js";

/**
 * Stop at once when |∂ℓ/∂κ| / Σ wᵢ = |Σ wᵢ(pᵢ − yᵢ)uᵢ| / Σ wᵢ is below this (uᵢ = zᵢ / S lies in [−1, 1], so this
 * is a mean residual): the rounding level of a single term, so it only catches gradients that are zero in floating
 * point — an exact fit, or the floor on data whose scores say nothing. Ordinary fits stop on the step size. (The
 * fit with the bias applies the same ε to its profile gradient, and asks in addition that Newton would not move κ:
 * see {@link fitSteepnessAndIntercept}.)
 */
export const GRADIENT_TOLERANCE = Number.EPSILON;

/**
 * Stop when a step in κ is shorter than this relative to κ. Newton converges quadratically: a Newton step of
 * relative size 10⁻¹² means the error before it was about that, and after it about its square, so the point where
 * the fit stops (evaluated after that step) is exact to rounding. The same bound ends bisection, in the rare fits
 * where Newton cannot be used near the optimum.
 */
const STEEPNESS_STEP_TOLERANCE = 1e-12;

/**
 * At most this many evaluations of the profile gradient. Geometric bisection alone narrows [10⁻¹², 10⁶] (a span of
 * ln 10¹⁸ ≈ 41) to the step tolerance in log₂(41 / 10⁻¹²) ≈ 45 halvings; Newton usually converges in under 10.
 */
const MAX_STEEPNESS_ITERATIONS = 200;

/** Which constraint, if any, decided the fitted temperature. */
export type TemperatureLimit = "none" | "floor" | "cap";

/** The outcome of a temperature-scaling fit, with what the fitted parameters alone do not say. */
export interface TemperatureFit {
  /** T = S / κ. */
  readonly temperature: number;
  /** c (0 when the bias is off). */
  readonly bias: number;
  /** κ = S / T = S·β: the inverse temperature in units of the data's scale. */
  readonly steepness: number;
  /** S = max(1, max |zᵢ|) over rows with positive weight. */
  readonly scale: number;
  /**
   * `floor`: β = β_min (T at its largest; the scores carry no usable information, or are reversed);
   * `cap`: β = β_max (T at its smallest; the data are perfectly separated, or the optimum lies beyond the cap);
   * `none`: an interior optimum.
   */
  readonly limit: TemperatureLimit;
  /**
   * Steepnesses evaluated: evaluations of ∂ℓ/∂κ without the bias, of the profile gradient (∂ℓ/∂κ at the Newton-
   * corrected intercept) with it.
   */
  readonly iterations: number;
  /**
   * O(n) passes over the data in all: `iterations` without the bias; with it, one per steepness plus any extra
   * corrections of the intercept.
   */
  readonly passes: number;
  /** False only if an iteration cap ran out before the tolerances were met. */
  readonly converged: boolean;
}

/**
 * Fits temperature scaling, p = σ(z / T) or p = σ(z / T + c), by maximum likelihood (Guo, Pleiss, Sun & Weinberger,
 * "On Calibration of Modern Neural Networks", ICML 2017, binary form).
 *
 * The negative log-likelihood Σ wᵢ[softplus(βzᵢ + c) − yᵢ(βzᵢ + c)] is convex in the inverse temperature β = 1/T and
 * c, not in T. The fit therefore works in β, scaled by S = max(1, max|zᵢ|) so that it is the same at every unit:
 * κ = Sβ, uᵢ = zᵢ / S, ℓ(κ, c) = Σ wᵢ[softplus(κuᵢ + c) − yᵢ(κuᵢ + c)].
 *
 * Without the bias it finds the root of the increasing ∂ℓ/∂κ by a safeguarded Newton method (Newton inside a
 * shrinking bracket, bisection when Newton overshoots or stalls).
 *
 * With the bias the model is shift-invariant, σ(κuᵢ + c) = σ(κ(uᵢ − m) + c′) with c = c′ − κm, and the fit works with
 * the centred scores vᵢ = uᵢ − m, m the weighted mean of uᵢ: then κ and c′ are nearly uncoupled and every sum the fit
 * needs is free of cancellation, even for scores crowded far from 0 (where κ and c would be almost collinear). It
 * takes joint 2×2 Newton steps on (κ, c′), safeguarded by a bracket on κ — see {@link fitSteepnessAndIntercept} —
 * and maps back to c at the end. Every fit stops after a bounded number of O(n) passes.
 *
 * κ is kept in [MIN_STEEPNESS, MAX_STEEPNESS] (T in [S·10⁻⁶, S·10¹²]) because T must stay positive and finite:
 * reversed or uninformative scores stop at the floor, where predictions are σ(c) (the prevalence with the bias,
 * ½ without); perfectly separated data stop at the cap — and so do scores whose spread is so small next to S that
 * the likelihood still rises at T = S·10⁻⁶. When every row has the same log-odds and the bias is on (or every
 * log-odds value is 0), β cannot be identified at all: the fit takes the floor and predicts the prevalence (½
 * without the bias).
 */
export function fitTemperatureScaling(input: FitData, withBias: boolean): TemperatureFit {
  const data = withWellScaledWeights(input);
  const scale = logOddsScale(data);
  const inverseScale = 1 / scale;
  const totalWeight = data.positiveWeight + data.negativeWeight;
  let minScaled = Number.POSITIVE_INFINITY;
  let maxScaled = Number.NEGATIVE_INFINITY;
  let weightedSum = 0;
  let highestNegative = Number.NEGATIVE_INFINITY;
  let lowestPositive = Number.POSITIVE_INFINITY;
  for (let i = 0; i < data.rows; i++) {
    const weight = data.weights === undefined ? 1 : (data.weights[i] as number);
    if (weight === 0) continue;
    const u = (data.logOdds[i] as number) * inverseScale;
    if (u < minScaled) minScaled = u;
    if (u > maxScaled) maxScaled = u;
    weightedSum += weight * u;
    if (data.labels[i] === 1) {
      if (u < lowestPositive) lowestPositive = u;
    } else if (u > highestNegative) highestNegative = u;
  }
  const derivatives = new LogLossDerivatives();

  if (withBias) {
    // Any m gives the same model; the weighted mean (kept inside the data's range against rounding) is the one that
    // uncouples κ and c′. When every score is equal, m is that score and every vᵢ is exactly 0.
    const centre = Math.min(Math.max(weightedSum / totalWeight, minScaled), maxScaled);
    const fit = fitSteepnessAndIntercept(
      {
        data,
        inverseScale,
        centre,
        minCentred: minScaled - centre,
        maxCentred: maxScaled - centre,
        derivatives,
        scratch: { value: 0, slope: 0 },
      },
      // The intercept that matches the prevalence when the scores are ignored: the optimum at the floor.
      logit(data.positiveWeight / totalWeight),
      { highestNegative: highestNegative - centre, lowestPositive: lowestPositive - centre },
    );
    const { steepness } = fit;
    return {
      temperature: temperatureFromSteepness(scale, steepness),
      bias: fit.centredBias - steepness * centre,
      steepness,
      scale,
      limit: limitOf(steepness),
      iterations: fit.iterations,
      passes: fit.passes,
      converged: fit.converged,
    };
  }

  let passes = 0;
  const evaluate = (steepness: number, result: Evaluation): void => {
    accumulateLogLossDerivatives(data, inverseScale, 0, steepness, 0, derivatives);
    passes += 1;
    result.slope = derivatives.steepnessCurvature / totalWeight;
    result.value = derivatives.steepnessGradient / totalWeight;
  };

  const scratch: Evaluation = { value: 0, slope: 0 };
  if (minScaled === maxScaled && maxScaled === 0) {
    evaluate(MIN_STEEPNESS, scratch);
    return {
      temperature: temperatureFromSteepness(scale, MIN_STEEPNESS),
      bias: 0,
      steepness: MIN_STEEPNESS,
      scale,
      limit: "floor",
      iterations: 1,
      passes,
      converged: true,
    };
  }

  const root = solveMonotone(
    {
      evaluate,
      lower: MIN_STEEPNESS,
      upper: MAX_STEEPNESS,
      // From the floor, where the signs are settled first: if ∂ℓ/∂κ ≥ 0 there the scores are of no use and the fit
      // ends at once. Otherwise the first Newton step from κ ≈ 0 is the discriminant-like estimate, and without the
      // bias ∂ℓ/∂κ is concave in κ (∂³ℓ/∂κ³ = Σ wᵢpᵢ(1 − pᵢ)(1 − 2pᵢ)uᵢ³ ≤ 0), so Newton from the left climbs to
      // the root without overshooting it.
      start: MIN_STEEPNESS,
      valueTolerance: GRADIENT_TOLERANCE,
      scale: "logarithmic",
      stepFloor: 0,
      stepTolerance: STEEPNESS_STEP_TOLERANCE,
      maxIterations: MAX_STEEPNESS_ITERATIONS,
    },
    scratch,
  );
  const steepness = root.x;
  return {
    temperature: temperatureFromSteepness(scale, steepness),
    bias: 0,
    steepness,
    scale,
    limit: limitOf(steepness),
    iterations: root.iterations,
    passes,
    converged: root.converged,
  };
}

function limitOf(steepness: number): TemperatureLimit {
  return steepness <= MIN_STEEPNESS ? "floor" : steepness >= MAX_STEEPNESS ? "cap" : "none";
}
