import { z } from "zod";

/**
 * Validates fitted Platt parameters read from a spec: two finite numbers `a` and `b`, nothing else.
 * The calibrated probability is p = 1 / (1 + exp(a·z + b)), scikit-learn's sign convention.
 */
export const plattParamsSchema = z
  .object({
    /** Slope on the log-odds, with scikit-learn's sign: negative when higher scores mean "more positive". */
    a: z.number(),
    /** Intercept, with the same sign convention: p = 1 / (1 + exp(a·z + b)). */
    b: z.number(),
  })
  .strict();

/** Fitted Platt parameters: p = 1 / (1 + exp(a·z + b)). */
export type PlattParams = z.output<typeof plattParamsSchema>;
