import { fitIntercept, type InterceptContext, interceptBracket } from "./intercept.js";
import { MAX_STEEPNESS, MIN_STEEPNESS } from "./limits.js";
import { accumulateLogLossDerivatives } from "./log-loss-derivatives.js";
import { type Evaluation, solveMonotone } from "./safeguarded-newton.js";

/**
 * The profile gradient in κ counts as zero when it is at most this times Σ wᵢ — the rounding level of a single term
 * (vᵢ lies in [−2, 2]) — and Newton would not move κ, or κ is at the floor. Ordinary fits stop on the step size.
 */
const PROFILE_GRADIENT_TOLERANCE = Number.EPSILON;

/**
 * Stop when a step in κ is shorter than this relative to κ: after a Newton step that short the error is about its
 * square, so κ (and c′, which converges with it) is exact to rounding. The same bound ends bisection.
 */
const STEEPNESS_STEP_TOLERANCE = 1e-12;

/**
 * At most this many steepnesses. Doubling κ towards the cap takes at most log₂(10¹⁸) ≈ 60 steps, and geometric
 * bisection narrows [10⁻¹², 10⁶] (a span of ln 10¹⁸ ≈ 41) to the step tolerance in log₂(41 / 10⁻¹²) ≈ 45 halvings;
 * the joint Newton steps usually converge in under 12.
 */
const MAX_STEEPNESS_ITERATIONS = 200;

/**
 * When Newton's step up in κ is rejected by the safeguard before the cap has been evaluated, the search multiplies κ
 * by this factor (or goes to Newton's point, if farther) rather than jumping to the cap. Far above the optimum the
 * curvature in c′ underflows and the prediction of c′ is useless, so an evaluation there costs a bracketed intercept
 * fit of many passes; near the points already seen c′ is predicted well and it costs one. Newton aiming beyond the
 * cap still evaluates the cap at once. (Separated data, whose optimum is the cap, never get here.) Of the factors
 * 2, 3, 4 and 8, and of steps that double each time, 2 took the fewest passes on random, nearly separated, weighted
 * and outlying data.
 */
const UPPER_EXPANSION_FACTOR = 2;

/**
 * A Newton correction δ = −(∂ℓ/∂c′) / (∂²ℓ/∂c′²) of c′ is used to correct the gradient in κ (below) only when
 * |δ| ≤ this. Within it the curvatures wᵢpᵢ(1 − pᵢ) change by at most a factor e between c′ and c′ + δ, which is what
 * the error bound of the corrected gradient assumes (log-odds units).
 */
const TRUSTED_CORRECTION = 1;

/**
 * A Newton correction of c′ shorter than this times max(|c′|, 1) is rounding (as for the intercept fit's step
 * tolerance): c′ is optimal, and the corrected gradient is the profile gradient to rounding, whatever its size.
 */
const NEGLIGIBLE_CORRECTION = 1e-12;

/**
 * The fit ends by giving c′ its pending Newton correction δ, once |δ| is at most this times max(|c′|, 1) (more
 * corrections at the final κ until then). A Newton step leaves an error of at most about ½δ² (|∂³ℓ/∂c′³| ≤
 * ∂²ℓ/∂c′²), so the intercept is then exact to about 10⁻¹⁴.
 */
const FINAL_CORRECTION_TOLERANCE = 1e-7;

/** The highest centred score vᵢ among the negatives and the lowest among the positives (rows with positive weight). */
export interface ClassExtremes {
  readonly highestNegative: number;
  readonly lowestPositive: number;
}

/** Where the fit with the bias stopped, in the centred coordinates of {@link InterceptContext}. */
export interface SteepnessAndInterceptFit {
  /** κ, in [MIN_STEEPNESS, MAX_STEEPNESS]. */
  readonly steepness: number;
  /** c′, the optimal intercept of σ(κvᵢ + c′) at that κ; c = c′ − κm. */
  readonly centredBias: number;
  /** Steepnesses evaluated. */
  readonly iterations: number;
  /** O(n) passes over the data in all. */
  readonly passes: number;
  /** False only if an iteration cap ran out. */
  readonly converged: boolean;
}

