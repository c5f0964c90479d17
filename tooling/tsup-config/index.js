// @ts-check
import { defineConfig } from "tsup";

/**
 * The one build preset every library package uses: ESM and CJS, declarations, source maps,
 * dependencies left external. A package's own tsup.config.ts only names its entry points, so
 * swapping the bundler later touches this file alone.
 *
 * @param {{ entry: Record<string, string> | string[], platform?: "node" | "neutral" | "browser" }} options
 */
export function libraryConfig(options) {
  return defineConfig({
    entry: options.entry,
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: options.platform ?? "neutral",
    treeshake: true,
    // Entry points of one package share chunks, so `@calibra/core` and `@calibra/core/testing` hold one copy
    // of each class and singleton.
    splitting: true,
  });
}
