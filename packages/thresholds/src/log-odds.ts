import { createThresholder, DEFAULT_THRESHOLD, defineThresholder, type Thresholder } from "@calibra/core";
import { z } from "zod";
import { logOddsCutoffFor } from "./log-odds-cutoff.js";

/** Options of the `log-odds` thresholder. */
export interface LogOddsOptions {
  /** The threshold on P(positive), in [0, 1]. */
  readonly threshold: number;
}

/**
 * The `log-odds` thresholder: a fixed threshold t on P(positive), exactly like core's `fixed`, that also records
 * the exact log-odds cutoff ({@link logOddsCutoffFor}) in `details.logOddsCutoff`, so that a consumer reading raw
 * log-odds (a database query, a C++ service) can decide with `z >= logOddsCutoff` and agree with `p >= t` on every
 * row. The cutoff is stored only when finite: for t = 0 it is −∞, which JSON cannot hold (every row is positive).
 * Without a calibrator and prior shift, it is the same number as `Pipeline.logOddsCutoff()`.
 */
export const logOddsThresholder = defineThresholder<LogOddsOptions>({
  id: "log-odds",
  description:
    "a fixed threshold on P(positive) that also records the exact log-odds cutoff z >= c ⇔ σ(z) >= t",
  options: z.object({ threshold: z.number().min(0).max(1).default(DEFAULT_THRESHOLD) }).strict(),
  needsData: false,
  choose(options) {
    const cutoff = logOddsCutoffFor(options.threshold);
    return Number.isFinite(cutoff)
      ? { threshold: options.threshold, details: { logOddsCutoff: cutoff } }
      : { threshold: options.threshold };
  },
  explain: (options) =>
    `Positive when the probability is at least ${options.threshold}, that is when σ(log-odds) >= ` +
    `${options.threshold}: log-odds >= ${logOddsCutoffFor(options.threshold)}.`,
});

/**
 * A fixed threshold on P(positive) — the same decisions as `fixed(threshold)` — that carries the exact log-odds
 * cutoff: `logOdds(t).details.logOddsCutoff` is the smallest double z with σ(z) >= t, so `z >= cutoff` ⇔
 * `sigmoid(z) >= t` (see {@link logOddsCutoffFor}).
 *
 * @example
 * const rule = logOdds(0.8);
 * rule.details.logOddsCutoff; // 1.3862943611198901 ≈ log(0.8 / 0.2)
 * rule.decide([0.79, 0.8]); // Uint8Array [0, 1]
 */
export function logOdds(threshold: number = DEFAULT_THRESHOLD): Thresholder<LogOddsOptions> {
  return createThresholder(logOddsThresholder, { threshold });
}
