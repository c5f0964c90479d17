import type { Activation, ActivationDefinition } from "../contracts/activation.js";
import type { RawInput } from "../contracts/raw-output.js";
import { toRawMatrix } from "../data/raw-matrix.js";
import { ErrorCodes } from "../errors.js";
import { validateWithSchema } from "../schema/standard-schema.js";

/** Binds parameters (validated against the definition's schema) to an activation definition. */
export function createActivation<Params>(
  definition: ActivationDefinition<Params>,
  params: unknown = {},
): Activation<Params> {
  const bound = validateWithSchema(
    definition.params,
    params,
    `activation "${definition.id}" params`,
    ErrorCodes.INVALID_OPTIONS,
  );
  return {
    id: definition.id,
    columns: definition.columns,
    params: bound,
    definition,
    toLogOdds(raw: RawInput, out?: Float64Array): Float64Array {
      const matrix = toRawMatrix(raw, definition.columns, `activation "${definition.id}"`);
      const result = out ?? new Float64Array(matrix.rows);
      definition.toLogOdds(bound, matrix, result);
      return result;
    },
    toJSON: () => ({ type: definition.id, params: bound }),
  };
}
