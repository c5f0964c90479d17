import type { Derivatives2 } from "./objective.js";

/**
 * max |ℓ‴(u)| over u, for every row's loss ℓ(u) = t·softplus(u) + (1 − t)·softplus(−u) (any target t): ℓ″ = s(1 − s)
 * with s = σ(u), so ℓ‴ = ±s(1 − s)(1 − 2s), whose extremes, at s = ½ ± 1/(2√3), are ±1/(6√3) ≈ 0.0962.
 */
export const LOSS_THIRD_DERIVATIVE_BOUND = 1 / (6 * Math.sqrt(3));

/** The unit roundoff u = 2⁻⁵³ of doubles. */
const UNIT_ROUNDOFF = 2 ** -53;

/**
 * Rounding errors, in units of u, allowed for each row's contribution to the Hessian sums (an exp within 2 ulp,
 * the sigmoids' division and products, the deviation from the shift and its square) and for combining the sums
 * into the moment form and the entries of H: a generous count of the operations involved.
 */
const ROUNDINGS_PER_TERM = 32;

/**
 * A bound on the relative gradient max|∇f(x + p)| / W after the full step p = (stepA, stepB) from x, for Platt's
 * objective f(a′, b′) = Σ wᵢ ℓᵢ(a′z′ᵢ + b′) on standardised log-odds (Σ wᵢ z′ᵢ² = W = Σ wᵢ, |z′ᵢ| ≤ R), from what
 * is known at x alone — its gradient g and Hessian H (`derivatives`, as `standardisedDerivatives` computes them) —
 * without a pass over the rows at x + p. By Taylor's theorem, with δᵢ = p_a z′ᵢ + p_b,
 *
 *   ∇f(x + p) = g + H p + Σ wᵢ rᵢ (z′ᵢ, 1),   |rᵢ| ≤ ½ · max|ℓ‴| · δᵢ²,
 *
 * and δᵢ² ≤ (p_a² + p_b²)(z′ᵢ² + 1) (Cauchy–Schwarz), so Σ wᵢ δᵢ² ≤ 2W(p_a² + p_b²) and each component of the
 * remainder is at most max|ℓ‴| · (p_a² + p_b²) · max(1, R) · W. The bound adds three terms:
 *
 * - |g + H p|, computed, plus its own rounding: for the Newton step p = −H⁻¹g, the rounding of the 2 × 2 solve;
 * - |E p| for the error E of the computed H: every entry within (n + 32)·u of the magnitude its terms can reach,
 *   ¼·W·(1 + 2R)² (curvatures cᵢ ≤ wᵢ/4, |z′ᵢ| and the shift of the moment sums both at most R) — the worst case of
 *   n-term recursive summation (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §4.2), far above
 *   the typical ~√n·u;
 * - the Taylor remainder above, with Σ wᵢ z′ᵢ² = W allowed the same relative error.
 *
 * It leaves out only the rounding of the gradient sums themselves, which a pass that evaluated ∇f(x + p) would
 * carry as well. For a Newton step of size ~1e-9 (after a gradient of ~1e-10) on rows within a few standard
 * deviations it is ~1e-17; it grows with p² and R³, so it certifies only the last step of a converging Newton
 * iteration. Returns +∞ when the bound is not finite.
 */
export function fullStepGradientBound(
  derivatives: Derivatives2,
  stepA: number,
  stepB: number,
  totalWeight: number,
  rows: number,
  standardisedReach: number,
): number {
  const { gradientA, gradientB, curvature, curvatureMean: mean, curvatureSpread: spread } = derivatives;
  const hessianAB = curvature * mean;
  const hessianAA = spread + hessianAB * mean;
  const productA = hessianAA * stepA + hessianAB * stepB;
  const productB = hessianAB * stepA + curvature * stepB;
  const model = Math.max(Math.abs(gradientA + productA), Math.abs(gradientB + productB));
  const modelRounding =
    4 *
    UNIT_ROUNDOFF *
    Math.max(
      Math.abs(gradientA) + Math.abs(hessianAA * stepA) + Math.abs(hessianAB * stepB),
      Math.abs(gradientB) + Math.abs(hessianAB * stepA) + Math.abs(curvature * stepB),
    );
  const summation = (rows + ROUNDINGS_PER_TERM) * UNIT_ROUNDOFF;
  const stepLength = Math.abs(stepA) + Math.abs(stepB);
  const stepSquare = stepA * stepA + stepB * stepB;
  const hessianError = summation * 0.25 * (1 + 2 * standardisedReach) ** 2 * stepLength;
  const remainder =
    LOSS_THIRD_DERIVATIVE_BOUND * (1 + summation) * stepSquare * Math.max(1, standardisedReach);
  const bound = (model + modelRounding) / totalWeight + hessianError + remainder;
  return Number.isFinite(bound) ? bound : Number.POSITIVE_INFINITY;
}
