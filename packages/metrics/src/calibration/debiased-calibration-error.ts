import type { ScoresInput } from "@calibra/core";
import type { LabelsInput } from "../confusion/labelled-probabilities.js";
import { assignBins } from "./bin-assignment.js";
import { binTotals } from "./bin-totals.js";
import { assertBinCount, DEFAULT_CALIBRATION_BINS } from "./binning-options.js";
import { prepareProbabilityData } from "./metric-inputs.js";

/** Options of {@link debiasedCalibrationError}. */
export interface DebiasedCalibrationErrorOptions {
  /** Equal-mass bins requested, an integer ≥ 1 (default 15, as `lower_bound_scaling_ce`). */
  bins?: number;
  /**
   * Return the debiased estimate of the SQUARED L2 error itself, unclamped (it can be negative: it is unbiased,
   * not a square), instead of √max(0, ·). Default `false`.
   */
  squared?: boolean;
}

/**
 * The debiased L2 calibration error of Kumar, Liang & Ma (2019), "Verified Uncertainty Calibration" (NeurIPS),
 * for P(positive): their `get_calibration_error(p, y, p=2, debias=True)` on continuous (scaling) probabilities,
 * i.e. `lower_bound_scaling_ce(p, y, p=2, debias=True, num_bins=B, binning_scheme=get_equal_bins)`.
 *
 * The plug-in estimate Σₖ (nₖ/n)(ȳₖ − p̄ₖ)² of the squared L2 calibration error is biased upwards: ȳₖ is noisy, and
 * E[(ȳₖ − p̄ₖ)²] = (E ȳₖ − p̄ₖ)² + Var(ȳₖ). Subtracting an estimate of that variance per bin gives
 *
 *   CE²_debiased = Σₖ (nₖ/n)·[(ȳₖ − p̄ₖ)² − ȳₖ(1 − ȳₖ)/(nₖ − 1)],
 *
 * where bins with fewer than 2 rows contribute 0 (their term is undefined) but still count in n. The function
 * returns √max(0, CE²_debiased) (as theirs does), or CE²_debiased itself with `squared: true`. The bins are the
 * equal-mass bins of `get_equal_bins` (see {@link ace}): B runs of the sorted probabilities, edges at midpoints,
 * ties never split. Unweighted (their estimator has no weights). Their `get_calibration_error` switches to one bin
 * per distinct value when there are fewer than n/4 distinct probabilities (a binned model); this function always
 * uses equal-mass bins.
 *
 * Throws `CalibraError`: `E_LENGTH_MISMATCH`, `E_EMPTY_INPUT`, `E_NAN_INPUT`, `E_PROBABILITY_RANGE`,
 * `E_LABEL_CLASSES`, `E_INVALID_OPTIONS`.
 */
export function debiasedCalibrationError(
  probabilities: ScoresInput,
  labels: LabelsInput,
  options: DebiasedCalibrationErrorOptions = {},
): number {
  const { bins = DEFAULT_CALIBRATION_BINS, squared = false } = options;
  assertBinCount(bins, "debiasedCalibrationError");
  const data = prepareProbabilityData(probabilities, labels, undefined, "debiasedCalibrationError");
  const assignment = assignBins(data.probabilities, bins, "equal-mass");
  const totals = binTotals(data, assignment.binOfRow, assignment.bins);
  const rows = data.probabilities.length;
  let estimate = 0;
  for (let k = 0; k < assignment.bins; k++) {
    const count = totals.counts[k] as number;
    if (count < 2) continue;
    const fractionPositive = (totals.positives[k] as number) / count;
    const gap = (totals.predicted[k] as number) / count - fractionPositive;
    const labelVariance = (fractionPositive * (1 - fractionPositive)) / (count - 1);
    estimate += (count / rows) * (gap * gap - labelVariance);
  }
  return squared ? estimate : Math.sqrt(Math.max(estimate, 0));
}
