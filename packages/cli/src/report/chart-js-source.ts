import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CalibraError, ErrorCodes } from "@calibra/core";

/** The self-contained (UMD) build of Chart.js, which defines the global `Chart` with every chart type registered. */
const CHART_JS_UMD_FILE = "chart.umd.js";

/** The source map comment at the end of the UMD file: a browser would try to fetch the map it names. */
const SOURCE_MAP_COMMENT = /^\/\/# sourceMappingURL=.*$/gm;

/** "</script" (any case) ends a script element wherever it appears in it, even inside a string. */
const SCRIPT_END_TAG = /<\/script/gi;

/**
 * Where the UMD build of the installed Chart.js is. Resolved from this module, so it works from the sources (vitest)
 * as from the built `dist`: in the ESM build `import.meta.url` names the module and `__filename` is undefined; in the
 * CommonJS build the reverse. Chart.js's `exports` map publishes only ".", "./auto" and "./helpers", so the main
 * entry (`dist/chart.cjs`) is resolved and the UMD file taken beside it.
 */
export function chartJsPath(): string {
  const here = typeof __filename === "string" ? __filename : import.meta.url;
  return join(dirname(createRequire(here).resolve("chart.js")), CHART_JS_UMD_FILE);
}

/**
 * The source of Chart.js's UMD build, ready to inline in a `<script>` element: without its source-map comment and
 * with every "</script" written "<\/script" (the same string to JavaScript).
 *
 * Throws `E_IO` when Chart.js (a dependency of `@calibra/cli`) cannot be found or read.
 */
export function chartJsSource(): string {
  let path = "chart.js";
  try {
    path = chartJsPath();
    const source = readFileSync(path, "utf8");
    return source.replace(SOURCE_MAP_COMMENT, "").replace(SCRIPT_END_TAG, "<\\/script");
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CalibraError(
      ErrorCodes.IO,
      `cannot read Chart.js (${path}) to draw the HTML report's charts: ${reason}. ` +
        "Reinstall @calibra/cli, which depends on chart.js, or run evaluate without --report.",
      { cause },
    );
  }
}
