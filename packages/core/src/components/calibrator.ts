import type { Calibrator, CalibratorDefinition, FittedCalibrator } from "../contracts/calibrator.js";
import { prepareFitData } from "../data/fit-data.js";
import { assertNoNaN, type ScoresInput, toFloat64 } from "../data/scores.js";
import { ErrorCodes } from "../errors.js";
import { validateWithSchema } from "../schema/standard-schema.js";

/**
 * Wraps fitted parameters in a {@link FittedCalibrator}. The parameters are compiled once; `predict` validates
 * its input and calls the compiled function.
 */
export function fittedCalibrator<Options, Params>(
  definition: CalibratorDefinition<Options, Params>,
  params: Params,
): FittedCalibrator<Params> {
  const apply = definition.compile(params);
  const monotone =
    typeof definition.monotone === "function" ? definition.monotone(params) : definition.monotone;
  return {
    id: definition.id,
    params,
    monotone,
    definition,
    predict(logOdds: ScoresInput, out?: Float64Array): Float64Array {
      const z = toFloat64(logOdds, "log-odds");
      assertNoNaN(z, "log-odds");
      const result = out ?? new Float64Array(z.length);
      apply(z, result);
      return result;
    },
    toJSON: () => ({ type: definition.id, params }),
  };
}

/**
 * Binds options (validated against the definition's schema) to a calibrator definition. This is what a
 * package's factory, such as `platt(options)`, returns.
 */
export function createCalibrator<Options, Params>(
  definition: CalibratorDefinition<Options, Params>,
  options: unknown = {},
): Calibrator<Options, Params> {
  const bound = validateWithSchema(
    definition.options,
    options,
    `calibrator "${definition.id}" options`,
    ErrorCodes.INVALID_OPTIONS,
  );
  return {
    id: definition.id,
    options: bound,
    definition,
    fit(logOdds, labels, weights) {
      const data = prepareFitData(logOdds, labels, weights);
      return fittedCalibrator(definition, definition.fit(data, bound));
    },
  };
}

/**
 * Rebuilds a fitted calibrator from serialised parameters (as found in a spec), validating them first;
 * throws `E_SPEC_INVALID` naming each wrong field.
 */
export function calibratorFromParams<Params>(
  definition: CalibratorDefinition<unknown, Params>,
  params: unknown,
  where = `calibrator "${definition.id}" params`,
): FittedCalibrator<Params> {
  const parsed = validateWithSchema(definition.params, params, where, ErrorCodes.SPEC_INVALID);
  return fittedCalibrator(definition, parsed);
}
