import { corePlugin } from "./builtins/plugin.js";
import type { ActivationDefinition } from "./contracts/activation.js";
import type { CalibratorDefinition } from "./contracts/calibrator.js";
import type { BackendDefinition } from "./contracts/model.js";
import {
  type AnyActivationDefinition,
  type AnyBackendDefinition,
  type AnyCalibratorDefinition,
  type AnyThresholderDefinition,
  type ComponentKind,
  PLUGIN_API_VERSION,
  type Plugin,
} from "./contracts/plugin.js";
import type { ThresholderDefinition } from "./contracts/thresholder.js";
import { definePlugin } from "./define.js";
import { CalibraError, ErrorCodes } from "./errors.js";
import { globalState } from "./global-state.js";

/** What a registry lists about one plugin. */
export interface PluginSummary {
  readonly name: string;
  readonly version: string | undefined;
  readonly apiVersion: number;
  readonly activations: readonly string[];
  readonly calibrators: readonly string[];
  readonly thresholders: readonly string[];
  readonly backends: readonly string[];
}

interface Entry<D> {
  readonly definition: D;
  readonly plugin: string;
}

/** Options for a component lookup. */
export interface LookupOptions {
  /** The plugin expected to provide the component (from a spec file), named in the error when it is missing. */
  readonly plugin?: string | undefined;
}

/**
 * Where plugins are registered and components are looked up by id. Registering the same plugin object twice is
 * a no-op; a different plugin under a taken name, or a component id another plugin already provides, is refused.
 */
export interface Registry {
  /** Registers a plugin; refuses another API version (`E_PLUGIN_API`) and taken names or ids (`E_DUPLICATE_ID`). */
  use(plugin: Plugin): Registry;
  /** True when a component of this kind and id is registered. */
  has(kind: ComponentKind, id: string): boolean;
  activation(id: string, options?: LookupOptions): AnyActivationDefinition;
  calibrator(id: string, options?: LookupOptions): AnyCalibratorDefinition;
  thresholder(id: string, options?: LookupOptions): AnyThresholderDefinition;
  backend(id: string, options?: LookupOptions): AnyBackendDefinition;
  /** Every registered backend, in registration order. */
  backends(): readonly AnyBackendDefinition[];
  /** The name of the plugin that registered this component. */
  providerOf(kind: ComponentKind, id: string): string | undefined;
  /** Every registered plugin with the ids of its components. */
  list(): readonly PluginSummary[];
}

/** Options for {@link createRegistry}. */
export interface CreateRegistryOptions {
  /** Register core's own activations and fixed thresholder (default true). */
  readonly builtins?: boolean;
}

