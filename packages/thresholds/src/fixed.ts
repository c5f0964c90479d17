import { fixedThreshold, type Thresholder } from "@calibra/core";

/**
 * A fixed threshold on P(positive): positive when p >= threshold. This is core's `fixedThreshold` (thresholder id
 * `"fixed"`, registered by core's own plugin, not by this one), under the name the other factories of this package
 * follow. Throws `E_INVALID_OPTIONS` unless the threshold is in [0, 1].
 *
 * @example
 * fixed(0.3).decide([0.1, 0.3, 0.9]); // Uint8Array [0, 1, 1]
 */
export function fixed(threshold: number): Thresholder<{ threshold: number }> {
  return fixedThreshold(threshold);
}
