import { type Derivatives2, emptyDerivatives } from "./objective.js";

/**
 * Stop when the largest gradient component, divided by the gradient's natural scale, is at most this. For Platt's
 * objective on standardised log-odds the scale is the total weight Σ wᵢ, so the test reads "every weighted mean
 * residual Σ wᵢ(tᵢ − pᵢ)·(z′ᵢ, 1) / Σ wᵢ is below 1e-14". The reference optimum in the fixtures was computed with
 * scipy's trust-region Newton at gtol 1e-10 (absolute); this is tighter on every reference file, so the fit lands
 * on the optimum to the last few digits and does not depend on how it got there (weights versus duplicated rows
 * agree to ~1e-15). It sits near, but above, the rounding noise of the O(n) gradient sums (about
 * 1e-16·max|z′| relative, more for millions of rows); when rounding keeps the gradient above it, the Newton
 * decrement test ({@link NEWTON_DECREMENT_TOLERANCE}) ends the fit instead, as `"rounding-limit"`.
 */
export const GRADIENT_TOLERANCE = 1e-14;

/**
 * The iteration cap. Newton converges quadratically: on every reference file and on the conformance data it needs
 * at most 9 iterations. The cap matters only on (quasi-)separated data with raw 0/1 targets, where the optimum lies
 * at infinity and each Newton step moves the margin by about one unit of log-odds. With a visible gap between the
 * classes the gradient tolerance stops the walk once every row is fitted to within ~1e-13 (margins near 30, after
 * ~32 iterations). When the gap is tiny next to the spread of the log-odds (1e-11 among values in the thousands)
 * the walk runs into the slope bound of the caller or into rounding noise, which can keep the line search
 * accepting steps that no longer help; this cap ends it, with finite parameters and valid probabilities.
 */
export const MAX_NEWTON_ITERATIONS = 100;

/**
 * When to damp. Scaled to unit diagonal, the Hessian is C = [[1, ρ], [ρ, 1]] with 1 − ρ² = M / (M + S·μ²)
 * (moment form, see `Derivatives2`), computed without cancellation, and reciprocal condition number
 * (1 − |ρ|)/(1 + |ρ|) = (1 − ρ²)/(1 + |ρ|)². Because the moment form gives det H = S·M directly, the exact Newton
 * step stays accurate at condition numbers far beyond the usual 1/ε: the curvature of separated classes sits on
 * the few rows near the boundary, and their Newton step — about one unit of margin per iteration, the walk that
 * reaches the optimum — needs conditions of 1e20 and more. So the Hessian counts as ill-conditioned (and is damped)
 * only below this reciprocal condition, about ε² = 4.9e-32 times a hundred: where the curvature lies on what is
 * one z value to working precision and det H is rounding noise. Non-positive S or M (not positive definite) is
 * damped too.
 */
export const MIN_RECIPROCAL_CONDITION = 1e-30;

/**
 * The reciprocal condition number that Levenberg–Marquardt damping restores: μ·diag(H) is added to H (Marquardt's
 * scaling of Levenberg's μ·I, so that a mere difference of scale between the two parameters is never mistaken for
 * ill-conditioning) with the μ that gives the scaled matrix exactly this value. 1e-12 keeps ~4 significant digits
 * in the damped 2 × 2 solve — enough for a descent direction — and damped steps short enough for the line search.
 */
export const DAMPED_RECIPROCAL_CONDITION = 1e-12;

/** Armijo's sufficient-decrease constant c₁ in f(x + αp) ≤ f(x) + c₁·α·∇fᵀp: the usual 1e-4 (Nocedal & Wright). */
export const ARMIJO_SUFFICIENT_DECREASE = 1e-4;

/** Step shrink factor of the backtracking line search. */
export const BACKTRACKING_FACTOR = 0.5;

/** Backtracking gives up after this many halvings (α = 2⁻⁶⁰ ≈ 1e-18, below the resolution of any parameter). */
export const MAX_BACKTRACKS = 60;

/**
 * When the Newton decrement λ² = ∇fᵀ H⁻¹ ∇f (twice the decrease the quadratic model predicts) is below this
 * fraction of |f|, the decrease is smaller than the rounding error of the O(n) sum that computes f, so the
 * Armijo test can no longer tell a good step from a bad one. Such an undamped step is inside Newton's quadratic
 * convergence region and is taken in full, without the line search.
 */
export const NEWTON_DECREMENT_TOLERANCE = 1e-12;

/** A smooth convex function of two parameters, with exact derivatives. */
export interface ConvexObjective2 {
  /**
   * Returns f(a, b) and, when `derivatives` is given, writes the gradient and Hessian at (a, b) into it in the
   * same pass. May return +∞ or NaN far away, which the line search treats as "no decrease".
   */
  evaluate(a: number, b: number, derivatives?: Derivatives2): number;
}

