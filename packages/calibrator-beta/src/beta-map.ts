import { logSigmoid, softplus } from "@calibra/core";

/**
 * The beta calibration map in log-odds: η(z) = a·ln(s) − b·ln(1 − s) + c with s = σ(z), evaluated from z as
 * a·logSigmoid(z) + b·softplus(z) + c, since ln σ(z) = logSigmoid(z) and −ln(1 − σ(z)) = softplus(z). Never forms
 * s, so no clipping is needed: z = ±3000 gives η = ∓3000·a + c or 3000·b + c exactly as the formula says.
 *
 * Monotone: dη/dz = a·(1 − s) + b·s, because d logSigmoid(z)/dz = 1 − σ(z) and d softplus(z)/dz = σ(z); with
 * a, b ≥ 0 this is ≥ 0, so η, and p = σ(η), are non-decreasing in z. In floating point each term is a
 * non-negative multiple of a non-decreasing function and IEEE addition is monotone in each argument, so the
 * computed η is non-decreasing too.
 *
 * A zero coefficient drops its term, so that 0·(±∞) never produces NaN at z = ±∞; at z = +∞, logSigmoid is −0 and
 * softplus is +∞ (η = +∞ when b > 0), at z = −∞ the reverse, and the two infinities never meet.
 */
export function betaLinearPredictor(z: number, a: number, b: number, c: number): number {
  let eta = c;
  if (a !== 0) eta += a * logSigmoid(z);
  if (b !== 0) eta += b * softplus(z);
  return eta;
}
