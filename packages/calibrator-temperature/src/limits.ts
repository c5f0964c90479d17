import type { FitData } from "@calibra/core";

/**
 * Where the fitted temperature may lie.
 *
 * The fit works on the log-odds divided by their scale S = max(1, max |zᵢ|) (over rows with positive weight), so
 * that the search does not depend on the units of the scores: the model σ(z / T + c) is written σ(κ·z/S + c) with
 * the **steepness** κ = S / T = S·β, where β = 1 / T is the inverse temperature. Bounding κ bounds T relative to the
 * data: multiplying every log-odds value by k multiplies the fitted T by k (up to rounding), bounds included, as
 * long as max|z| ≥ 1 before and after. The `max(1, ·)` keeps T away from underflow when every log-odds value is
 * tiny, and keeps a fit on all-zero log-odds at a large T.
 */

/**
 * The floor on the steepness κ = S / T, i.e. β_min = MIN_STEEPNESS / S and T ≤ S · 10¹².
 *
 * Temperature scaling needs T > 0 (β > 0): a negative temperature would reverse the ranking. When the unconstrained
 * optimum has β ≤ 0 — scores anti-correlated with the labels, scores that carry no information, or all scores equal
 * with the bias on — the likelihood is largest at the smallest allowed β, and the fit stops there. Every training
 * log-odds value is then divided down to at most 10⁻¹² in magnitude, so on the training range the predictions
 * are σ(c) to within about 2.5·10⁻¹³ (σ′ ≤ ¼): the (weighted) prevalence when the bias is on, ½ when it is off.
 * Such a fit says "these scores do not help"; a model whose scores are reversed needs fixing, not calibrating.
 */
export const MIN_STEEPNESS = 1e-12;

/**
 * The cap on the steepness κ = S / T, i.e. T ≥ S · 10⁻⁶.
 *
 * On perfectly separated data (every positive scored above every negative, or on the right side of 0 without the
 * bias) the likelihood keeps rising as T → 0 and has no finite optimum. The fit stops at this cap: there the
 * training log-odds are multiplied by up to 10⁶ / S, so every row with |z/S| above 4·10⁻⁵ sits beyond ±40 in
 * calibrated log-odds, where σ rounds to 0 or 1 within 4·10⁻¹⁸ — a step function, which is what maximum likelihood
 * asks for on such data (and a sign that the calibration set is too small or too easy).
 */
export const MAX_STEEPNESS = 1e6;

/** The smallest and largest temperature a fit may return for a given log-odds scale. */
export interface TemperatureLimits {
  /** S / MAX_STEEPNESS: the temperature of a fit on perfectly separated data. */
  readonly minTemperature: number;
  /** S / MIN_STEEPNESS (at most the largest double): the temperature of a fit whose scores carry no information. */
  readonly maxTemperature: number;
}

/** S = max(1, max |zᵢ|) over the rows that take part in the fit (positive weight). */
export function logOddsScale(data: FitData): number {
  const { logOdds, weights } = data;
  let largest = 1;
  for (let i = 0; i < data.rows; i++) {
    if (weights !== undefined && weights[i] === 0) continue;
    const magnitude = Math.abs(logOdds[i] as number);
    if (magnitude > largest) largest = magnitude;
  }
  return largest;
}

/** The temperature T = S / κ for a steepness κ, kept finite when S is near the largest double. */
export function temperatureFromSteepness(scale: number, steepness: number): number {
  return Math.min(scale / steepness, Number.MAX_VALUE);
}

/** The temperature range a fit on data of log-odds scale S may return: [S·10⁻⁶, S·10¹²]. */
export function temperatureLimits(scale: number): TemperatureLimits {
  return {
    minTemperature: temperatureFromSteepness(scale, MAX_STEEPNESS),
    maxTemperature: temperatureFromSteepness(scale, MIN_STEEPNESS),
  };
}
