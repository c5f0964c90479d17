import { defineConfig } from "vitest/config";

// One run for the whole tree: every workspace with a vitest.config.ts is a project, so `pnpm test` prints one
// summary and writes one machine-readable report for CI's totals line.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tooling/*"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
  },
});