/** Creates an empty registry (holding only core's own components unless `builtins: false`). */
export function createRegistry(options: CreateRegistryOptions = {}): Registry {
  const plugins = new Map<string, Plugin>();
  const tables = {
    activation: new Map<string, Entry<AnyActivationDefinition>>(),
    calibrator: new Map<string, Entry<AnyCalibratorDefinition>>(),
    thresholder: new Map<string, Entry<AnyThresholderDefinition>>(),
    backend: new Map<string, Entry<AnyBackendDefinition>>(),
  } satisfies Record<ComponentKind, Map<string, Entry<unknown>>>;

  function componentsOf(plugin: Plugin): [ComponentKind, readonly { id: string }[]][] {
    return [
      ["activation", plugin.activations ?? []],
      ["calibrator", plugin.calibrators ?? []],
      ["thresholder", plugin.thresholders ?? []],
      ["backend", plugin.backends ?? []],
    ];
  }

  function lookup<D>(kind: ComponentKind, id: string, options: LookupOptions | undefined): D {
    const entry = (tables[kind] as Map<string, Entry<D>>).get(id);
    if (entry !== undefined) return entry.definition;
    const known = [...tables[kind].keys()];
    const provider =
      options?.plugin !== undefined
        ? ` It is provided by the plugin "${options.plugin}": install that package and register its plugin ` +
          "with registry.use(plugin) (or --plugin on the command line)."
        : " Register the plugin that provides it with registry.use(plugin).";
    throw new CalibraError(
      ErrorCodes.UNKNOWN_COMPONENT,
      `No ${kind} "${id}" is registered (registered: ${known.length > 0 ? known.join(", ") : "none"}).${provider}`,
      { details: { kind, id, plugin: options?.plugin, registered: known } },
    );
  }

  const registry: Registry = {
    use(plugin) {
      if (typeof plugin !== "object" || plugin === null || typeof plugin.name !== "string") {
        throw new CalibraError(
          ErrorCodes.PLUGIN_INVALID,
          "registry.use() needs a plugin made with definePlugin({ name, apiVersion, ... }).",
        );
      }
      const existing = plugins.get(plugin.name);
      if (existing === plugin) return registry;
      if (plugin.apiVersion !== PLUGIN_API_VERSION) {
        throw new CalibraError(
          ErrorCodes.PLUGIN_API,
          `plugin "${plugin.name}" was written for plugin API version ${String(plugin.apiVersion)}, but this ` +
            `@calibra/core implements version ${PLUGIN_API_VERSION}. Install a release of the plugin built for ` +
            `API version ${PLUGIN_API_VERSION}, or a @calibra/core that matches it.`,
          { details: { plugin: plugin.name, apiVersion: plugin.apiVersion, expected: PLUGIN_API_VERSION } },
        );
      }
      if (existing !== undefined) {
        throw new CalibraError(
          ErrorCodes.DUPLICATE_ID,
          `a different plugin named "${plugin.name}" is already registered. Two copies of one plugin may be ` +
            "installed: deduplicate them, or give a plugin of your own a name of its own.",
          { details: { plugin: plugin.name } },
        );
      }
      // Validates the shape (throws E_PLUGIN_INVALID) and records provenance, even for hand-built objects.
      definePlugin(plugin);
      for (const [kind, definitions] of componentsOf(plugin)) {
        for (const definition of definitions) {
          const taken = tables[kind].get(definition.id);
          if (taken !== undefined) {
            throw new CalibraError(
              ErrorCodes.DUPLICATE_ID,
              `plugin "${plugin.name}" provides ${kind} "${definition.id}", which plugin "${taken.plugin}" already ` +
                "provides. Component ids are global: rename one of them.",
              { details: { kind, id: definition.id, plugin: plugin.name, registeredBy: taken.plugin } },
            );
          }
        }
      }
      plugins.set(plugin.name, plugin);
      for (const [kind, definitions] of componentsOf(plugin)) {
        const table = tables[kind] as Map<string, Entry<unknown>>;
        for (const definition of definitions) table.set(definition.id, { definition, plugin: plugin.name });
      }
      return registry;
    },
    has: (kind, id) => tables[kind].has(id),
    activation: (id, options) => lookup<ActivationDefinition>("activation", id, options),
    calibrator: (id, options) => lookup<CalibratorDefinition>("calibrator", id, options),
    thresholder: (id, options) => lookup<ThresholderDefinition>("thresholder", id, options),
    backend: (id, options) => lookup<BackendDefinition>("backend", id, options),
    backends: () => [...tables.backend.values()].map((entry) => entry.definition),
    providerOf: (kind, id) => tables[kind].get(id)?.plugin,
    list: () =>
      [...plugins.values()].map((plugin) => ({
        name: plugin.name,
        version: plugin.version,
        apiVersion: plugin.apiVersion,
        activations: (plugin.activations ?? []).map((d) => d.id),
        calibrators: (plugin.calibrators ?? []).map((d) => d.id),
        thresholders: (plugin.thresholders ?? []).map((d) => d.id),
        backends: (plugin.backends ?? []).map((d) => d.id),
      })),
  };
  if (options.builtins !== false) registry.use(corePlugin);
  return registry;
}

/**
 * The process-wide registry, shared by every copy of `@calibra/core` in the process (it lives on `globalThis`
 * under `Symbol.for("calibra.core.state")`). Plugins are never registered on import: call
 * `defaultRegistry().use(plugin)`.
 */
export function defaultRegistry(): Registry {
  const state = globalState();
  if (state.defaultRegistry === undefined) state.defaultRegistry = createRegistry();
  return state.defaultRegistry as Registry;
}
