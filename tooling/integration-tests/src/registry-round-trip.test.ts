import { beta, betaPlugin } from "@calibra/calibrator-beta";
import { histogram, histogramPlugin } from "@calibra/calibrator-histogram";
import { isotonic, isotonicPlugin } from "@calibra/calibrator-isotonic";
import { platt, plattPlugin } from "@calibra/calibrator-platt";
import { temperature, temperaturePlugin } from "@calibra/calibrator-temperature";
import {
  type AnyCalibrator,
  createRegistry,
  defaultRegistry,
  encodeLabels,
  fitPipeline,
  fixedThreshold,
  loadPipeline,
  probabilities,
} from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";

const plugins = [plattPlugin, isotonicPlugin, temperaturePlugin, betaPlugin, histogramPlugin];
const factories: [string, () => AnyCalibrator][] = [
  ["platt", () => platt()],
  ["isotonic", () => isotonic()],
  ["temperature", () => temperature({ bias: true })],
  ["beta", () => beta()],
  ["histogram", () => histogram({ bins: 8 })],
];

describe("first-party calibrators in pipelines, installed side by side", () => {
  const registry = createRegistry();
  for (const plugin of plugins) registry.use(plugin);

  it("register under their own plugin names without clashing", () => {
    expect(registry.list().map((p) => [p.name, p.calibrators])).toEqual([
      ["@calibra/core", []],
      ["@calibra/calibrator-platt", ["platt"]],
      ["@calibra/calibrator-isotonic", ["isotonic"]],
      ["@calibra/calibrator-temperature", ["temperature"]],
      ["@calibra/calibrator-beta", ["beta"]],
      ["@calibra/calibrator-histogram", ["histogram"]],
    ]);
    // The process-wide registry takes them too, and a second registration is a no-op.
    for (const plugin of [...plugins, ...plugins]) defaultRegistry().use(plugin);
    expect(defaultRegistry().has("calibrator", "beta")).toBe(true);
  });

  const reference = loadReference("telco_churn", "random_forest");
  const labels = encodeLabels(
    reference.calibration.label.map((y) => (y === 1 ? "Yes" : "No")),
    { positive: "Yes" },
  );

  it.each(factories)(
    "%s: probability model → calibrated pipeline → JSON → identical pipeline",
    (id, create) => {
      const pipeline = fitPipeline({
        raw: reference.calibration.score,
        labels,
        activation: probabilities({ epsilon: 1e-6 }),
        calibrator: create(),
        thresholder: fixedThreshold(0.4),
      });
      const spec = pipeline.toJSON();
      expect(spec.calibrator?.type).toBe(id);
      expect(spec.calibrator?.plugin).toBe(`@calibra/calibrator-${id}`);
      const loaded = loadPipeline(JSON.stringify(spec), { registry });
      const test = reference.test.score;
      expect(loaded.predictProba(test)).toEqual(pipeline.predictProba(test));
      expect(loaded.decide(test)).toEqual(pipeline.decide(test));
      // Decisions made by the log-odds cutoff agree with p >= t on every row.
      const p = pipeline.predictProba(test);
      expect(Array.from(pipeline.decide(test))).toEqual(Array.from(p, (value) => (value >= 0.4 ? 1 : 0)));
    },
  );
});
