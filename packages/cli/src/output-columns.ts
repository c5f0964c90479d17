import { CalibraError, ErrorCodes } from "@calibra/core";

/** Name of the probability column for the class named `positive`: `p_<name>`. */
export function probabilityColumn(positive: string): string {
  return `p_${positive}`;
}

/** The decision column: the class name chosen for each row. */
export const DECISION_COLUMN = "decision";

/** The raw log-odds column `predict` writes. */
export const LOG_ODDS_COLUMN = "log_odds";

/** Refuses output columns the input already has, rather than writing two columns of one name. */
export function assertNewColumns(file: string, existing: readonly string[], added: readonly string[]): void {
  const clashes = added.filter((name) => existing.includes(name));
  if (clashes.length > 0) {
    throw new CalibraError(
      ErrorCodes.DATA_FORMAT,
      `${file} already has column${clashes.length > 1 ? "s" : ""} ${clashes.map((c) => `"${c}"`).join(", ")}, which this command adds. Rename or drop ${clashes.length > 1 ? "them" : "it"} first.`,
      { details: { file, columns: clashes } },
    );
  }
}
