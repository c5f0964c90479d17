import { CalibraError, ErrorCodes } from "@calibra/core";

/**
 * How probabilities are cut into bins for binned calibration metrics.
 *
 * - `"equal-width"`: B bins of width 1/B over [0, 1]; bin k = min(⌊p·B⌋, B − 1), so bin k holds [k/B, (k+1)/B)
 *   and the last bin also holds 1 (the usual ECE binning of Guo et al. 2017 and of the reference files).
 * - `"equal-mass"`: bins holding (nearly) equal numbers of rows, laid out exactly as Kumar, Liang & Ma (2019)'s
 *   `get_equal_bins` does it — see {@link equalMassBinEdges}. Ties are never split.
 */
export type BinningStrategy = "equal-width" | "equal-mass";

/** The binning strategies, for validation and help texts. */
export const BINNING_STRATEGIES: readonly BinningStrategy[] = ["equal-width", "equal-mass"];

/** Fifteen bins: the count of Guo et al. (2017), "On Calibration of Modern Neural Networks", and of the reference ECE. */
export const DEFAULT_CALIBRATION_BINS = 15;

/**
 * The most bins a metric accepts. Binned metrics keep a few numbers per bin; a million bins is already far finer
 * than any data set can fill, so a larger request is a mistake and is refused rather than allocated.
 */
export const MAX_CALIBRATION_BINS = 1_000_000;

/** Throws `E_INVALID_OPTIONS` unless `bins` is an integer in [1, {@link MAX_CALIBRATION_BINS}]. */
export function assertBinCount(bins: number, where: string): void {
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= MAX_CALIBRATION_BINS)) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `${where}: bins is ${String(bins)}; it must be an integer from 1 to ${MAX_CALIBRATION_BINS}.`,
      { details: { bins } },
    );
  }
}

/** Throws `E_INVALID_OPTIONS` unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  option: string,
  where: string,
): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `${where}: ${option} is ${JSON.stringify(value)}; it must be one of ${allowed.map((a) => `"${a}"`).join(", ")}.`,
      { details: { [option]: value } },
    );
  }
}
