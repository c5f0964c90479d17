import { describe, expect, it } from "vitest";
import { distanceCalibrator, shiftCalibrator, toyPlugin } from "../../test/toy-components.js";
import { createCalibrator } from "../components/calibrator.js";
import { type AnyCalibratorDefinition, PLUGIN_API_VERSION } from "../contracts/plugin.js";
import { defineCalibrator, definePlugin } from "../define.js";
import { assertCalibratorConformance, checkCalibrator } from "./calibrator-conformance.js";

describe("calibrator conformance kit", () => {
  it("passes a correct monotone calibrator on every check", () => {
    const results = checkCalibrator({ create: () => createCalibrator(shiftCalibrator), plugin: toyPlugin });
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results.length).toBeGreaterThan(40);
    expect(() =>
      assertCalibratorConformance({ create: () => createCalibrator(distanceCalibrator), plugin: toyPlugin }),
    ).not.toThrow();
  });

  it("catches a calibrator that claims monotonicity falsely, leaves [0, 1], or does not round-trip", () => {
    const liar = defineCalibrator({ ...distanceCalibrator, id: "liar", monotone: true });
    const outOfRange = defineCalibrator({
      ...shiftCalibrator,
      id: "out-of-range",
      compile:
        ({ shift }: { shift: number }) =>
        (z: Float64Array, out: Float64Array) => {
          for (let i = 0; i < z.length; i++) out[i] = (z[i] as number) + shift;
        },
    });
    let calls = 0;
    const forgetful = defineCalibrator({
      ...shiftCalibrator,
      id: "forgetful",
      // Predictions depend on hidden state that toJSON does not carry.
      compile: ({ shift }: { shift: number }) => {
        const hidden = calls++ % 2 === 0 ? 0 : 0.1;
        return (z: Float64Array, out: Float64Array) => {
          for (let i = 0; i < z.length; i++)
            out[i] = 1 / (1 + Math.exp(-((z[i] as number) + shift + hidden)));
        };
      },
    });
    const plugin = definePlugin({
      name: "broken-calibrators",
      apiVersion: PLUGIN_API_VERSION,
      calibrators: [liar, outOfRange, forgetful],
    });
    const failed = (calibrator: AnyCalibratorDefinition) =>
      checkCalibrator({ create: () => createCalibrator(calibrator), plugin })
        .filter((r) => !r.passed)
        .map((r) => r.name);
    expect(failed(liar)).toContain("non-decreasing when monotone (ordinary)");
    expect(failed(outOfRange)).toContain("outputs in [0, 1] (ordinary)");
    expect(failed(forgetful)).toContain("JSON round trip through the registry, bit for bit (ordinary)");
    expect(() => assertCalibratorConformance({ create: () => createCalibrator(liar), plugin })).toThrow(
      /non-decreasing when monotone/,
    );
  });
});
