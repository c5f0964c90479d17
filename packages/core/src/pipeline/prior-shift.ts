import { CalibraError, ErrorCodes } from "../errors.js";
import { logit } from "../math/stable.js";

/**
 * A change of class prior between the data a probability was calibrated on and the data it is used on — the
 * fix for models trained with class weights or resampling. Under label shift, Bayes' rule moves every log-odds
 * value by the same amount: logit(p′) = logit(p) + logit(π_deploy) − logit(π_train).
 */
export interface PriorShift {
  /** Prevalence of the positive class the probabilities currently reflect (open interval (0, 1)). */
  readonly trainPrevalence: number;
  /** Prevalence of the positive class where the pipeline is used (open interval (0, 1)). */
  readonly deployPrevalence: number;
}

/** Throws `E_INVALID_OPTIONS` unless both prevalences lie strictly between 0 and 1. */
export function assertPriorShift(shift: PriorShift): void {
  for (const key of ["trainPrevalence", "deployPrevalence"] as const) {
    const value = shift[key];
    if (!(value > 0 && value < 1)) {
      throw new CalibraError(
        ErrorCodes.INVALID_OPTIONS,
        `priorShift.${key} is ${String(value)}; a prevalence must lie strictly between 0 and 1.`,
        { details: { [key]: value } },
      );
    }
  }
}

/** The log-odds offset logit(π_deploy) − logit(π_train) that a prior shift adds. */
export function priorShiftOffset(shift: PriorShift): number {
  return logit(shift.deployPrevalence) - logit(shift.trainPrevalence);
}
