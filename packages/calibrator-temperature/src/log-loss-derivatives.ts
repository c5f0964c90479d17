import { type FitData, sigmoid } from "@calibra/core";

/**
 * The first and second derivatives of the weighted log loss of temperature scaling at one point (κ, c):
 *
 *   ℓ(κ, c) = Σᵢ wᵢ [softplus(κuᵢ + c) − yᵢ(κuᵢ + c)],   uᵢ = zᵢ / S − m,
 *
 * which is the negative log-likelihood of p = σ(κu + c) = σ(z / T + c − κm) with T = S / κ, for a fixed centre m
 * (0 without the bias; the weighted mean of z / S with it, see {@link accumulateLogLossDerivatives}). ℓ is convex in
 * (κ, c): each term is the convex softplus of a linear function minus a linear function. With pᵢ = σ(κuᵢ + c):
 *
 *   ∂ℓ/∂κ = Σ wᵢ(pᵢ − yᵢ)uᵢ,  ∂ℓ/∂c = Σ wᵢ(pᵢ − yᵢ),
 *   ∂²ℓ/∂κ² = Σ wᵢpᵢ(1 − pᵢ)uᵢ²,  ∂²ℓ/∂κ∂c = Σ wᵢpᵢ(1 − pᵢ)uᵢ,  ∂²ℓ/∂c² = Σ wᵢpᵢ(1 − pᵢ).
 *
 * A plain mutable record, reused across iterations so that a fit allocates nothing per pass or per row.
 */
export class LogLossDerivatives {
  /** ∂ℓ/∂κ = Σ wᵢ(pᵢ − yᵢ)uᵢ. */
  steepnessGradient = 0;
  /** ∂ℓ/∂c = Σ wᵢ(pᵢ − yᵢ). */
  biasGradient = 0;
  /** ∂²ℓ/∂κ² = Σ wᵢpᵢ(1 − pᵢ)uᵢ². */
  steepnessCurvature = 0;
  /** ∂²ℓ/∂κ∂c = Σ wᵢpᵢ(1 − pᵢ)uᵢ. */
  crossCurvature = 0;
  /** ∂²ℓ/∂c² = Σ wᵢpᵢ(1 − pᵢ). */
  biasCurvature = 0;
  /**
   * Σ wᵢpᵢ(1 − pᵢ)|uᵢ|: a bound on |∂²ℓ/∂κ∂c| and on |∂³ℓ/∂κ∂c²| = |Σ wᵢpᵢ(1 − pᵢ)(1 − 2pᵢ)uᵢ|, i.e. on how fast
   * ∂ℓ/∂κ changes with c (used to bound the error of the gradient in κ at a not yet optimal c).
   */
  crossCurvatureMagnitude = 0;
}

/**
 * Fills `into` with the derivatives of ℓ at (κ, c) in one O(n) pass, with uᵢ = zᵢ · `inverseScale` − `centre`.
 *
 * The centre only reparametrises the intercept, σ(κ·zᵢ/S + c) = σ(κ·(zᵢ/S − m) + c′) with c = c′ − κm, but it decides
 * how precise the sums are. With m the weighted mean of zᵢ/S, Σ wᵢpᵢ(1 − pᵢ)uᵢ is small next to the other curvatures
 * (exactly 0 where every pᵢ is equal), so κ and c′ are nearly uncoupled; without it, scores crowded far from 0 (every
 * zᵢ/S ≈ 1) make ∂ℓ/∂κ ≈ ∂ℓ/∂c and the three curvatures nearly equal, and every quantity the fit needs — the gradient
 * in κ at the optimal c, the Schur complement ∂²ℓ/∂κ² − (∂²ℓ/∂κ∂c)² / ∂²ℓ/∂c² — is a difference of nearly equal sums
 * that rounding wipes out. With `centre` = 0 the arithmetic is exactly that of the uncentred loss.
 *
 * Of p and 1 − p, the smaller is always taken from the stable sigmoid σ(−|x|), never computed as 1 minus
 * something, so that the residual pᵢ − yᵢ of a confidently right row keeps its full relative precision
 * (−σ(−40) ≈ −4.2·10⁻¹⁸ instead of 0): on nearly separated data these tiny residuals are the whole gradient.
 * Rows of weight 0 are skipped, so they cannot turn a product into 0 · ∞.
 */
export function accumulateLogLossDerivatives(
  data: FitData,
  inverseScale: number,
  centre: number,
  steepness: number,
  bias: number,
  into: LogLossDerivatives,
): void {
  const { logOdds, labels, weights } = data;
  let steepnessGradient = 0;
  let biasGradient = 0;
  let steepnessCurvature = 0;
  let crossCurvature = 0;
  let biasCurvature = 0;
  let crossCurvatureMagnitude = 0;
  for (let i = 0; i < data.rows; i++) {
    const weight = weights === undefined ? 1 : (weights[i] as number);
    if (weight === 0) continue;
    const u = (logOdds[i] as number) * inverseScale - centre;
    const calibrated = steepness * u + bias;
    // One exponential per row: the smaller of p and 1 − p from the stable sigmoid, the larger by subtraction
    // (exact to rounding, since it is at least ½).
    const smaller = sigmoid(-Math.abs(calibrated));
    const larger = 1 - smaller;
    const p = calibrated >= 0 ? larger : smaller;
    const q = calibrated >= 0 ? smaller : larger;
    const residual = labels[i] === 1 ? -q : p;
    const spread = weight * smaller * larger;
    steepnessGradient += weight * residual * u;
    biasGradient += weight * residual;
    steepnessCurvature += spread * u * u;
    crossCurvature += spread * u;
    biasCurvature += spread;
    crossCurvatureMagnitude += spread * Math.abs(u);
  }
  into.steepnessGradient = steepnessGradient;
  into.biasGradient = biasGradient;
  into.steepnessCurvature = steepnessCurvature;
  into.crossCurvature = crossCurvature;
  into.biasCurvature = biasCurvature;
  into.crossCurvatureMagnitude = crossCurvatureMagnitude;
}
