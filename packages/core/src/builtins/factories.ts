import { createActivation } from "../components/activation.js";
import { createThresholder } from "../components/thresholder.js";
import type { Activation } from "../contracts/activation.js";
import type { Thresholder } from "../contracts/thresholder.js";
import {
  probabilityActivation,
  sigmoidActivation,
  softmax2Activation,
  twoSigmoidsActivation,
} from "./activations.js";
import { fixedThresholder } from "./fixed-threshold.js";

/** Options of the two-column activations. */
export interface TwoColumnOptions {
  /** Which column holds the positive class (default 1: rows are [negative, positive]). */
  positiveColumn?: 0 | 1;
}

/** Options of the activations that read probabilities. */
export interface ProbabilityOptions {
  /** Clipping epsilon (default {@link PROBABILITY_CLIP_EPSILON}). */
  epsilon?: number;
}

/** The `sigmoid` activation: one logit per row. */
export function sigmoidLogits(): Activation<Record<string, never>> {
  return createActivation(sigmoidActivation);
}

/** The `softmax2` activation: two logits per row. */
export function softmax2Logits(options: TwoColumnOptions = {}): Activation<{ positiveColumn: 0 | 1 }> {
  return createActivation(softmax2Activation, options);
}

/** The `probability` activation: the model already outputs P(positive). */
export function probabilities(options: ProbabilityOptions = {}): Activation<{ epsilon: number }> {
  return createActivation(probabilityActivation, options);
}

/** The `two-sigmoids` activation: one independent sigmoid probability per class. */
export function twoSigmoids(
  options: TwoColumnOptions & ProbabilityOptions = {},
): Activation<{ positiveColumn: 0 | 1; epsilon: number }> {
  return createActivation(twoSigmoidsActivation, options);
}

/** A fixed threshold on P(positive): positive when p >= threshold. */
export function fixedThreshold(threshold: number): Thresholder<{ threshold: number }> {
  return createThresholder(fixedThresholder, { threshold });
}
