import { sigmoidActivation } from "../builtins/activations.js";
import { createActivation } from "../components/activation.js";
import type { AnyActivation, AnyCalibrator, AnyThresholder } from "../contracts/plugin.js";
import type { RawInput } from "../contracts/raw-output.js";
import { prepareFitData } from "../data/fit-data.js";
import type { ClassNames, EncodedLabels } from "../data/labels.js";
import type { ScoresInput } from "../data/scores.js";
import { CalibraError, ErrorCodes } from "../errors.js";
import { Pipeline } from "./pipeline.js";
import type { PriorShift } from "./prior-shift.js";

/** Inputs of {@link fitPipeline}. */
export interface FitPipelineInput {
  /** Raw model output on held-out labelled rows. */
  readonly raw: RawInput;
  /** Encoded labels (from `encodeLabels`, carrying the class names) or 0/1 labels with `classes`. */
  readonly labels: EncodedLabels | Uint8Array;
  /** Class names; required when `labels` is a plain `Uint8Array`. */
  readonly classes?: ClassNames;
  readonly weights?: ScoresInput;
  /** Raw output → log-odds; the sigmoid activation (one logit per row) when omitted. */
  readonly activation?: AnyActivation;
  /** The calibrator to fit; none (P = sigmoid(log-odds)) when omitted. */
  readonly calibrator?: AnyCalibrator | null;
  /** The thresholder to fit on the pipeline's probabilities; a fixed ½ when omitted. */
  readonly thresholder?: AnyThresholder;
  readonly priorShift?: PriorShift;
  /** The fit's timestamp (now when omitted). */
  readonly now?: Date;
}

/**
 * Fits a whole pipeline on labelled raw output: activation → calibrator fit → thresholder fit on the resulting
 * probabilities, and records a fit summary (rows, prevalence, time).
 */
export function fitPipeline(input: FitPipelineInput): Pipeline {
  const encoded = input.labels instanceof Uint8Array ? undefined : input.labels;
  const labels = encoded ? encoded.labels : (input.labels as Uint8Array);
  const classes = encoded?.classes ?? input.classes;
  if (classes === undefined) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      "fitPipeline needs the class names: pass labels from encodeLabels() or { classes: { positive, negative } }.",
    );
  }
  const activation = input.activation ?? createActivation(sigmoidActivation);
  const logOdds = activation.toLogOdds(input.raw);
  const data = prepareFitData(logOdds, labels, input.weights);
  const calibrator = input.calibrator ? input.calibrator.fit(data.logOdds, data.labels, data.weights) : null;
  const fit = {
    rows: data.rows,
    prevalence: data.positiveWeight / (data.positiveWeight + data.negativeWeight),
    weighted: data.weights !== undefined,
    fittedAt: (input.now ?? new Date()).toISOString(),
  };
  const unfitted = new Pipeline({
    classes,
    activation,
    calibrator,
    priorShift: input.priorShift ?? null,
    fit,
  });
  if (input.thresholder === undefined) return unfitted;
  const thresholder = input.thresholder.definition.needsData
    ? input.thresholder.fit(unfitted.probabilitiesFromLogOdds(data.logOdds), data.labels, data.weights)
    : input.thresholder;
  return new Pipeline({
    classes,
    activation,
    calibrator,
    priorShift: input.priorShift ?? null,
    thresholder,
    fit,
  });
}
