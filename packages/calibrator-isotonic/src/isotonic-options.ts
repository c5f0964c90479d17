import { z } from "zod";

/**
 * How predictions are read between the fitted thresholds:
 * - `"linear"` (the default, scikit-learn's): linear interpolation between neighbouring thresholds, exactly
 *   `np.interp`.
 * - `"step"`: piecewise constant. Between two thresholds, and at a threshold itself, the value is that of the
 *   nearest threshold at or below the log-odds (the right-continuous step function of the PAV fit: the value
 *   changes exactly at a threshold, taking the new threshold's value there). Non-decreasing whenever the
 *   thresholds' probabilities are.
 *
 * Either way a log-odds value below the first threshold gets the first threshold's probability, one above the
 * last gets the last's (scikit-learn's `out_of_bounds="clip"`), and −∞/+∞ get the end values.
 */
export const INTERPOLATIONS = ["linear", "step"] as const;

/** How predictions are read between thresholds; see {@link INTERPOLATIONS}. */
export type Interpolation = (typeof INTERPOLATIONS)[number];

/** Options of the isotonic calibrator, validated (with defaults) by core before the fit. */
export const isotonicOptionsSchema = z
  .object({
    /**
     * `true` (the default): fit a non-decreasing map. `"auto"`: scikit-learn's `check_increasing` — increasing
     * when Spearman's rank correlation between log-odds and labels is ≥ 0, decreasing otherwise (a decreasing fit
     * is then not monotone non-decreasing, and the fitted calibrator says so).
     */
    increasing: z.union([z.literal(true), z.literal("auto")]).default(true),
    /** `"linear"` (default) or `"step"`; see {@link INTERPOLATIONS}. */
    interpolation: z.enum(INTERPOLATIONS).default("linear"),
  })
  .strict();

/** Options as a user passes them to `isotonic(options)`; every field is optional. */
export type IsotonicOptionsInput = z.input<typeof isotonicOptionsSchema>;

/** Options after validation, with defaults filled in. */
export type IsotonicOptions = z.output<typeof isotonicOptionsSchema>;
