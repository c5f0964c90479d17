import type { FitData } from "@calibra/core";
import { accumulateLogLossDerivatives, type LogLossDerivatives } from "./log-loss-derivatives.js";
import { type Evaluation, type RootResult, solveMonotone } from "./safeguarded-newton.js";

/**
 * Stop at once when the Newton correction of the intercept, |Σ wᵢ(pᵢ − yᵢ)| / Σ wᵢpᵢ(1 − pᵢ), is at most this times
 * max(|c′|, 1): c′ is then exact to rounding, i.e. the mean predicted probability equals the (weighted) prevalence.
 * Relative to the curvature rather than to Σ wᵢ, so that it still means something where every residual is tiny (at
 * a steepness far above the optimum, or at the cap on separated data with a narrow gap, where |Σ wᵢ(pᵢ − yᵢ)| / Σ wᵢ
 * is far below ε wherever c′ is). Ordinary fits stop on the step size.
 */
export const INTERCEPT_TOLERANCE = Number.EPSILON;

/**
 * Stop when a step in c is shorter than this times max(|c|, 1) (c is in log-odds units). As for the steepness, a
 * Newton step that short leaves an error about its square, i.e. c exact to rounding; bisection ends there too.
 */
const INTERCEPT_STEP_TOLERANCE = 1e-12;

/**
 * At most this many passes per intercept fit. Bisection alone reaches the step tolerance from the widest bracket
 * (about ±10⁶, see {@link interceptBracket}) in log₂(2·10⁶ / 10⁻¹²) ≈ 61 halvings; Newton, when it works, needs a
 * handful. The cap is only a backstop.
 */
const MAX_INTERCEPT_ITERATIONS = 200;

/**
 * How far beyond the data's extreme log-odds the bracket reaches, in log-odds units on top of log(W / P) (or
 * log(W / N)): enough for the sign of the gradient at the bracket's ends to be certain (see {@link interceptBracket}).
 */
const BRACKET_MARGIN = 1;

/**
 * What the intercept fit needs to know about the data, computed once per temperature fit. The intercept is that of
 * the centred scores, vᵢ = zᵢ / S − m (see {@link accumulateLogLossDerivatives}): c′ in σ(κvᵢ + c′).
 */
export interface InterceptContext {
  readonly data: FitData;
  /** 1 / S. */
  readonly inverseScale: number;
  /** m, subtracted from every z / S. */
  readonly centre: number;
  /** The smallest and largest v = z / S − m over rows with positive weight. */
  readonly minCentred: number;
  readonly maxCentred: number;
  /** Written by every pass; after {@link fitIntercept} it holds the derivatives at the returned (κ, c′). */
  readonly derivatives: LogLossDerivatives;
  readonly scratch: Evaluation;
}

/**
 * An interval that certainly holds the optimal c′ for a steepness κ. With W = P + N the total weight and P, N the
 * positive and negative weights: at c_lo = −κ·v_max − log(W/P) − 1 every row has κv + c′ ≤ −log(W/P) − 1, so
 * Σ wᵢpᵢ < W·e^(−log(W/P) − 1) = P/e < P and the gradient Σ wᵢ(pᵢ − yᵢ) is negative; symmetrically at
 * c_hi = −κ·v_min + log(W/N) + 1 it is positive.
 */
export function interceptBracket(context: InterceptContext, steepness: number): [number, number] {
  const { positiveWeight, negativeWeight } = context.data;
  const totalWeight = positiveWeight + negativeWeight;
  return [
    -steepness * context.maxCentred - Math.log(totalWeight / positiveWeight) - BRACKET_MARGIN,
    -steepness * context.minCentred + Math.log(totalWeight / negativeWeight) + BRACKET_MARGIN,
  ];
}

/**
 * The maximum-likelihood intercept c′ for a fixed steepness κ: the root of ∂ℓ/∂c′ = Σ wᵢ(σ(κvᵢ + c′) − yᵢ), which
 * is increasing in c′, found by the safeguarded Newton method from `start`. At the root the mean predicted
 * probability equals the weighted prevalence — the likelihood equation of an intercept. O(n) per iteration. The
 * temperature fit calls it only when its own Newton corrections of c′ cannot be trusted (a far jump in κ, or rows so
 * confidently classified that ∂²ℓ/∂c′² underflows): the bracket makes it safe whatever the start. With `goodEnough`,
 * the search also stops at the first c′ for which it returns true (called after each pass, with `derivatives` at c′).
 */
export function fitIntercept(
  context: InterceptContext,
  steepness: number,
  start: number,
  goodEnough?: (bias: number) => boolean,
): RootResult {
  const { data, inverseScale, centre, derivatives } = context;
  const totalWeight = data.positiveWeight + data.negativeWeight;
  const [lower, upper] = interceptBracket(context, steepness);
  return solveMonotone(
    {
      evaluate(bias, result) {
        accumulateLogLossDerivatives(data, inverseScale, centre, steepness, bias, derivatives);
        const { biasGradient, biasCurvature } = derivatives;
        // Reporting 0 ends the search here. (When every residual is 0 the correction is 0 whatever the curvature.)
        const converged =
          biasGradient === 0 ||
          Math.abs(biasGradient) <= INTERCEPT_TOLERANCE * Math.max(Math.abs(bias), 1) * biasCurvature;
        result.value = converged || goodEnough?.(bias) ? 0 : biasGradient / totalWeight;
        result.slope = biasCurvature / totalWeight;
      },
      lower,
      upper,
      // By construction of the bracket.
      knownSigns: true,
      start,
      // The evaluation reports exactly 0 when it has converged (see above).
      valueTolerance: 0,
      scale: "linear",
      stepFloor: 1,
      stepTolerance: INTERCEPT_STEP_TOLERANCE,
      maxIterations: MAX_INTERCEPT_ITERATIONS,
    },
    context.scratch,
  );
}
