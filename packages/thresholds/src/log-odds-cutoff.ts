import { assertValidThreshold, sigmoid, smallestDoubleWhere } from "@calibra/core";

/**
 * The exact log-odds cutoff of a probability threshold: the smallest double z with `sigmoid(z) >= threshold`
 * (core's `sigmoid`, which is non-decreasing on adjacent doubles). Then, for every double z,
 *
 *     z >= logOddsCutoffFor(t)   ⇔   sigmoid(z) >= t,
 *
 * so a model's log-odds can be compared with one number and give the same decisions as its probabilities, to the
 * last bit. It is within a few ulps of logit(t) = log(t / (1 − t)) for t in (0, 1), and differs from it where σ
 * saturates: t = 0 gives −∞ (every z is positive), t = 1 gives the smallest z whose sigmoid rounds to 1
 * (≈ 36.74), and a t below σ(−745) ≈ 5e−324 but above 0 gives the smallest z with a non-zero sigmoid. Found by
 * bisection over the doubles themselves (core's `smallestDoubleWhere`, at most 64 evaluations). Throws
 * `E_INVALID_THRESHOLD` for a threshold outside [0, 1].
 */
export function logOddsCutoffFor(threshold: number): number {
  assertValidThreshold(threshold, "logOddsCutoffFor");
  // sigmoid(+∞) = 1 >= every threshold in [0, 1], so a smallest such double always exists.
  return smallestDoubleWhere((z) => sigmoid(z) >= threshold) as number;
}
