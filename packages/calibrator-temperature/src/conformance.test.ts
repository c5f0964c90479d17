import { checkCalibrator } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { temperaturePlugin } from "./plugin.js";
import { temperature } from "./temperature.js";
import type { TemperatureOptions } from "./temperature-calibrator.js";

const optionSets: [string, TemperatureOptions][] = [
  ["default options", {}],
  ["bias: false", { bias: false }],
  ["bias: true", { bias: true }],
];

describe.each(optionSets)("calibrator contract, %s", (_, options) => {
  const checks = checkCalibrator({ create: () => temperature(options), plugin: temperaturePlugin });

  it("runs the whole kit", () => {
    expect(checks.length).toBeGreaterThan(40);
  });

  it.each(checks.map((c) => [c.name, c] as const))("%s", (_, c) => expect(c.detail).toBe(""));
});
