/**
 * Numerically stable logistic functions, exact to a few ulps for every finite input and correct at ±Infinity.
 *
 * The naive forms overflow or cancel: `1 / (1 + exp(-x))` is fine for x ≥ 0 but `exp(-x)` overflows for x ≪ 0,
 * and `log(1 + exp(x))` loses everything once exp(x) < 2⁻⁵³. Each function below picks, per sign of its input,
 * the branch in which no intermediate overflows and no significant digits cancel.
 */

/** Values that can be read as a sequence of numbers. */
export type NumericArray = ArrayLike<number>;

/**
 * Below this, σ(x) = eˣ / (1 + eˣ) equals eˣ in doubles (eˣ < 2⁻⁵³, so 1 + eˣ rounds to 1), and eˣ is used directly:
 * it keeps full precision down to the subnormals, where 1 / (1 + e⁻ˣ) would overflow to 0 from x ≈ −709.
 */
const SIGMOID_EXP_BRANCH = -37;

/**
 * The logistic sigmoid σ(x) = 1 / (1 + e⁻ˣ).
 *
 * Evaluated as 1 / (1 + e⁻ˣ) from x = −37 up — a chain of monotone, correctly rounded steps, so σ is
 * non-decreasing on every pair of adjacent doubles (the common e^x / (1 + e^x) form for x < 0 is not: the rounding
 * of 1 + e^x makes it step down by an ulp for about 1% of neighbours) — and as eˣ below, where that equals σ(x)
 * in doubles. Tiny results keep full relative precision down to the subnormals (σ(−740) ≈ 4.2e−322) and underflow
 * to exactly 0 only below the smallest double (σ(−800) = 0). σ(±∞) = 1 and 0; NaN propagates.
 */
export function sigmoid(x: number): number {
  return x < SIGMOID_EXP_BRANCH ? Math.exp(x) : 1 / (1 + Math.exp(-x));
}

/**
 * softplus(x) = log(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|).
 * Never overflows; softplus(800) = 800 exactly and softplus(−800) is the correct tiny value (here 0 after underflow).
 */
export function softplus(x: number): number {
  if (x > 0) return x + Math.log1p(Math.exp(-x));
  return Math.log1p(Math.exp(x));
}

/**
 * log σ(x) = −softplus(−x). logSigmoid(−800) = −800 exactly; logSigmoid(800) = −0 (the true value, −e⁻⁸⁰⁰, underflows).
 */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}

/**
 * The log-odds of a probability, logit(p) = log(p / (1 − p)).
 *
 * Below ½ it evaluates log(p) − log1p(−p), which keeps precision for tiny p; from ½ up, 1 − p is exact
 * (Sterbenz) so log(p) − log(1 − p) is accurate up to p = 1 − 2⁻⁵³. logit(0) = −∞, logit(1) = +∞, and a p outside
 * [0, 1] or NaN gives NaN: validate probabilities before calling it on untrusted data.
 */
export function logit(p: number): number {
  if (p < 0.5) return Math.log(p) - Math.log1p(-p);
  return Math.log(p) - Math.log(1 - p);
}

function mapInto(
  fn: (x: number) => number,
  values: NumericArray,
  out: Float64Array | undefined,
): Float64Array {
  const n = values.length;
  const result = out ?? new Float64Array(n);
  if (result.length < n) {
    throw new RangeError(`output array has ${result.length} slots for ${n} values`);
  }
  for (let i = 0; i < n; i++) result[i] = fn(values[i] as number);
  return result;
}

/** {@link sigmoid} of every element, into `out` when given (it may be the input itself). */
export function sigmoidArray(values: NumericArray, out?: Float64Array): Float64Array {
  return mapInto(sigmoid, values, out);
}

/** {@link logSigmoid} of every element, into `out` when given. */
export function logSigmoidArray(values: NumericArray, out?: Float64Array): Float64Array {
  return mapInto(logSigmoid, values, out);
}

/** {@link softplus} of every element, into `out` when given. */
export function softplusArray(values: NumericArray, out?: Float64Array): Float64Array {
  return mapInto(softplus, values, out);
}

/** {@link logit} of every element, into `out` when given. */
export function logitArray(values: NumericArray, out?: Float64Array): Float64Array {
  return mapInto(logit, values, out);
}
