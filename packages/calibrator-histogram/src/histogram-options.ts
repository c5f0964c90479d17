import { z } from "zod";

/** How bins are laid out over the scores. */
export type BinningStrategy = "equal-width" | "equal-mass";

/** How each bin's rate is estimated from its rows. */
export type BinPrior = "none" | "beta";

/** Ten bins: the usual reliability-diagram resolution (Zadrozny & Elkan 2001; scikit-learn's `calibration_curve`). */
export const DEFAULT_BINS = 10;

/**
 * The most bins a fit may ask for. Every bin is stored in the fitted parameters (and so in a pipeline spec); beyond
 * 10⁵ bins the spec grows to megabytes while no realistic calibration set puts more than a handful of rows in each
 * bin, so a larger request is almost certainly a mistake and is refused rather than allocated.
 */
export const MAX_BINS = 100_000;

/**
 * Pseudo-count total `m` of the Beta prior: m = 2 is the weight of one positive and one negative row when
 * π = ½ (Laplace's rule of succession), enough to keep a one-row bin away from 0 and 1 while a bin of a few dozen
 * rows is barely moved.
 */
export const DEFAULT_PRIOR_STRENGTH = 2;

/** Options of the `histogram` calibrator, as passed to `histogram(options)`. Every field is optional. */
export interface HistogramOptions {
  /** Number of bins requested, an integer in [1, {@link MAX_BINS}] (default {@link DEFAULT_BINS}). */
  bins?: number;
  /**
   * `"equal-width"`: bins of equal width on the probability scale s = σ(z) over [0, 1]; `"equal-mass"` (default):
   * bins holding (close to) equal weight of calibration rows, never splitting rows that share a score.
   */
  strategy?: BinningStrategy;
  /**
   * `"beta"` (default): each bin's rate is the posterior mean under a Beta prior centred on the overall prevalence
   * π, p̂ = (positives + m·π) / (total + m). `"none"`: the raw rate positives / total, and π for an empty bin.
   */
  prior?: BinPrior;
  /** Pseudo-count total m of the Beta prior, in weight units, > 0 (default {@link DEFAULT_PRIOR_STRENGTH}); unused with `prior: "none"`. */
  priorStrength?: number;
  /**
   * Pool adjacent bins whose rates decrease (pool-adjacent-violators on the bin rates, weighted by the bin
   * weights), so that predictions are non-decreasing in the score (default `false`).
   */
  monotone?: boolean;
}

/** {@link HistogramOptions} with every default filled in, as the fit receives them. */
export type ResolvedHistogramOptions = Required<HistogramOptions>;

/** Validates {@link HistogramOptions} and fills in their defaults; unknown keys are refused. */
export const histogramOptionsSchema = z
  .object({
    bins: z.number().int().min(1).max(MAX_BINS).default(DEFAULT_BINS),
    strategy: z.enum(["equal-width", "equal-mass"]).default("equal-mass"),
    prior: z.enum(["none", "beta"]).default("beta"),
    priorStrength: z.number().positive().default(DEFAULT_PRIOR_STRENGTH),
    monotone: z.boolean().default(false),
  })
  .strict() satisfies z.ZodType<ResolvedHistogramOptions, HistogramOptions>;
