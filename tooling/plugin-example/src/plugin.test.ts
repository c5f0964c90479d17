import {
  createActivation,
  createCalibrator,
  createRegistry,
  defaultRegistry,
  ErrorCodes,
  encodeLabels,
  fitPipeline,
  fixedThreshold,
  isCalibraError,
  loadPipeline,
  sigmoid,
} from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { biasOnlyCalibrator, percentActivation, percentPlugin } from "./index.js";

const reference = loadReference("telco_churn", "random_forest");
const percents = reference.calibration.score.map((p) => p * 100);
const labels = encodeLabels(
  reference.calibration.label.map((y) => (y === 1 ? "Yes" : "No")),
  { positive: "Yes" },
);

describe("a third-party plugin built on the public API", () => {
  const registry = createRegistry().use(percentPlugin);

  it("registers its activation and calibrator", () => {
    expect(registry.activation("percent")).toBe(percentActivation);
    expect(registry.calibrator("bias-only")).toBe(biasOnlyCalibrator);
    expect(registry.list().at(-1)).toMatchObject({
      name: "calibra-plugin-percent-example",
      activations: ["percent"],
      calibrators: ["bias-only"],
    });
  });

  it("fits a calibrator whose mean probability matches the prevalence (the bias-only MLE condition)", () => {
    const fitted = createCalibrator(biasOnlyCalibrator).fit(
      createActivation(percentActivation).toLogOdds(percents),
      labels.labels,
    );
    const p = fitted.predict(createActivation(percentActivation).toLogOdds(percents));
    const mean = p.reduce((sum, value) => sum + value, 0) / p.length;
    expect(mean).toBeCloseTo(labels.positives / p.length, 12);
    expect(fitted.monotone).toBe(true);
  });

  it("round-trips a pipeline that uses both components through JSON", () => {
    const pipeline = fitPipeline({
      raw: percents,
      labels,
      activation: createActivation(percentActivation, { epsilon: 1e-6 }),
      calibrator: createCalibrator(biasOnlyCalibrator),
      thresholder: fixedThreshold(0.35),
    });
    const text = JSON.stringify(pipeline.toJSON());
    const spec = JSON.parse(text);
    expect(spec.activation).toEqual({
      type: "percent",
      plugin: "calibra-plugin-percent-example",
      params: { epsilon: 1e-6 },
    });
    expect(spec.calibrator.plugin).toBe("calibra-plugin-percent-example");

    const loaded = loadPipeline(text, { registry: createRegistry().use(percentPlugin) });
    expect(JSON.stringify(loaded.toJSON())).toBe(text);
    const testPercents = reference.test.score.map((p) => p * 100);
    expect(loaded.predictProba(testPercents)).toEqual(pipeline.predictProba(testPercents));
    expect(loaded.decide(testPercents)).toEqual(pipeline.decide(testPercents));
    const bias = (spec.calibrator.params as { bias: number }).bias;
    expect(loaded.predictProba([50])[0]).toBe(sigmoid(0 + bias));
  });

  it("gets core's validation for free and its own schema's errors in specs", () => {
    const calibrator = createCalibrator(biasOnlyCalibrator);
    expect(() => calibrator.fit([0, Number.NaN], [0, 1])).toThrow(
      expect.objectContaining({ code: ErrorCodes.NAN_INPUT }),
    );
    expect(() => calibrator.fit([0, 1], [1, 1])).toThrow(
      expect.objectContaining({ code: ErrorCodes.ONE_CLASS }),
    );
    const spec = fitPipeline({
      raw: percents,
      labels,
      activation: createActivation(percentActivation),
      calibrator,
    }).toJSON();
    try {
      loadPipeline({ ...spec, calibrator: { ...spec.calibrator, params: { bias: "high" } } }, { registry });
      expect.unreachable();
    } catch (error) {
      expect(isCalibraError(error, ErrorCodes.SPEC_INVALID)).toBe(true);
      expect((error as Error).message).toMatch(/calibrator.params.bias: expected a finite number/);
    }
    expect(() => createActivation(percentActivation).toLogOdds([101])).toThrow(
      /row 0: 101 is not a percentage/,
    );
  });

  it("can be registered in the process-wide registry", () => {
    defaultRegistry().use(percentPlugin);
    expect(defaultRegistry().has("calibrator", "bias-only")).toBe(true);
  });
});
