import { dampedNewtonDirection, GRADIENT_TOLERANCE } from "./newton.js";
import { type Derivatives2, emptyDerivatives } from "./objective.js";

/**
 * The most full Newton steps the polish takes. From a warm start inside Newton's region of quadratic convergence
 * the relative gradient falls as e, e², e⁴, … (times constants): from a subsample's optimum (e ≈ 1e-3 for ~30 000
 * rows) to ~1e-6 and ~1e-10, and the third step passes `GRADIENT_TOLERANCE` = 1e-14 with room to spare; rarer
 * classes or heavier tails take a fourth. More than this many means the start was not in that region, and the
 * safeguarded solver should take over.
 */
export const POLISH_MAX_STEPS = 6;

/**
 * A full step is kept only when it divides the Newton decrement λ² = −∇fᵀp = ∇fᵀH⁻¹∇f by at least 4 (multiplies it
 * by at most this). λ²/2 is the decrease the quadratic model predicts, an estimate of f − f*, so this is the
 * value-free stand-in for Armijo's test: the estimated gap to the optimum must shrink fourfold. Inside Newton's
 * region of quadratic convergence λ² is squared (up to a constant) by each step — divided by ~10⁴ from a
 * subsample's optimum, by far more after — so only a start outside that region fails it, and the safeguarded
 * solver takes over. Like Newton's method, and unlike the gradient's max-norm, λ² does not depend on the
 * coordinates.
 */
export const POLISH_CONTRACTION = 0.25;

/**
 * A full step is taken without a pass to check it when a bound on the relative gradient at its end (`StepBound`)
 * is at most this fraction of `GRADIENT_TOLERANCE`: a tenfold margin beyond what the evaluated test would demand.
 */
export const CERTIFIED_STEP_FRACTION = 0.1;

/** Gradient and Hessian (moment form) of a smooth convex function of two parameters, written into `out`. */
export type DerivativesAt = (a: number, b: number, out: Derivatives2) => void;

/**
 * A bound on the relative gradient at x + p from the derivatives at x, for the full step p = (stepA, stepB): see
 * `fullStepGradientBound`.
 */
export type StepBound = (derivatives: Derivatives2, stepA: number, stepB: number) => number;

/** The outcome of {@link polishNewton}. */
export interface PolishResult {
  /** The last accepted iterate: the optimum when `converged`, else where the safeguarded solver should start. */
  readonly a: number;
  readonly b: number;
  /** True when the relative gradient at (a, b) is at most `GRADIENT_TOLERANCE`. */
  readonly converged: boolean;
  /** Full Newton steps accepted. */
  readonly iterations: number;
  /**
   * Calls of `derivativesAt` (passes over the rows): accepted steps + 1, less 1 when the last step was certified,
   * plus 1 when a step was refused.
   */
  readonly passes: number;
  /** max(|∂f/∂a|, |∂f/∂b|) / gradientScale at (a, b), evaluated — or its bound when `certified`. */
  readonly relativeGradient: number;
  /** True when the last step was taken on the strength of its `StepBound`, without a pass at its end. */
  readonly certified: boolean;
}

/**
 * Full Newton steps from a warm start, each judged without the objective's value: the step p = −H⁻¹∇f is taken in
 * full when H is positive definite and well conditioned (`dampedNewtonDirection` does not damp it) and the step
 * keeps |a| ≤ maxAbsA; the new point is kept when its relative gradient passes `GRADIENT_TOLERANCE` (the fit is
 * done) or when its Newton decrement is at most {@link POLISH_CONTRACTION} times the old one. It stops, converged,
 * on the test and tolerance of `minimiseNewton2`, so a converged polish ends where the safeguarded solver would.
 *
 * The last step needs no pass of its own when `stepBound` proves it: once the Newton step is tiny, Taylor's
 * theorem bounds the gradient at its end by what is known at its start (see `fullStepGradientBound`), and when
 * that bound is at most {@link CERTIFIED_STEP_FRACTION} × `GRADIENT_TOLERANCE` the step is taken and the polish
 * stops, converged, with the bound as its relative gradient. In a quadratically converging iteration this is the
 * step after a gradient of ~1e-10, which saves the one pass in three or four that would only have confirmed it.
 *
 * Why no objective values: near the optimum a Newton step changes f by less than the rounding of its O(n) sum, so
 * the value cannot judge steps there anyway (see `NEWTON_DECREMENT_TOLERANCE`), while the gradient can; and leaving
 * the value out saves a `log1p` a row, so that a step costs one pass (see `standardisedDerivatives`). What it gives
 * up is the line search's guarantee far from the optimum: when any test fails the polish stops, unconverged, at its
 * last accepted point, and the caller hands over to `minimiseNewton2`, which converges from anywhere.
 *
 * Reference: S. Boyd and L. Vandenberghe, Convex Optimization, §9.5 (the Newton decrement and the quadratically
 * convergent phase of Newton's method).
 */
