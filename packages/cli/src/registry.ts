import { createRegistry, type Registry } from "@calibra/core";
import { readConfig } from "./config-file.js";
import { FIRST_PARTY_PLUGINS } from "./first-party.js";
import { loadPluginModule } from "./plugin-loader.js";

/** Where the CLI's plugins come from. */
export interface RegistryOptions {
  /** `--plugin` values, resolved against `cwd`. */
  readonly plugins: readonly string[];
  /** `--config` value, if given. */
  readonly config?: string | undefined;
  readonly cwd: string;
}

/** A plugin module that was loaded, and the plugins it registered. */
export interface LoadedModule {
  readonly module: string;
  readonly plugins: readonly string[];
}

/**
 * The registry a command works with: core's own components, every first-party plugin, then the plugins of
 * `calibra.config.json` and of `--plugin`, in that order. A plugin loaded twice (named in both) registers once.
 */
export async function buildRegistry(
  options: RegistryOptions,
): Promise<{ registry: Registry; loaded: LoadedModule[] }> {
  const registry = createRegistry();
  for (const plugin of FIRST_PARTY_PLUGINS) registry.use(plugin);
  const config = await readConfig(options.cwd, options.config);
  const modules = [
    ...config.plugins.map((module) => ({ module, base: config.directory })),
    ...options.plugins.map((module) => ({ module, base: options.cwd })),
  ];
  const loaded: LoadedModule[] = [];
  const registered = new Set<unknown>();
  for (const { module, base } of modules) {
    const plugins = await loadPluginModule(module, base);
    for (const plugin of plugins) {
      if (registered.has(plugin)) continue;
      registry.use(plugin);
      registered.add(plugin);
    }
    loaded.push({ module, plugins: plugins.map((plugin) => plugin.name) });
  }
  return { registry, loaded };
}
