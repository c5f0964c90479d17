import {
  assertNotEmpty,
  assertPriorShift,
  assertProbabilities,
  logit,
  type PriorShift,
  priorShiftOffset,
  type ScoresInput,
  sigmoid,
  toFloat64,
} from "@calibra/core";

/**
 * A prior shift for a pipeline: the positive class makes up `trainPrevalence` of the data the probabilities were
 * calibrated on and `deployPrevalence` where the pipeline is used (a model trained with class weights or resampling,
 * or a population whose base rate moved). Pass the result to `new Pipeline({ priorShift })` or
 * `fitPipeline({ priorShift })`: core's pipeline moves every log-odds value by the same amount (Bayes' rule under
 * label shift; Saerens, Latinne & Decaestecker 2002),
 *
 *     logit(p′) = logit(p) + logit(π_deploy) − logit(π_train),
 *
 * before the threshold applies, and stores the shift in the spec. Throws `E_INVALID_OPTIONS` unless both
 * prevalences lie strictly between 0 and 1.
 *
 * @example
 * const shift = priorShift({ trainPrevalence: 0.5, deployPrevalence: 0.05 });
 * const pipeline = fitPipeline({ raw, labels, classes, calibrator, thresholder, priorShift: shift });
 */
export function priorShift(shift: PriorShift): PriorShift {
  const result = { trainPrevalence: shift.trainPrevalence, deployPrevalence: shift.deployPrevalence };
  assertPriorShift(result);
  return result;
}

/**
 * The probabilities of {@link priorShift} applied outside a pipeline: p′ = σ(logit(p) + logit(π_deploy) −
 * logit(π_train)), the same arithmetic as a pipeline with a calibrator, so the results agree bit for bit (with no
 * shift, π_deploy = π_train, the probabilities are copied unchanged, as the pipeline leaves them). p = 0 and p = 1
 * stay 0 and 1. Validates the probabilities (`E_PROBABILITY_RANGE`, `E_NAN_INPUT`, `E_EMPTY_INPUT`) and the shift;
 * writes into `out` when given (it may be the input itself).
 */
export function shiftProbabilities(
  probabilities: ScoresInput,
  shift: PriorShift,
  out?: Float64Array,
): Float64Array {
  assertPriorShift(shift);
  const p = toFloat64(probabilities, "probabilities");
  assertNotEmpty(p, "probabilities");
  assertProbabilities(p);
  const result = out ?? new Float64Array(p.length);
  if (result.length < p.length) {
    throw new RangeError(`output array has ${result.length} slots for ${p.length} probabilities`);
  }
  const offset = priorShiftOffset(shift);
  if (offset === 0) {
    result.set(p);
    return result;
  }
  for (let i = 0; i < p.length; i++) result[i] = sigmoid(logit(p[i] as number) + offset);
  return result;
}
