import { z } from "zod";
import { INTERPOLATIONS } from "./isotonic-options.js";

/**
 * Fitted parameters of the isotonic calibrator: the curve passes through the points
 * (`logOdds[i]`, `probabilities[i]`) — scikit-learn's `X_thresholds_` and `y_thresholds_` — and is read between
 * them by `interpolation`. `logOdds` is non-decreasing (a fit makes it strictly increasing; a spec may repeat a
 * value, which is read as `np.interp` reads it), and `probabilities` lie in [0, 1] and follow the fitted
 * direction: non-decreasing when `increasing`, non-increasing otherwise.
 */
export const isotonicParamsSchema = z
  .object({
    /** Log-odds of the thresholds, ascending. */
    logOdds: z.array(z.number()).min(1),
    /** Calibrated P(positive) at each threshold. */
    probabilities: z.array(z.number().min(0).max(1)).min(1),
    /** The fitted direction (scikit-learn's `increasing_`). */
    increasing: z.boolean(),
    /** How predictions are read between thresholds. */
    interpolation: z.enum(INTERPOLATIONS),
  })
  .strict()
  .superRefine((params, context) => {
    const { logOdds, probabilities, increasing } = params;
    if (logOdds.length !== probabilities.length) {
      context.addIssue({
        code: "custom",
        path: ["probabilities"],
        message: `has ${probabilities.length} entries but logOdds has ${logOdds.length}; give one probability per threshold.`,
      });
      return;
    }
    for (let i = 1; i < logOdds.length; i++) {
      if ((logOdds[i] as number) < (logOdds[i - 1] as number)) {
        context.addIssue({
          code: "custom",
          path: ["logOdds", i],
          message: `${logOdds[i]} is below the previous threshold ${logOdds[i - 1]}; thresholds must be ascending.`,
        });
        return;
      }
    }
    for (let i = 1; i < probabilities.length; i++) {
      const rise = (probabilities[i] as number) - (probabilities[i - 1] as number);
      if (increasing ? rise < 0 : rise > 0) {
        context.addIssue({
          code: "custom",
          path: ["probabilities", i],
          message:
            `${probabilities[i]} ${increasing ? "falls below" : "rises above"} the previous ${probabilities[i - 1]}, ` +
            `but the fit is ${increasing ? "increasing" : "decreasing"}.`,
        });
        return;
      }
    }
  });

/** Fitted parameters of the isotonic calibrator; see {@link isotonicParamsSchema}. */
export type IsotonicParams = z.output<typeof isotonicParamsSchema>;

/**
 * Whether predictions from `params` are non-decreasing in the log-odds: true for every increasing fit, and for a
 * decreasing fit only when it is constant.
 */
export function isNonDecreasingFit(params: IsotonicParams): boolean {
  const { probabilities } = params;
  for (let i = 1; i < probabilities.length; i++) {
    if ((probabilities[i] as number) < (probabilities[i - 1] as number)) return false;
  }
  return true;
}
