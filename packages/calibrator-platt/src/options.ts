import { z } from "zod";

/**
 * The targets Platt scaling fits to.
 *
 * - `"smoothed"` (the default, Platt 1999 and scikit-learn): a positive row's target is (N₊ + 1)/(N₊ + 2) and a
 *   negative row's 1/(N₋ + 2), where N₊ and N₋ are the numbers of positive and negative ROWS. The smoothing is a
 *   Bayesian prior (a uniform prior on each row's probability) that keeps the optimum finite even when the scores
 *   separate the classes perfectly.
 * - `"raw"`: the 0/1 labels themselves, i.e. plain maximum-likelihood logistic regression on the log-odds. On
 *   perfectly separated data its optimum lies at infinity; see `fitPlatt` for where the fit stops.
 */
export type PlattTargets = "smoothed" | "raw";

/** Validates the options of {@link platt}; unknown keys are refused. */
export const plattOptionsSchema = z
  .object({
    /** Which targets to fit: Platt's smoothed targets (default, as scikit-learn) or the raw 0/1 labels. */
    targets: z.enum(["smoothed", "raw"]).default("smoothed"),
  })
  .strict();

/** Options of {@link platt} after validation (defaults filled in). */
export type PlattOptions = z.output<typeof plattOptionsSchema>;

/** Options of {@link platt} as a caller writes them (every key optional). */
export type PlattOptionsInput = z.input<typeof plattOptionsSchema>;
