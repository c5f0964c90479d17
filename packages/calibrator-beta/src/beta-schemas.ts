import { z } from "zod";

/** The three beta-calibration families of Kull, Silva Filho and Flach (2017), as named by `betacal`. */
export const BETA_PARAMETERISATIONS = ["abm", "am", "ab"] as const;

/**
 * Which beta family to fit:
 * - `"abm"`: a, b and the location c free (three parameters; the default);
 * - `"am"`: a = b, so logit(p) = a·z + c (two parameters: logistic regression on the log-odds itself);
 * - `"ab"`: a and b free, the map fixed to pass through (½, ½) (two parameters, no intercept).
 */
export type BetaParameterisation = (typeof BETA_PARAMETERISATIONS)[number];

/** Options of {@link beta}, after defaults are filled in. */
export interface BetaOptions {
  /** The beta family to fit (default `"abm"`). */
  readonly parameters: BetaParameterisation;
}

/** Validates the factory's options: `{ parameters?: "abm" | "am" | "ab" }`, nothing else. */
export const betaOptionsSchema: z.ZodType<BetaOptions> = z
  .object({ parameters: z.enum(BETA_PARAMETERISATIONS).default("abm") })
  .strict();

/**
 * Fitted beta calibration: with s = σ(z) the uncalibrated probability,
 * logit(p) = a·ln(s) − b·ln(1 − s) + c.
 */
export interface BetaParams {
  /** The family that was fitted. */
  readonly parameters: BetaParameterisation;
  /** Weight of ln(s), ≥ 0. */
  readonly a: number;
  /** Weight of −ln(1 − s), ≥ 0 (equal to `a` for `"am"`). */
  readonly b: number;
  /** The intercept: logit(p) at s = ½ is c + (b − a)·ln 2. For `"ab"`, c = (a − b)·ln 2 so that p(½) = ½. */
  readonly c: number;
  /**
   * The midpoint: the uncalibrated probability s at which the calibrated probability is ½, i.e. the root of
   * a·ln(m) − b·ln(1 − m) + c = 0 (betacal's `map_[2]`). Where the calibrated probability is above ½ for every s,
   * m = 0; where it is below ½ for every s, m = 1. Informational: predictions use a, b and c only.
   */
  readonly m: number;
}

/** Validates fitted parameters read from a spec: finite numbers, a, b ≥ 0, m in [0, 1], and a = b for `"am"`. */
export const betaParamsSchema: z.ZodType<BetaParams> = z
  .object({
    parameters: z.enum(BETA_PARAMETERISATIONS),
    a: z.number().min(0),
    b: z.number().min(0),
    c: z.number(),
    m: z.number().min(0).max(1),
  })
  .strict()
  .refine((params) => params.parameters !== "am" || params.a === params.b, {
    message: 'with parameters "am", a and b must be equal (the family has a single slope)',
    path: ["b"],
  });
