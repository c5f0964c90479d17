import { createRequire } from "node:module";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CalibraError, ErrorCodes, type Plugin } from "@calibra/core";

/** True for a value shaped like a Calibra plugin (the registry validates it fully when it is used). */
function looksLikePlugin(value: unknown): value is Plugin {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { name?: unknown }).name === "string" &&
    typeof (value as { apiVersion?: unknown }).apiVersion === "number"
  );
}

/** A specifier naming a file rather than a package: relative, absolute, or ending in a script extension. */
function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith(".") || isAbsolute(specifier) || /\.(?:[cm]?js|[cm]?ts)$/i.test(specifier);
}

/** Where to import `specifier` from: a file relative to `baseDirectory`, or a package installed there. */
function resolveSpecifier(specifier: string, baseDirectory: string): string {
  if (isPathSpecifier(specifier)) return pathToFileURL(resolve(baseDirectory, specifier)).href;
  try {
    return pathToFileURL(createRequire(join(baseDirectory, "noop.js")).resolve(specifier)).href;
  } catch {
    // ESM-only packages may not resolve through require; let import() try from the CLI's own location.
    return specifier;
  }
}

/**
 * Imports a plugin module — a file (`./my-plugin.js`, resolved against `baseDirectory`) or an installed package
 * (`calibra-plugin-spline`) — and returns the plugins it exports: its default export, or else its named `plugin`
 * export, or else every export shaped like a plugin. `E_PLUGIN_INVALID` when it cannot be imported or exports none.
 */
export async function loadPluginModule(specifier: string, baseDirectory: string): Promise<Plugin[]> {
  let module: Record<string, unknown>;
  try {
    module = (await import(resolveSpecifier(specifier, baseDirectory))) as Record<string, unknown>;
  } catch (cause) {
    throw new CalibraError(
      ErrorCodes.PLUGIN_INVALID,
      `cannot load plugin module "${specifier}": ${(cause as Error).message}. Pass a path to a JavaScript file or the name of an installed package.`,
      { cause, details: { module: specifier } },
    );
  }
  const defaultExport = module.default;
  if (looksLikePlugin(defaultExport)) return [defaultExport];
  // A CommonJS module imported from ESM puts its exports object on `default`.
  const namespace =
    typeof defaultExport === "object" && defaultExport !== null
      ? { ...(defaultExport as Record<string, unknown>), ...module }
      : module;
  if (looksLikePlugin(namespace.plugin)) return [namespace.plugin];
  const plugins = Object.values(namespace).filter(looksLikePlugin);
  if (plugins.length === 0) {
    throw new CalibraError(
      ErrorCodes.PLUGIN_INVALID,
      `plugin module "${specifier}" exports no Calibra plugin: export one made with definePlugin({...}) as the default export or as "plugin".`,
      { details: { module: specifier } },
    );
  }
  return [...new Set(plugins)];
}
