import type { FitData } from "@calibra/core";

/**
 * Total weights outside [10⁻²⁵⁰, 10²⁵⁰] are rescaled before fitting. Core accepts any finite non-negative weights,
 * but a total near the largest double overflows (10³⁰⁸ twice is ∞, and ∞ / ∞ is NaN) and one near the smallest loses
 * its digits in the subnormals. Every quantity the fit divides by the total weight is unchanged by a common factor,
 * so rescaling changes nothing else; inside this range no sum of weight-bounded terms can overflow or underflow.
 */
const SAFE_TOTAL_WEIGHT_MIN = 1e-250;
const SAFE_TOTAL_WEIGHT_MAX = 1e250;

/**
 * The data with weights divided by the largest weight when their total is out of the safe range, so that the fit's
 * sums stay finite and precise; the data itself otherwise (no copy). Temperature scaling is invariant to multiplying
 * every weight by the same positive number.
 */
export function withWellScaledWeights(data: FitData): FitData {
  const { weights } = data;
  const total = data.positiveWeight + data.negativeWeight;
  if (weights === undefined || (total >= SAFE_TOTAL_WEIGHT_MIN && total <= SAFE_TOTAL_WEIGHT_MAX))
    return data;
  let largest = 0;
  for (let i = 0; i < weights.length; i++) largest = Math.max(largest, weights[i] as number);
  const scaled = new Float64Array(weights.length);
  let positiveWeight = 0;
  let negativeWeight = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = (weights[i] as number) / largest;
    scaled[i] = weight;
    if (data.labels[i] === 1) positiveWeight += weight;
    else negativeWeight += weight;
  }
  return { ...data, weights: scaled, positiveWeight, negativeWeight };
}
