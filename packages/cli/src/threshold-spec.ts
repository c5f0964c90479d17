import {
  type AnyThresholder,
  CalibraError,
  createThresholder,
  ErrorCodes,
  type Registry,
} from "@calibra/core";
import {
  fixed,
  maxPrecisionAtRecall,
  maxRecallAtFpr,
  maxRecallAtPrecision,
  minCost,
  OPTIMIZE_METRICS,
  type OptimizeMetric,
  optimize,
} from "@calibra/thresholds";
import { parseComponentSpec } from "./component-spec.js";

/** The forms `--threshold` takes, for help texts and error messages. */
export const THRESHOLD_FORMS =
  "a probability (0.5), f1, fbeta:2, youden, mcc, accuracy, balanced-accuracy, cost:fp=1,fn=5, " +
  "precision>=0.9, recall>=0.8, fpr<=0.1, or a thresholder id with options (id:key=value)";

const CONSTRAINT = /^(precision|recall|fpr)\s*(>=|<=)\s*([0-9.eE+-]+)$/;

function constraint(text: string): AnyThresholder | undefined {
  const match = CONSTRAINT.exec(text.replace(/\s+/g, ""));
  if (!match) return undefined;
  const [, measure, operator, valueText] = match as unknown as [string, string, string, string];
  const value = Number(valueText);
  const expected = measure === "fpr" ? "<=" : ">=";
  if (operator !== expected || !Number.isFinite(value)) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `--threshold "${text}": write ${measure}${expected}<number> (the constraint keeps ${measure} ${expected === ">=" ? "at least" : "at most"} the value).`,
    );
  }
  if (measure === "precision") return maxRecallAtPrecision(value);
  if (measure === "recall") return maxPrecisionAtRecall(value);
  return maxRecallAtFpr(value);
}

/**
 * Turns a `--threshold` value into a thresholder: a number is a fixed threshold on P(positive); `f1`, `youden`,
 * `mcc`, `accuracy`, `balanced-accuracy` and `fbeta:β` maximise that metric on the fit data; `cost:fp=…,fn=…`
 * minimises the total cost (`mode=bayes` for the Bayes rule t = fp/(fp+fn)); `precision>=x`, `recall>=x` and
 * `fpr<=x` are constraints; anything else is looked up as a thresholder id in the registry, options after a colon.
 */
export function parseThreshold(text: string, registry: Registry): AnyThresholder {
  const trimmed = text.trim();
  if (/^[0-9.]/.test(trimmed)) {
    const value = Number(trimmed);
    if (!Number.isFinite(value)) {
      throw new CalibraError(ErrorCodes.INVALID_THRESHOLD, `--threshold "${text}" is not a number.`);
    }
    return fixed(value);
  }
  const constrained = constraint(trimmed);
  if (constrained) return constrained;
  const { id, options } = parseComponentSpec(trimmed, "--threshold");
  if ((OPTIMIZE_METRICS as readonly string[]).includes(id)) {
    if (id === "fbeta") {
      const beta = Number(trimmed.slice(trimmed.indexOf(":") + 1));
      if (!trimmed.includes(":") || !(beta > 0)) {
        throw new CalibraError(
          ErrorCodes.INVALID_OPTIONS,
          `--threshold "${text}": write fbeta:<beta>, e.g. fbeta:2.`,
        );
      }
      return optimize({ metric: "fbeta", beta });
    }
    return optimize({ metric: id as OptimizeMetric });
  }
  if (id === "cost") {
    const { fp, fn, mode = "empirical", ...rest } = options;
    if (typeof fp !== "number" || typeof fn !== "number" || Object.keys(rest).length > 0) {
      throw new CalibraError(
        ErrorCodes.INVALID_OPTIONS,
        `--threshold "${text}": write cost:fp=<cost of a false positive>,fn=<cost of a false negative>[,mode=bayes].`,
      );
    }
    return minCost({ fp, fn, mode: mode as "empirical" | "bayes" });
  }
  if (!registry.has("thresholder", id)) {
    throw new CalibraError(
      ErrorCodes.UNKNOWN_COMPONENT,
      `--threshold "${text}" is not a threshold this command knows: use ${THRESHOLD_FORMS}.`,
      { details: { threshold: text } },
    );
  }
  return createThresholder(registry.thresholder(id), options);
}
