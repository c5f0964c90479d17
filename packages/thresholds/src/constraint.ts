import { CalibraError, ErrorCodes, type ThresholdChoice, type ThresholdData } from "@calibra/core";
import { type ConfusionCounts, falsePositiveRateOf, precisionOf, recallOf } from "@calibra/metrics";
import { bestCandidate, candidatesOf, requireData, scratchCounts, writeCountsAt } from "./candidates.js";

/** A constrained choice: maximise `objective` over the thresholds whose `measure` is at least (most) `target`. */
export interface ConstraintRule {
  /** The thresholder id, for messages. */
  readonly id: string;
  /** The constrained quantity in words ("precision"). */
  readonly measureName: string;
  readonly measure: (counts: ConfusionCounts) => number;
  /** `"at least"`: feasible when measure ≥ target; `"at most"`: when measure ≤ target. */
  readonly bound: "at least" | "at most";
  readonly target: number;
  /** The maximised quantity in words ("recall"). */
  readonly objectiveName: string;
  readonly objective: (counts: ConfusionCounts) => number;
}

/**
 * The threshold that maximises the rule's objective among the distinct probabilities whose rule `p >= t` meets the
 * constraint; ties go to the higher threshold. Predicting nothing positive is never a candidate: it meets a recall
 * of 0 at best. When no threshold meets the constraint, throws `E_NO_THRESHOLD` saying the best value any threshold
 * attains (with `details.best`, `details.bestThreshold`). `details` of the choice: `precision`, `recall` and
 * `falsePositiveRate` at the threshold.
 */
export function chooseUnderConstraint(
  rule: ConstraintRule,
  data: ThresholdData | undefined,
): ThresholdChoice {
  const candidates = candidatesOf(requireData(rule.id, data), false);
  const { measure, target } = rule;
  const feasible =
    rule.bound === "at least"
      ? (counts: ConfusionCounts) => measure(counts) >= target
      : (counts: ConfusionCounts) => measure(counts) <= target;
  const best = bestCandidate(candidates, rule.objective, feasible);
  if (best === -1) {
    const closest = bestCandidate(candidates, rule.bound === "at least" ? measure : (c) => -measure(c));
    const counts = writeCountsAt(candidates, closest, scratchCounts());
    const attained = measure(counts);
    const bestThreshold = candidates.thresholds[closest] as number;
    throw new CalibraError(
      ErrorCodes.NO_THRESHOLD,
      `thresholder "${rule.id}": no threshold gives ${rule.measureName} ${rule.bound === "at least" ? "≥" : "≤"} ` +
        `${target} on these data; the ${rule.bound === "at least" ? "highest" : "lowest"} ${rule.measureName} any ` +
        `threshold attains is ${attained} (at threshold ${bestThreshold}, ${rule.objectiveName} ` +
        `${rule.objective(counts)}). Relax the target to at most that, or fit on more (or better-ranked) data.`,
      { details: { target, best: attained, bestThreshold } },
    );
  }
  const counts = writeCountsAt(candidates, best, scratchCounts());
  return {
    threshold: candidates.thresholds[best] as number,
    details: {
      precision: precisionOf(counts),
      recall: recallOf(counts),
      falsePositiveRate: falsePositiveRateOf(counts),
    },
  };
}
