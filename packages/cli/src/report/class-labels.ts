import type { Evaluation } from "./evaluation.js";

/**
 * "P(<positive class>)", the name of the probability everywhere in the table and the report: "P(Yes)", or
 * "P(churn = Yes)" when the command names the class with its column.
 */
export function probabilityLabel(classes: Evaluation["classes"]): string {
  return classes.column ? `P(${classes.column} = ${classes.positive})` : `P(${classes.positive})`;
}
