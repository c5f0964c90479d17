import { expNonPositive } from "./exp-non-positive.js";
import type { Derivatives2, PlattProblem } from "./objective.js";
import type { Standardisation } from "./standardise.js";

/**
 * The gradient and Hessian of Platt's objective at (a′, b′) on the standardised log-odds z′ = map(z), in the moment
 * form of {@link Derivatives2}, in one pass over the ORIGINAL log-odds:
 *
 *   ∇f = Σ wᵢ (tᵢ − pᵢ) (z′ᵢ, 1),   ∇²f = Σ cᵢ [[z′ᵢ², z′ᵢ], [z′ᵢ, 1]],   pᵢ = σ(−uᵢ), cᵢ = wᵢ σ(uᵢ) σ(−uᵢ),
 *
 * with uᵢ = a′·z′ᵢ + b′: what `evaluatePlatt` computes on a standardised copy, without the copy (8 bytes a row)
 * and without the value. z′ᵢ is recomputed inline exactly as `writeStandardisedLogOdds` writes it; the loss term —
 * a `log1p` a row, as costly as the rest of the row — is left out, because the caller, the full-step Newton polish
 * (`polishNewton`), judges steps by the gradient alone. Built for speed, as the inner loop of large fits:
 *
 * - one E = exp(−|u|) a row by {@link expNonPositive} (within 2 ulp of `Math.exp`), then σ(|u|) = 1/(1 + E) and
 *   σ(−|u|) = E/(1 + E) as in `evaluatePlatt`: probabilities and curvatures keep their full relative precision;
 * - the targets from a two-entry table indexed by the label, so the loop does not branch on it;
 * - the curvature moments as plain sums about a fixed point `shift` — S = Σ cᵢ, T = Σ cᵢ dᵢ, Q = Σ cᵢ dᵢ² with
 *   dᵢ = z′ᵢ − shift — and μ = shift + T/S, M = Q − T²/S at the end: no division a row, unlike West's update in
 *   `evaluatePlatt`, whose chain of dependent divisions bounds the speed of the loop. M loses about
 *   log₁₀(1 + (μ − shift)²/(M/S)) digits to cancellation, none to speak of when `shift` is the curvature mean of the
 *   previous iterate (the polish passes it). The Hessian only steers the step: a less accurate one could only slow
 *   the polish down (it hands over to the safeguarded solver when a step does not shrink the Newton decrement),
 *   and `fullStepGradientBound` allows for rounding at the scale of the uncancelled sums.
 *
 * The gradient — the convergence test — agrees with `evaluatePlatt`'s to rounding (relative differences ~1e-15,
 * from the exp). O(n); nothing is allocated per row.
 */
export function standardisedDerivatives(
  problem: PlattProblem,
  map: Standardisation,
  a: number,
  b: number,
  shift: number,
  out: Derivatives2,
): void {
  const targetOfLabel = new Float64Array([problem.targets.negative, problem.targets.positive]);
  const sums = new Float64Array(MOMENT_SUMS);
  if (problem.weights === undefined) unweightedSums(problem, map, targetOfLabel, a, b, shift, sums);
  else weightedSums(problem, problem.weights, map, targetOfLabel, a, b, shift, sums);
  const curvature = sums[CURVATURE] as number;
  const first = sums[FIRST_MOMENT] as number;
  const meanOffset = curvature > 0 ? first / curvature : 0;
  out.gradientA = sums[GRADIENT_A] as number;
  out.gradientB = sums[GRADIENT_B] as number;
  out.curvature = curvature;
  out.curvatureMean = shift + meanOffset;
  out.curvatureSpread = (sums[SECOND_MOMENT] as number) - first * meanOffset;
}

/** Slots of the sums one pass returns: ∂f/∂a, ∂f/∂b, S = Σ cᵢ, T = Σ cᵢ dᵢ and Q = Σ cᵢ dᵢ². */
const GRADIENT_A = 0;
const GRADIENT_B = 1;
const CURVATURE = 2;
const FIRST_MOMENT = 3;
const SECOND_MOMENT = 4;
const MOMENT_SUMS = 5;

/** {@link standardisedDerivatives}' sums for unit weights: a loop of its own, so that it never tests for weights. */
function unweightedSums(
  problem: PlattProblem,
  map: Standardisation,
  targetOfLabel: Float64Array,
  a: number,
  b: number,
  shift: number,
  sums: Float64Array,
): void {
  const { logOdds, labels } = problem;
  const { prescale, center } = map;
  const inverseScale = 1 / map.scale;
  const rows = logOdds.length;
  let gradientA = 0;
  let gradientB = 0;
  let curvatureSum = 0;
  let firstMoment = 0;
  let secondMoment = 0;
  for (let i = 0; i < rows; i++) {
    const z = ((logOdds[i] as number) * prescale - center) * inverseScale;
    const u = a * z + b;
    const e = expNonPositive(-Math.abs(u));
    const large = 1 / (1 + e); // σ(|u|)
    const small = e * large; // σ(−|u|)
    const residual = (targetOfLabel[labels[i] as number] as number) - (u > 0 ? small : large); // tᵢ − pᵢ
    gradientA += residual * z;
    gradientB += residual;
    const curvature = small * large;
    const deviation = z - shift;
    const weightedDeviation = curvature * deviation;
    curvatureSum += curvature;
    firstMoment += weightedDeviation;
    secondMoment += weightedDeviation * deviation;
  }
  sums[GRADIENT_A] = gradientA;
  sums[GRADIENT_B] = gradientB;
  sums[CURVATURE] = curvatureSum;
  sums[FIRST_MOMENT] = firstMoment;
  sums[SECOND_MOMENT] = secondMoment;
}

/** {@link standardisedDerivatives}' sums with sample weights; zero-weight rows are skipped. */
function weightedSums(
  problem: PlattProblem,
  weights: Float64Array,
  map: Standardisation,
  targetOfLabel: Float64Array,
  a: number,
  b: number,
  shift: number,
  sums: Float64Array,
): void {
  const { logOdds, labels } = problem;
  const { prescale, center } = map;
  const inverseScale = 1 / map.scale;
  const rows = logOdds.length;
  let gradientA = 0;
  let gradientB = 0;
  let curvatureSum = 0;
  let firstMoment = 0;
  let secondMoment = 0;
  for (let i = 0; i < rows; i++) {
    const weight = weights[i] as number;
    if (weight === 0) continue;
    const z = ((logOdds[i] as number) * prescale - center) * inverseScale;
    const u = a * z + b;
    const e = expNonPositive(-Math.abs(u));
    const large = 1 / (1 + e);
    const small = e * large;
    const residual = weight * ((targetOfLabel[labels[i] as number] as number) - (u > 0 ? small : large));
    gradientA += residual * z;
    gradientB += residual;
    const curvature = weight * small * large;
    const deviation = z - shift;
    const weightedDeviation = curvature * deviation;
    curvatureSum += curvature;
    firstMoment += weightedDeviation;
    secondMoment += weightedDeviation * deviation;
  }
  sums[GRADIENT_A] = gradientA;
  sums[GRADIENT_B] = gradientB;
  sums[CURVATURE] = curvatureSum;
  sums[FIRST_MOMENT] = firstMoment;
  sums[SECOND_MOMENT] = secondMoment;
}