/** Why the Newton iteration stopped. */
export type NewtonStop =
  /** The relative gradient fell to {@link GRADIENT_TOLERANCE}. */
  | "gradient-tolerance"
  /** The Newton decrement was below the rounding of f and a full step did not shrink the gradient further. */
  | "rounding-limit"
  /**
   * No step along the Newton direction decreased f, or rounding noise left no descent direction at all (the
   * iterate is kept; see `relativeGradient`).
   */
  | "no-decrease"
  /** {@link MAX_NEWTON_ITERATIONS} steps were taken. */
  | "iteration-cap"
  /**
   * The minimum lies beyond the bound |a| ≤ maxAbsA (for Platt, see `MAX_SLOPE_TERM`): a is held on the bound and
   * b is optimised for it, to the gradient tolerance (or as far as the other stopping rules allow).
   */
  | "slope-cap";

/** The outcome of {@link minimiseNewton2}. */
export interface NewtonResult {
  readonly a: number;
  readonly b: number;
  /** f(a, b). */
  readonly value: number;
  /** Newton steps taken. */
  readonly iterations: number;
  /** max(|∂f/∂a|, |∂f/∂b|) / gradientScale at (a, b). */
  readonly relativeGradient: number;
  readonly stoppedBy: NewtonStop;
}

/** |ρ| at which the damped, unit-diagonal Hessian has reciprocal condition {@link DAMPED_RECIPROCAL_CONDITION}. */
const DAMPED_CORRELATION = (1 - DAMPED_RECIPROCAL_CONDITION) / (1 + DAMPED_RECIPROCAL_CONDITION);

/**
 * The Newton direction p solving H p = −g for the Hessian in moment form H = [[M + Sμ², Sμ], [Sμ, S]]:
 *
 *   p_a = −(g_a − μ·g_b) / M,   p_b = −g_b / S − μ·p_a
 *
 * (the step in coordinates centred at μ, where H is diagonal), exact and cancellation-free. When H is not
 * positive definite or its reciprocal condition is below {@link MIN_RECIPROCAL_CONDITION}, it solves the
 * Levenberg–Marquardt system (H + λ·diag(H)) p = −g instead, scaled to unit diagonal, with the λ that restores
 * {@link DAMPED_RECIPROCAL_CONDITION}. Without curvature along a (S ≤ 0 or M + Sμ² ≤ 0, or not finite) it returns
 * the steepest-descent direction p = −g / ‖g‖∞, a step of at most 1 per coordinate for the line search to cut.
 * Writes p into `out[0..1]` and returns whether the step was damped.
 */
export function dampedNewtonDirection(derivatives: Derivatives2, out: Float64Array): boolean {
  const { gradientA, gradientB, curvature, curvatureMean: mean, curvatureSpread: spread } = derivatives;
  const hessianAA = spread + curvature * mean * mean;
  if (!(curvature > 0 && hessianAA > 0 && Number.isFinite(curvature) && Number.isFinite(hessianAA))) {
    const norm = Math.max(Math.abs(gradientA), Math.abs(gradientB));
    out[0] = -gradientA / norm;
    out[1] = -gradientB / norm;
    return true;
  }
  const correlation = mean * Math.sqrt(curvature / hessianAA); // |ρ| > 1 when H is indefinite (M < 0)
  const magnitude = Math.abs(correlation);
  const oneMinusSquare = spread / hessianAA; // 1 − ρ², without cancellation
  if (oneMinusSquare / (1 + magnitude) ** 2 >= MIN_RECIPROCAL_CONDITION) {
    const stepA = -(gradientA - mean * gradientB) / spread;
    out[0] = stepA;
    out[1] = -gradientB / curvature - mean * stepA;
    return false;
  }
  // Scaled to unit diagonal: (C + λI) p̃ = −g̃ with C = [[1, ρ], [ρ, 1]], diagonal d = 1 + λ = |ρ| / DAMPED_CORRELATION.
  const scaleA = Math.sqrt(hessianAA);
  const scaleB = Math.sqrt(curvature);
  const diagonal = Math.max(1, magnitude / DAMPED_CORRELATION);
  const determinant = (diagonal - magnitude) * (diagonal + magnitude);
  const scaledA = gradientA / scaleA;
  const scaledB = gradientB / scaleB;
  out[0] = -((diagonal * scaledA - correlation * scaledB) / determinant) / scaleA;
  out[1] = -((diagonal * scaledB - correlation * scaledA) / determinant) / scaleB;
  return true;
}

/**
 * Minimises a smooth convex function of two parameters by a safeguarded Newton method: the exact Hessian, with
 * Levenberg–Marquardt damping when it is not positive definite or singular to working precision
 * ({@link dampedNewtonDirection}), and a
 * backtracking line search with Armijo's sufficient-decrease test. Stops on the relative gradient tolerance,
 * the rounding limit, a failed line search or the iteration cap — whichever comes first (see {@link NewtonStop}).
 * Steps that would cross the bound |a| ≤ `maxAbsA` are shortened to end on it; while the descent direction points
 * beyond the bound, a is held there and Newton continues on b alone (`"slope-cap"`). An iteration whose full step is accepted costs one `evaluate` pass with derivatives; each
 * backtracking halving adds a value-only pass.
 *
 * Reference: J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., §3.1 (Armijo backtracking) and §3.4
 * (Newton with Hessian modification).
 */
