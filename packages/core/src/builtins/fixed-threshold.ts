import { z } from "zod";
import { defineThresholder } from "../define.js";

/** The threshold used when nobody chose one: decide positive when P(positive) ≥ ½. */
export const DEFAULT_THRESHOLD = 0.5;

/** A fixed threshold on P(positive): decide positive when p ≥ threshold. */
export const fixedThresholder = defineThresholder({
  id: "fixed",
  description: "a fixed threshold on P(positive); positive when p >= threshold",
  options: z.object({ threshold: z.number().min(0).max(1).default(DEFAULT_THRESHOLD) }).strict(),
  needsData: false,
  choose: (options) => ({ threshold: options.threshold }),
  explain: (options) => `Positive when the probability is at least ${options.threshold}.`,
});
