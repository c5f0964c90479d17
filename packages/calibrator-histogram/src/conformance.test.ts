import { checkCalibrator } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { histogram } from "./histogram.js";
import type { HistogramOptions } from "./histogram-options.js";
import { histogramPlugin } from "./plugin.js";

const optionSets: [string, HistogramOptions][] = [
  ["defaults (10 equal-mass bins, Beta prior)", {}],
  ["equal-width, no prior", { strategy: "equal-width", prior: "none" }],
  ["equal-width, Beta prior m = 10", { strategy: "equal-width", priorStrength: 10 }],
  ["equal-mass, no prior", { strategy: "equal-mass", prior: "none" }],
  ["equal-mass, monotone", { monotone: true }],
  ["equal-width, no prior, monotone", { strategy: "equal-width", prior: "none", monotone: true }],
  ["one bin", { bins: 1 }],
  ["50 equal-width bins", { bins: 50, strategy: "equal-width" }],
  ["200 equal-mass bins, no prior", { bins: 200, prior: "none" }],
];

describe.each(optionSets)("conformance: %s", (_, options) => {
  const checks = checkCalibrator({ create: () => histogram(options), plugin: histogramPlugin });

  it("runs the whole kit", () => {
    expect(checks.length).toBeGreaterThan(40);
  });

  it.each(checks.map((c) => [c.name, c] as const))("%s", (_, c) => expect(c.detail).toBe(""));
});
