/**
 * The affine map z′ = (z − center) / scale that puts the log-odds on a unit scale before the Newton fit.
 *
 * Newton's method is affine-invariant in exact arithmetic, but its safeguards are not: the Hessian's condition
 * number (which decides when to damp), the relative gradient test and the rounding of the 2 × 2 solve all behave
 * best when the slope and intercept directions have comparable curvature. Log-odds in the thousands (Gaussian
 * naive Bayes) or spread over 1e-9 (a model that barely moves its scores) would otherwise give Hessians with
 * condition numbers beyond 1e12. After standardising, Σ wᵢ z′ᵢ = 0 and Σ wᵢ z′ᵢ² = Σ wᵢ, so the Hessian is
 * diagonal-dominant at the start whatever the input's units.
 */
export interface Standardisation {
  /** Weighted mean of the log-odds. */
  readonly center: number;
  /** Weighted standard deviation of the log-odds (> 0). */
  readonly scale: number;
  /**
   * The exact power of two the log-odds were multiplied by before the mean and deviation were taken, so that
   * sums of values near ±1.8e308 cannot overflow. `center` and `scale` are in the pre-scaled units.
   */
  readonly prescale: number;
  /** max |zᵢ| / scale over the rows with positive weight, in the original units: how far from 0, in standard
   * deviations, the log-odds reach. A slope a′ on z′ means |a·zᵢ| up to |a′|·reach in a·z + b. */
  readonly reach: number;
  /** max |z′ᵢ| over the rows with positive weight: how far, in standard deviations, the log-odds reach from their
   * mean. */
  readonly standardisedReach: number;
}

/**
 * Bounds on k in the pre-scale 2⁻ᵏ. 2⁻¹⁰²⁴ (for |z| up to the largest double) is a subnormal but still an exact
 * power of two; below k = −1000 the factor 2¹⁰⁰⁰ would be the last safe one before 2¹⁰²⁴ overflows, and values that
 * small need no pre-scaling anyway (their mean and deviation are computed exactly enough without it).
 */
const MAX_PRESCALE_EXPONENT = 1024;
const MIN_PRESCALE_EXPONENT = -1000;

/**
 * Returns the map, or `undefined` when every row with positive weight has the same log-odds value — then the slope
 * is not identifiable and the caller fits the intercept alone — and, when `out` is given, writes
 * z′ᵢ = (zᵢ·2⁻ᵏ − center) · (1 / scale) into it ({@link writeStandardisedLogOdds}). Weighted mean and deviation:
 * zero-weight rows do not move the map (they do not enter the objective either). O(n), three passes (four with
 * `out`), no allocation.
 */
export function standardiseLogOdds(
  logOdds: Float64Array,
  weights: Float64Array | undefined,
  out?: Float64Array,
): Standardisation | undefined {
  const range = weights === undefined ? rangeOf(logOdds) : weightedRangeOf(logOdds, weights);
  const smallest = range[0] as number;
  const largest = range[1] as number;
  if (!(smallest < largest)) return undefined;

  // Multiply by a power of two (exact) so that every value has magnitude below 2: the sums below cannot overflow.
  const magnitude = Math.max(Math.abs(smallest), Math.abs(largest));
  const exponent = Math.ceil(Math.log2(magnitude));
  const prescale = 2 ** -Math.min(Math.max(exponent, MIN_PRESCALE_EXPONENT), MAX_PRESCALE_EXPONENT);

  // With unit weights, weight·x = x and the total weight is the row count: the same sums without the multiplications.
  let totalWeight = 0;
  let weightedSum = 0;
  if (weights === undefined) {
    totalWeight = logOdds.length;
    for (let i = 0; i < logOdds.length; i++) weightedSum += (logOdds[i] as number) * prescale;
  } else {
    for (let i = 0; i < logOdds.length; i++) {
      const weight = weights[i] as number;
      totalWeight += weight;
      weightedSum += weight * ((logOdds[i] as number) * prescale);
    }
  }
  const center = weightedSum / totalWeight;
  let squares = 0;
  if (weights === undefined) {
    for (let i = 0; i < logOdds.length; i++) {
      const deviation = (logOdds[i] as number) * prescale - center;
      squares += deviation * deviation;
    }
  } else {
    for (let i = 0; i < logOdds.length; i++) {
      const deviation = (logOdds[i] as number) * prescale - center;
      squares += (weights[i] as number) * deviation * deviation;
    }
  }
  const scale = Math.sqrt(squares / totalWeight);
  // Distinct values always give a positive deviation; the guard only protects against pathological rounding.
  if (!(scale > 0)) return undefined;
  const map = {
    center,
    scale,
    prescale,
    reach: (magnitude * prescale) / scale,
    standardisedReach:
      Math.max(Math.abs(smallest * prescale - center), Math.abs(largest * prescale - center)) / scale,
  };
  if (out !== undefined) writeStandardisedLogOdds(map, logOdds, out);
  return map;
}

/** Writes z′ᵢ = (zᵢ·2⁻ᵏ − center) · (1 / scale) for every row into `out`. O(n), no allocation. Passes that
 * cannot afford a standardised copy (`standardisedDerivatives`, `strideSubsample`) inline the same expression and
 * get the same values, bit for bit. */
export function writeStandardisedLogOdds(
  map: Standardisation,
  logOdds: Float64Array,
  out: Float64Array,
): void {
  const { prescale, center } = map;
  const inverseScale = 1 / map.scale;
  for (let i = 0; i < logOdds.length; i++)
    out[i] = ((logOdds[i] as number) * prescale - center) * inverseScale;
}

/**
 * Maps parameters fitted on standardised log-odds back to the original units. With z′ = (z·s₀ − c)/s:
 *
 *   a′·z′ + b′ = (a′·s₀/s)·z + (b′ − (a′/s)·c),  so  a = (a′/s)·s₀,  b = b′ − (a′/s)·c.
 *
 * In floating point a·z + b then equals a′·z′ + b′ up to the rounding of a·z and of the sum, which is relatively
 * small unless |center| ≫ scale (all log-odds crowded far from 0), where any (a, b) parameterisation loses the same
 * digits.
 */
export function unstandardise(
  map: Standardisation,
  slope: number,
  intercept: number,
): { a: number; b: number } {
  const slopePerPrescaledUnit = slope / map.scale;
  return {
    a: slopePerPrescaledUnit * map.prescale,
    b: intercept - slopePerPrescaledUnit * map.center,
  };
}

/** [min, max] of the log-odds. */
function rangeOf(logOdds: Float64Array): [number, number] {
  let smallest = Number.POSITIVE_INFINITY;
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logOdds.length; i++) {
    const z = logOdds[i] as number;
    if (z < smallest) smallest = z;
    if (z > largest) largest = z;
  }
  return [smallest, largest];
}

/** [min, max] of the log-odds of the rows with positive weight (±∞ reversed when there are none). */
function weightedRangeOf(logOdds: Float64Array, weights: Float64Array): [number, number] {
  let smallest = Number.POSITIVE_INFINITY;
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logOdds.length; i++) {
    if (weights[i] === 0) continue;
    const z = logOdds[i] as number;
    if (z < smallest) smallest = z;
    if (z > largest) largest = z;
  }
  return [smallest, largest];
}