export function polishNewton(
  derivativesAt: DerivativesAt,
  startA: number,
  startB: number,
  gradientScale: number,
  maxAbsA: number,
  stepBound?: StepBound,
): PolishResult {
  let derivatives = emptyDerivatives();
  let trialDerivatives = emptyDerivatives();
  let direction = new Float64Array(2);
  let trialDirection = new Float64Array(2);
  let a = startA;
  let b = startB;
  derivativesAt(a, b, derivatives);
  let passes = 1;
  let iterations = 0;
  let relativeGradient = relativeGradientOf(derivatives, gradientScale);
  let damped = dampedNewtonDirection(derivatives, direction);
  for (;;) {
    const converged = relativeGradient <= GRADIENT_TOLERANCE;
    const decrement = newtonDecrement(derivatives, direction);
    if (converged || damped || !(decrement > 0) || iterations >= POLISH_MAX_STEPS) {
      return { a, b, converged, iterations, passes, relativeGradient, certified: false };
    }
    const stepA = direction[0] as number;
    const stepB = direction[1] as number;
    const trialA = a + stepA;
    const trialB = b + stepB;
    if (!(Math.abs(trialA) <= maxAbsA && Number.isFinite(trialB))) {
      return { a, b, converged, iterations, passes, relativeGradient, certified: false };
    }
    const bound = stepBound === undefined ? Number.POSITIVE_INFINITY : stepBound(derivatives, stepA, stepB);
    if (bound <= CERTIFIED_STEP_FRACTION * GRADIENT_TOLERANCE) {
      return {
        a: trialA,
        b: trialB,
        converged: true,
        iterations: iterations + 1,
        passes,
        relativeGradient: bound,
        certified: true,
      };
    }
    derivativesAt(trialA, trialB, trialDerivatives);
    passes++;
    const trialGradient = relativeGradientOf(trialDerivatives, gradientScale);
    const trialDamped = dampedNewtonDirection(trialDerivatives, trialDirection);
    const done = trialGradient <= GRADIENT_TOLERANCE;
    // NaN fails the contraction test too.
    if (
      !done &&
      (trialDamped || !(newtonDecrement(trialDerivatives, trialDirection) <= POLISH_CONTRACTION * decrement))
    ) {
      return { a, b, converged, iterations, passes, relativeGradient, certified: false };
    }
    a = trialA;
    b = trialB;
    relativeGradient = trialGradient;
    damped = trialDamped;
    [derivatives, trialDerivatives] = [trialDerivatives, derivatives];
    [direction, trialDirection] = [trialDirection, direction];
    iterations++;
  }
}

/** λ² = −∇fᵀp for the Newton direction p = −H⁻¹∇f: ∇fᵀH⁻¹∇f, twice the decrease the quadratic model predicts. */
function newtonDecrement(derivatives: Derivatives2, direction: Float64Array): number {
  return -(
    derivatives.gradientA * (direction[0] as number) +
    derivatives.gradientB * (direction[1] as number)
  );
}

/** max(|∂f/∂a|, |∂f/∂b|) / scale, as `minimiseNewton2` measures it. */
function relativeGradientOf(derivatives: Derivatives2, gradientScale: number): number {
  return Math.max(Math.abs(derivatives.gradientA), Math.abs(derivatives.gradientB)) / gradientScale;
}
