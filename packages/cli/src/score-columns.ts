import { type AnyActivation, CalibraError, createActivation, ErrorCodes, type Registry } from "@calibra/core";

/** The default score column of one-column activations. */
export const DEFAULT_SCORE_COLUMN = "score";

/**
 * The activation named by `--activation` and the columns `--score-col` names for it (comma-separated: one for
 * sigmoid and probability, `neg,pos` for softmax2 and two-sigmoids). `E_INVALID_OPTIONS` when the count differs.
 */
export function activationWithColumns(
  registry: Registry,
  activationId: string,
  scoreCol: string | undefined,
  fallback: readonly string[] | undefined,
): { activation: AnyActivation; scoreColumns: string[] } {
  const activation = createActivation(registry.activation(activationId));
  const scoreColumns =
    scoreCol !== undefined
      ? scoreCol.split(",").map((name) => name.trim())
      : [...(fallback ?? (activation.columns === 1 ? [DEFAULT_SCORE_COLUMN] : []))];
  if (scoreColumns.length !== activation.columns || scoreColumns.some((name) => name === "")) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      activation.columns === 2
        ? `activation "${activation.id}" reads two columns: pass --score-col <negative class column>,<positive class column>.`
        : `activation "${activation.id}" reads one column: pass --score-col <column>.`,
      { details: { activation: activation.id, scoreColumns } },
    );
  }
  return { activation, scoreColumns };
}
