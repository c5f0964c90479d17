import type { ThresholdChoice, Thresholder, ThresholderDefinition } from "../contracts/thresholder.js";
import { validateWeights } from "../data/fit-data.js";
import { assertBinaryLabels } from "../data/labels.js";
import { assertNoNaN, assertNotEmpty, assertSameLength, toFloat64 } from "../data/scores.js";
import { CalibraError, ErrorCodes } from "../errors.js";
import { validateWithSchema } from "../schema/standard-schema.js";

/** Throws `E_INVALID_THRESHOLD` unless `threshold` is a number in [0, 1]. */
export function assertValidThreshold(threshold: number, where: string): void {
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new CalibraError(
      ErrorCodes.INVALID_THRESHOLD,
      `${where}: the threshold ${threshold} is not a probability in [0, 1].`,
      { details: { threshold } },
    );
  }
}

/** Throws `E_PROBABILITY_RANGE` (or `E_NAN_INPUT`) unless every value is a probability, naming the first bad row. */
export function assertProbabilities(values: ArrayLike<number>, what = "probabilities"): void {
  assertNoNaN(values, what);
  for (let i = 0; i < values.length; i++) {
    const p = values[i] as number;
    if (p < 0 || p > 1) {
      throw new CalibraError(
        ErrorCodes.PROBABILITY_RANGE,
        `${what}: row ${i} is ${p}, which is not a probability in [0, 1].`,
        { details: { row: i, value: p } },
      );
    }
  }
}

function build<Options>(
  definition: ThresholderDefinition<Options>,
  options: Options,
  choice: ThresholdChoice | undefined,
): Thresholder<Options> {
  if (choice !== undefined) assertValidThreshold(choice.threshold, `thresholder "${definition.id}"`);
  const threshold = choice?.threshold;
  const details = choice?.details ?? {};
  const self: Thresholder<Options> = {
    id: definition.id,
    options,
    definition,
    threshold,
    details,
    fit(probabilities, labels, weights) {
      if (!definition.needsData) return self;
      const p = toFloat64(probabilities, "probabilities");
      assertNotEmpty(p, "probabilities");
      const y = labels instanceof Uint8Array ? labels : Uint8Array.from(labels);
      assertSameLength(p, "probabilities", y, "labels");
      assertProbabilities(p);
      if (!(labels instanceof Uint8Array)) assertBinaryLabels(labels);
      assertBinaryLabels(y);
      const w = weights === undefined ? undefined : toFloat64(weights, "weights");
      if (w !== undefined) validateWeights(w, y);
      return build(
        definition,
        options,
        definition.choose(options, { probabilities: p, labels: y, weights: w }),
      );
    },
    decide(probabilities) {
      if (threshold === undefined) {
        throw new CalibraError(
          ErrorCodes.NOT_FITTED,
          `thresholder "${definition.id}" chooses its threshold from labelled data: call fit() before decide().`,
        );
      }
      const p = toFloat64(probabilities, "probabilities");
      assertNoNaN(p, "probabilities");
      const decisions = new Uint8Array(p.length);
      for (let i = 0; i < p.length; i++) decisions[i] = (p[i] as number) >= threshold ? 1 : 0;
      return decisions;
    },
    toJSON() {
      if (threshold === undefined) {
        throw new CalibraError(
          ErrorCodes.NOT_FITTED,
          `thresholder "${definition.id}" has no threshold yet: fit it before saving the pipeline.`,
        );
      }
      return Object.keys(details).length === 0
        ? { type: definition.id, params: options, value: threshold }
        : { type: definition.id, params: options, value: threshold, details };
    },
  };
  return self;
}

/** Binds options (validated against the definition's schema) to a thresholder definition. */
export function createThresholder<Options>(
  definition: ThresholderDefinition<Options>,
  options: unknown = {},
): Thresholder<Options> {
  const bound = validateWithSchema(
    definition.options,
    options,
    `thresholder "${definition.id}" options`,
    ErrorCodes.INVALID_OPTIONS,
  );
  return build(definition, bound, definition.needsData ? undefined : definition.choose(bound, undefined));
}

/** Rebuilds a thresholder with its already-chosen threshold, as read from a spec. */
export function thresholderFromSpec<Options>(
  definition: ThresholderDefinition<Options>,
  options: unknown,
  value: number,
  details: Readonly<Record<string, number | string | boolean>> | undefined,
  where: string,
): Thresholder<Options> {
  const bound = validateWithSchema(definition.options, options, where, ErrorCodes.SPEC_INVALID);
  return build(
    definition,
    bound,
    details === undefined ? { threshold: value } : { threshold: value, details },
  );
}