/**
 * Minimises ℓ(κ, c′) = Σ wᵢ[softplus(κvᵢ + c′) − yᵢ(κvᵢ + c′)] over κ ∈ [MIN_STEEPNESS, MAX_STEEPNESS] and every c′,
 * with the centred scores vᵢ = zᵢ/S − m, by a joint Newton method on (κ, c′) safeguarded by a bracket on κ.
 *
 * Each pass at (κ, c′) gives the gradient g and the 2×2 Hessian H of ℓ. The Newton step solves H·(dκ, dc′) = −g;
 * eliminating dc′ = δ + r·dκ, with δ = −g_c / H_cc (the Newton correction of c′ at fixed κ) and r = −H_κc / H_cc (the
 * slope dc′/dκ of the curve of optimal intercepts), leaves dκ = −D / Q with
 *
 * - D = g_κ + H_κc·δ, the gradient in κ at the corrected c′: the derivative of the profile min_c′ ℓ(κ, c′), to first
 *   order in δ;
 * - Q = H_κκ − H_κc² / H_cc, the Schur complement: the profile's curvature.
 *
 * The profile is convex in κ, so D and Q go to the safeguarded root finder {@link solveMonotone} (logarithmic in κ):
 * its Newton step −D/Q is exactly the joint Newton step in κ, and c′ follows with c′ + δ + r·dκ — the joint Newton
 * step when the finder takes Newton's κ, a prediction along the curve of optimal intercepts when it bisects or
 * expands. When Q ≤ 0 (H not positive definite in floating point) the finder bisects instead: that is the damping.
 * The bracket keeps κ within the floor and the cap (the finder stops at an end where D points outwards) and bounds
 * the number of steepnesses where Newton is slow. One pass per steepness is the rule; a steepness costs more only when
 * c′ is too far from its optimum for the sign of D to be sure — when the error of D, at most about
 * e·δ²·Σ wᵢpᵢ(1 − pᵢ)|vᵢ|, is not below |D|/2 — and then the bracketed {@link fitIntercept} moves c′ until it is.
 *
 * Centring makes this precise: with m the weighted mean of z/S, H_κc is small, so D and Q are not differences of
 * nearly equal sums even when every score is far from 0 (see {@link accumulateLogLossDerivatives}).
 *
 * Data whose classes do not overlap (`separation`) go straight to the cap: see the comment there.
 */
