import { z } from "zod";
import type { BinningStrategy } from "./histogram-options.js";

/**
 * The fitted parameters of a histogram calibrator: plain JSON, stored as they are in a pipeline spec.
 *
 * With `edges` e₁ < … < e_{B−1} (log-odds; the outer edges −∞ and +∞ are implied, not stored) bin k holds the
 * log-odds z with e_k ≤ z < e_{k+1}: a value equal to an edge belongs to the bin above it. The prediction for z
 * is `values[k]`.
 */
export interface HistogramParams {
  /** The layout the edges came from. */
  strategy: BinningStrategy;
  /** Inner bin edges in log-odds, strictly increasing; one fewer than the bins. */
  edges: number[];
  /** The calibrated probability each bin predicts, in [0, 1]. */
  values: number[];
  /** The calibration weight (row count without weights) that fell in each bin, for reliability displays. */
  counts: number[];
  /** The overall (weighted) prevalence π of the calibration rows, which empty bins predict. */
  prevalence: number;
}

/** Validates {@link HistogramParams} read from a spec: lengths agree, edges finite and strictly increasing. */
export const histogramParamsSchema = z
  .object({
    strategy: z.enum(["equal-width", "equal-mass"]),
    edges: z.array(z.number()),
    values: z.array(z.number().min(0).max(1)).min(1),
    counts: z.array(z.number().min(0)),
    prevalence: z.number().min(0).max(1),
  })
  .strict()
  .superRefine((params, context) => {
    const bins = params.values.length;
    if (params.edges.length !== bins - 1) {
      context.addIssue({
        code: "custom",
        path: ["edges"],
        message: `${bins} values need ${bins - 1} inner edges, found ${params.edges.length}.`,
      });
    }
    if (params.counts.length !== bins) {
      context.addIssue({
        code: "custom",
        path: ["counts"],
        message: `${bins} values need ${bins} counts, found ${params.counts.length}.`,
      });
    }
    for (let k = 1; k < params.edges.length; k++) {
      if (!((params.edges[k - 1] as number) < (params.edges[k] as number))) {
        context.addIssue({
          code: "custom",
          path: ["edges", k],
          message: `edges must be strictly increasing: edge ${k - 1} is ${params.edges[k - 1]}, edge ${k} is ${params.edges[k]}.`,
        });
        break;
      }
    }
  }) satisfies z.ZodType<HistogramParams>;

/** True when `values` never decrease: the fitted map is then non-decreasing in the log-odds. */
export function valuesAreNonDecreasing(values: ArrayLike<number>): boolean {
  for (let k = 1; k < values.length; k++) {
    if ((values[k] as number) < (values[k - 1] as number)) return false;
  }
  return true;
}
