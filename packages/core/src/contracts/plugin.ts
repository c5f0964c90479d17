import type { Activation, ActivationDefinition } from "./activation.js";
import type { Calibrator, CalibratorDefinition, FittedCalibrator } from "./calibrator.js";
import type { BackendDefinition } from "./model.js";
import type { Thresholder, ThresholderDefinition } from "./thresholder.js";

/**
 * The plugin API version this release of core implements. A plugin states the version it was written for, and
 * a registry refuses plugins written for another one.
 */
export const PLUGIN_API_VERSION = 1;

// Type parameters are erased where components of any option and parameter types meet (a registry, a pipeline):
// their schemas validate options and parameters at run time.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type AnyOptions = any;

/** Any activation definition, whatever its parameter type. */
export type AnyActivationDefinition = ActivationDefinition<AnyOptions>;
/** Any calibrator definition, whatever its option and parameter types. */
export type AnyCalibratorDefinition = CalibratorDefinition<AnyOptions, AnyOptions>;
/** Any thresholder definition, whatever its option type. */
export type AnyThresholderDefinition = ThresholderDefinition<AnyOptions>;
/** Any backend definition, whatever its option type. */
export type AnyBackendDefinition = BackendDefinition<AnyOptions>;
/** Any bound activation, whatever its parameter type. */
export type AnyActivation = Activation<AnyOptions>;
/** Any unfitted calibrator, whatever its option and parameter types. */
export type AnyCalibrator = Calibrator<AnyOptions, AnyOptions>;
/** Any fitted calibrator, whatever its parameter type. */
export type AnyFittedCalibrator = FittedCalibrator<AnyOptions>;
/** Any thresholder, whatever its option type. */
export type AnyThresholder = Thresholder<AnyOptions>;

/** A bundle of components registered together. Made with `definePlugin`. */
export interface Plugin {
  /** Package-like name, e.g. `"@calibra/calibrator-platt"` or `"calibra-plugin-spline"`. */
  readonly name: string;
  /** The plugin's own version, for listings. */
  readonly version?: string;
  /** The plugin API version it was written for; must equal {@link PLUGIN_API_VERSION}. */
  readonly apiVersion: number;
  readonly activations?: readonly AnyActivationDefinition[];
  readonly calibrators?: readonly AnyCalibratorDefinition[];
  readonly thresholders?: readonly AnyThresholderDefinition[];
  readonly backends?: readonly AnyBackendDefinition[];
}

/** The kinds of component a plugin can provide. */
export type ComponentKind = "activation" | "calibrator" | "thresholder" | "backend";