export function minimiseNewton2(
  objective: ConvexObjective2,
  startA: number,
  startB: number,
  gradientScale: number,
  maxAbsA = Number.POSITIVE_INFINITY,
): NewtonResult {
  let derivatives = emptyDerivatives();
  // Derivatives at the first (full-step) trial point, computed in the same pass as its value and swapped in when
  // the full step is accepted, as it is in almost every Newton iteration: one pass over the rows per iteration.
  let trialDerivatives = emptyDerivatives();
  const direction = new Float64Array(2);
  let a = startA;
  let b = startB;
  let value = objective.evaluate(a, b, derivatives);
  let iterations = 0;

  for (;;) {
    let damped = dampedNewtonDirection(derivatives, direction);
    // On the bound with the Newton step pointing further out, a is held there and b alone is optimised: the
    // profile min_b f(a, b) is convex in a, so once the minimum lies beyond the bound this is the best point the
    // bound allows.
    const held = Math.abs(a) >= maxAbsA && (direction[0] as number) * a > 0;
    if (held) {
      const curvature = derivatives.curvature;
      damped = !(curvature > 0 && Number.isFinite(curvature));
      direction[0] = 0;
      direction[1] = damped ? -Math.sign(derivatives.gradientB) : -derivatives.gradientB / curvature;
    }
    const relativeGradient = relativeGradientOf(derivatives, gradientScale, held);
    if (relativeGradient <= GRADIENT_TOLERANCE || iterations >= MAX_NEWTON_ITERATIONS) {
      const stoppedBy = held
        ? "slope-cap"
        : relativeGradient <= GRADIENT_TOLERANCE
          ? "gradient-tolerance"
          : "iteration-cap";
      return { a, b, value, iterations, relativeGradient, stoppedBy };
    }
    const stepA = direction[0] as number;
    const stepB = direction[1] as number;
    const slope = derivatives.gradientA * stepA + derivatives.gradientB * stepB;
    if (!(slope < 0)) {
      // A positive definite (or damped) system always gives a descent direction; one that is not is made of
      // rounding noise (the gradient has cancelled to its last digits), so no step can be trusted to help.
      const stoppedBy = held ? "slope-cap" : "no-decrease";
      return { a, b, value, iterations, relativeGradient, stoppedBy };
    }
    // The longest step that keeps |a| ≤ maxAbsA (1 when the full step does); a step cut there ends on the bound.
    const boundary = stepA > 0 ? (maxAbsA - a) / stepA : stepA < 0 ? (-maxAbsA - a) / stepA : 1;
    const longest = Math.min(1, boundary);

    if (!damped && longest === 1 && -slope <= NEWTON_DECREMENT_TOLERANCE * Math.abs(value)) {
      // Below the resolution of f: take the full Newton step and judge it by the gradient instead.
      const nextValue = objective.evaluate(a + stepA, b + stepB, trialDerivatives);
      if (!(relativeGradientOf(trialDerivatives, gradientScale, held) < relativeGradient)) {
        const stoppedBy = held ? "slope-cap" : "rounding-limit";
        return { a, b, value, iterations, relativeGradient, stoppedBy };
      }
      a += stepA;
      b += stepB;
      value = nextValue;
      [derivatives, trialDerivatives] = [trialDerivatives, derivatives];
      iterations++;
      continue;
    }

    let step = longest;
    let accepted = false;
    for (let backtrack = 0; backtrack <= MAX_BACKTRACKS; backtrack++) {
      const trialA = step === boundary ? Math.sign(stepA) * maxAbsA : a + step * stepA;
      const trialB = b + step * stepB;
      if (trialA === a && trialB === b) break; // the step no longer moves the iterate: nothing left to gain
      const trialValue = objective.evaluate(trialA, trialB, backtrack === 0 ? trialDerivatives : undefined);
      if (trialValue <= value + ARMIJO_SUFFICIENT_DECREASE * step * slope) {
        a = trialA;
        b = trialB;
        value = trialValue;
        if (backtrack === 0) [derivatives, trialDerivatives] = [trialDerivatives, derivatives];
        else objective.evaluate(a, b, derivatives);
        accepted = true;
        break;
      }
      step *= BACKTRACKING_FACTOR;
    }
    if (!accepted) {
      const stoppedBy = held ? "slope-cap" : "no-decrease";
      return { a, b, value, iterations, relativeGradient, stoppedBy };
    }
    iterations++;
  }
}

/** max(|∂f/∂a|, |∂f/∂b|) / scale, or |∂f/∂b| / scale alone while a is held on its bound. */
function relativeGradientOf(derivatives: Derivatives2, gradientScale: number, held: boolean): number {
  const gradientB = Math.abs(derivatives.gradientB);
  return (held ? gradientB : Math.max(Math.abs(derivatives.gradientA), gradientB)) / gradientScale;
}