export function fitSteepnessAndIntercept(
  context: InterceptContext,
  startBias: number,
  separation: ClassExtremes,
): SteepnessAndInterceptFit {
  const { data, inverseScale, centre, derivatives } = context;
  const totalWeight = data.positiveWeight + data.negativeWeight;

  // The last pass's point, with δ and r there: the next point's c′ is c′ + δ + r·(κ_next − κ).
  let lastSteepness = Number.NaN;
  let lastBias = startBias;
  let correction = 0;
  let drift = 0;
  let passes = 0;
  let converged = true;

  /** δ at the point whose derivatives `derivatives` hold: 0 when every residual is 0, NaN when H_cc underflowed. */
  const newtonCorrection = (): number => {
    const { biasGradient, biasCurvature } = derivatives;
    return biasGradient === 0 ? 0 : biasCurvature > 0 ? -biasGradient / biasCurvature : Number.NaN;
  };

  /** Whether c′ is close enough to its optimum, at the point `derivatives` hold, for the sign of D to be sure. */
  const signIsSure = (bias: number): boolean => {
    const delta = newtonCorrection();
    if (Math.abs(delta) <= NEGLIGIBLE_CORRECTION * Math.max(Math.abs(bias), 1)) return true;
    if (!(Math.abs(delta) <= TRUSTED_CORRECTION)) return false;
    // No absolute floor here: on nearly separated data every sum is tiny, and so is the error that matters.
    const { steepnessGradient, crossCurvature, crossCurvatureMagnitude } = derivatives;
    const gradientError = Math.E * delta * delta * crossCurvatureMagnitude;
    return 2 * gradientError <= Math.abs(steepnessGradient + crossCurvature * delta);
  };

  /** Whether c′ + δ is optimal to about 10⁻¹⁴, at the point `derivatives` hold. */
  const interceptSettled = (bias: number): boolean =>
    Math.abs(newtonCorrection()) <= FINAL_CORRECTION_TOLERANCE * Math.max(Math.abs(bias), 1);

  /** Takes (κ, c′), whose derivatives `derivatives` hold, as the last point. */
  const adopt = (steepness: number, bias: number): void => {
    lastSteepness = steepness;
    lastBias = bias;
    correction = newtonCorrection();
    const { biasCurvature, crossCurvature } = derivatives;
    drift = biasCurvature > 0 ? -crossCurvature / biasCurvature : 0;
  };

  const pass = (steepness: number, bias: number): void => {
    accumulateLogLossDerivatives(data, inverseScale, centre, steepness, bias, derivatives);
    passes += 1;
    adopt(steepness, bias);
  };

  /** The bracketed intercept fit at κ from the last point's c′ + δ (or c′), until `goodEnough`. */
  const moveIntercept = (steepness: number, goodEnough: (bias: number) => boolean): void => {
    const [lower, upper] = interceptBracket(context, steepness);
    const start = Number.isNaN(correction) ? lastBias : lastBias + correction;
    const intercept = fitIntercept(context, steepness, Math.min(Math.max(start, lower), upper), goodEnough);
    passes += intercept.iterations;
    converged &&= intercept.converged;
    // Its last pass was at the returned c′.
    adopt(steepness, intercept.x);
    // Where it stopped without `goodEnough` it had converged by its own tolerances: any δ left is rounding, or NaN
    // where the curvature underflowed.
    if (Number.isNaN(correction)) correction = 0;
  };

  /** The optimal c′ at the κ of the last pass. */
  const settleIntercept = (steepness: number): number => {
    if (!interceptSettled(lastBias)) moveIntercept(steepness, interceptSettled);
    return lastBias + correction;
  };

  if (separation.highestNegative <= separation.lowestPositive && context.minCentred < context.maxCentred) {
    // Every negative is scored below every positive, or tied with the lowest positive at one value: the profile
    // min_c′ ℓ(κ, c′) is convex and, as κ → ∞ with the boundary in the gap (or at the tie), falls towards its infimum
    // (0, or the tied rows' entropy), which it never reaches; so it decreases everywhere and the optimum is the cap.
    // (All scores equal is the other case where the classes do not overlap: no information, the floor.) At the cap
    // the boundary goes in the middle of the gap: every row is then classified with certainty unless the gap is
    // below about 10⁻³ (in units of S); otherwise, and at a tie, c′ is settled by the bracketed intercept fit.
    const boundary = separation.highestNegative / 2 + separation.lowestPositive / 2;
    const [lower, upper] = interceptBracket(context, MAX_STEEPNESS);
    pass(MAX_STEEPNESS, Math.min(Math.max(-MAX_STEEPNESS * boundary, lower), upper));
    return {
      steepness: MAX_STEEPNESS,
      centredBias: settleIntercept(MAX_STEEPNESS),
      iterations: 1,
      passes,
      converged,
    };
  }

  const evaluate = (steepness: number, result: Evaluation): void => {
    const [lower, upper] = interceptBracket(context, steepness);
    const predicted = Number.isNaN(lastSteepness)
      ? startBias
      : lastBias + correction + drift * (steepness - lastSteepness);
    pass(steepness, Math.min(Math.max(Number.isFinite(predicted) ? predicted : startBias, lower), upper));
    if (!signIsSure(lastBias)) moveIntercept(steepness, signIsSure);

    const { steepnessGradient, steepnessCurvature, crossCurvature, biasCurvature } = derivatives;
    const profileGradient = steepnessGradient + crossCurvature * correction;
    const profileCurvature =
      biasCurvature > 0
        ? steepnessCurvature - (crossCurvature * crossCurvature) / biasCurvature
        : steepnessCurvature;
    result.slope = profileCurvature / totalWeight;
    if (
      Math.abs(profileGradient) <= PROFILE_GRADIENT_TOLERANCE * totalWeight &&
      (steepness <= MIN_STEEPNESS ||
        profileCurvature <= 0 ||
        Math.abs(profileGradient) <= STEEPNESS_STEP_TOLERANCE * steepness * profileCurvature)
    ) {
      // Zero to rounding, and Newton would not move κ, or κ is at the floor, or the profile is flat in floating point
      // (the only rows not classified with certainty share one score): converged. A tiny gradient with a tiny but
      // positive curvature is no optimum: as κ grows both can fall exponentially while the optimum is still ahead.
      result.value = 0;
    } else {
      result.value = profileGradient / totalWeight;
    }
  };

  const root = solveMonotone(
    {
      evaluate,
      lower: MIN_STEEPNESS,
      upper: MAX_STEEPNESS,
      // From the floor, where every pᵢ is the prevalence: if D ≥ 0 there the scores are of no use (or every vᵢ is 0,
      // so D = 0 exactly: all scores equal) and the fit ends at once. Otherwise the first step is the classic
      // one-step estimate −D / Q of logistic regression from the intercept-only model.
      start: MIN_STEEPNESS,
      // The evaluation reports exactly 0 when it has converged (see above).
      valueTolerance: 0,
      scale: "logarithmic",
      stepFloor: 0,
      stepTolerance: STEEPNESS_STEP_TOLERANCE,
      maxIterations: MAX_STEEPNESS_ITERATIONS,
      upperExpansion: Math.log(UPPER_EXPANSION_FACTOR),
    },
    { value: 0, slope: 0 },
  );
  // The search's last pass was at (root.x, c′).
  const centredBias = settleIntercept(root.x);
  return {
    steepness: root.x,
    centredBias,
    iterations: root.iterations,
    passes,
    converged: converged && root.converged,
  };
}
