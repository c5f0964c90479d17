import type { FitData } from "@calibra/core";
import { increasingFromRankBalance } from "./direction.js";
import type { IsotonicOptions } from "./isotonic-options.js";
import type { IsotonicParams } from "./isotonic-params.js";
import { poolAdjacentViolators } from "./pav.js";
import { uniquePoints } from "./unique-points.js";

/** Lower bound of the fitted values: scikit-learn's `y_min=0`, the smallest probability. */
const PROBABILITY_MIN = 0;
/** Upper bound of the fitted values: scikit-learn's `y_max=1`; a pooled mean can exceed 1 by rounding. */
const PROBABILITY_MAX = 1;

/**
 * Fits isotonic regression of the labels on the log-odds exactly as scikit-learn 1.2's
 * `IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1, increasing=…)` does (`_build_y`):
 *
 * 1. direction: `true`, or for `"auto"` the sign of Spearman's ρ (see `direction.ts`);
 * 2. sort by log-odds and merge values closer than 1e-15 into one point with the weighted mean label and the
 *    summed weight (`_make_unique`), leaving out zero-weight rows;
 * 3. pool-adjacent-violators on the points (in reverse order for a decreasing fit), O(n);
 * 4. clip to [0, 1];
 * 5. keep the first and last points and every point whose value differs from either neighbour's
 *    (`keep_data[1:-1] = (y[1:-1] != y[:-2]) | (y[1:-1] != y[2:])`): the interior of a constant run adds nothing to
 *    the interpolation.
 *
 * After the sort, every step is a linear pass over typed arrays.
 */
export function fitIsotonic(data: FitData, options: IsotonicOptions): IsotonicParams {
  const points = uniquePoints(data, options.increasing === "auto");
  const increasing = options.increasing === true || increasingFromRankBalance(points.rankBalance);
  const values = points.means;
  const weights = points.weights;

  if (!increasing) {
    values.reverse();
    weights.reverse();
  }
  poolAdjacentViolators(values, weights);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value < PROBABILITY_MIN) values[i] = PROBABILITY_MIN;
    else if (value > PROBABILITY_MAX) values[i] = PROBABILITY_MAX;
  }
  if (!increasing) values.reverse();

  const { logOdds, probabilities } = dropRedundantPoints(points.logOdds, values);
  return { logOdds, probabilities, increasing, interpolation: options.interpolation };
}

/** scikit-learn's `trim_duplicates`: keeps the ends and every point whose value differs from a neighbour's. */
function dropRedundantPoints(
  logOdds: Float64Array,
  values: Float64Array,
): { logOdds: number[]; probabilities: number[] } {
  const count = values.length;
  const keptLogOdds: number[] = [];
  const keptProbabilities: number[] = [];
  for (let i = 0; i < count; i++) {
    const value = values[i] as number;
    const keep = i === 0 || i === count - 1 || value !== values[i - 1] || value !== values[i + 1];
    if (keep) {
      keptLogOdds.push(logOdds[i] as number);
      keptProbabilities.push(value);
    }
  }
  return { logOdds: keptLogOdds, probabilities: keptProbabilities };
}
