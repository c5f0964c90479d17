import type { ActivationDefinition } from "./contracts/activation.js";
import type { CalibratorDefinition } from "./contracts/calibrator.js";
import type { BackendDefinition } from "./contracts/model.js";
import type { ComponentKind, Plugin } from "./contracts/plugin.js";
import type { ThresholderDefinition } from "./contracts/thresholder.js";
import { CalibraError, ErrorCodes } from "./errors.js";
import { globalState } from "./global-state.js";

type WithoutKind<T> = Omit<T, "kind">;

/** Types an activation definition; adds nothing at run time but its `kind`. */
export function defineActivation<Params>(
  definition: WithoutKind<ActivationDefinition<Params>>,
): ActivationDefinition<Params> {
  return { ...definition, kind: "activation" };
}

/** Types a calibrator definition; adds nothing at run time but its `kind`. */
export function defineCalibrator<Options, Params>(
  definition: WithoutKind<CalibratorDefinition<Options, Params>>,
): CalibratorDefinition<Options, Params> {
  return { ...definition, kind: "calibrator" };
}

/** Types a thresholder definition; adds nothing at run time but its `kind`. */
export function defineThresholder<Options>(
  definition: WithoutKind<ThresholderDefinition<Options>>,
): ThresholderDefinition<Options> {
  return { ...definition, kind: "thresholder" };
}

/** Types a backend definition; adds nothing at run time but its `kind`. */
export function defineBackend<Options>(
  definition: WithoutKind<BackendDefinition<Options>>,
): BackendDefinition<Options> {
  return { ...definition, kind: "backend" };
}

const ID_PATTERN = /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$/;

function invalid(plugin: string, message: string): CalibraError {
  return new CalibraError(ErrorCodes.PLUGIN_INVALID, `plugin "${plugin}": ${message}`);
}

/**
 * Makes a plugin: a named bundle of activations, calibrators, thresholders and backends written for one plugin
 * API version. Checks the object's shape (ids, kinds, required functions) and records which plugin provides each
 * definition, so that a pipeline spec can name the plugin a reader must install. Registering happens separately,
 * with `registry.use(plugin)`.
 */
export function definePlugin<const P extends Plugin>(plugin: P): P {
  if (typeof plugin !== "object" || plugin === null) {
    throw new CalibraError(
      ErrorCodes.PLUGIN_INVALID,
      "a plugin must be an object made with definePlugin({...}).",
    );
  }
  if (typeof plugin.name !== "string" || plugin.name.trim() === "") {
    throw new CalibraError(ErrorCodes.PLUGIN_INVALID, "a plugin needs a non-empty `name`.");
  }
  if (typeof plugin.apiVersion !== "number" || !Number.isInteger(plugin.apiVersion)) {
    throw invalid(
      plugin.name,
      "`apiVersion` must be an integer (use PLUGIN_API_VERSION from @calibra/core).",
    );
  }
  const groups: [ComponentKind, readonly { kind: string; id: string }[] | undefined][] = [
    ["activation", plugin.activations],
    ["calibrator", plugin.calibrators],
    ["thresholder", plugin.thresholders],
    ["backend", plugin.backends],
  ];
  const { providers } = globalState();
  for (const [kind, definitions] of groups) {
    if (definitions === undefined) continue;
    if (!Array.isArray(definitions)) throw invalid(plugin.name, `\`${kind}s\` must be an array.`);
    const ids = new Set<string>();
    for (const definition of definitions) {
      if (typeof definition !== "object" || definition === null || definition.kind !== kind) {
        throw invalid(
          plugin.name,
          `every entry of \`${kind}s\` must be made with define${capitalise(kind)}().`,
        );
      }
      if (typeof definition.id !== "string" || !ID_PATTERN.test(definition.id)) {
        throw invalid(
          plugin.name,
          `${kind} id ${JSON.stringify(definition.id)} is not valid: use lower-case letters, digits and - _ .`,
        );
      }
      if (ids.has(definition.id)) throw invalid(plugin.name, `${kind} id "${definition.id}" appears twice.`);
      ids.add(definition.id);
      for (const method of requiredFunctions[kind]) {
        if (typeof (definition as unknown as Record<string, unknown>)[method] !== "function") {
          throw invalid(plugin.name, `${kind} "${definition.id}" has no \`${method}\` function.`);
        }
      }
      providers.set(definition, { plugin: plugin.name, kind });
    }
  }
  return plugin;
}

const requiredFunctions: Record<ComponentKind, readonly string[]> = {
  activation: ["toLogOdds"],
  calibrator: ["fit", "compile"],
  thresholder: ["choose"],
  backend: ["canLoad", "load"],
};

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The name of the plugin that provides `definition`, when it was bundled with `definePlugin`. */
export function providerOf(definition: object): string | undefined {
  return globalState().providers.get(definition)?.plugin;
}
