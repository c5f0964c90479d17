import type { Evaluation, EvaluationSide } from "./evaluation.js";

/** One side of an evaluation with its name, as the renderers label it. */
export interface NamedSide {
  readonly name: "uncalibrated" | "calibrated";
  readonly side: EvaluationSide;
}

/** The evaluation's sides in display order: uncalibrated, then calibrated when there is one. */
export function namedSides(evaluation: Evaluation): NamedSide[] {
  const sides: NamedSide[] = [{ name: "uncalibrated", side: evaluation.uncalibrated }];
  if (evaluation.calibrated !== undefined) sides.push({ name: "calibrated", side: evaluation.calibrated });
  return sides;
}

/** Rows of each class, from the side's histogram (unweighted counts). */
export function classRowCounts(side: EvaluationSide): {
  readonly positive: number;
  readonly negative: number;
} {
  let positive = 0;
  let negative = 0;
  for (const count of side.histogram.positive) positive += count;
  for (const count of side.histogram.negative) negative += count;
  return { positive, negative };
}
