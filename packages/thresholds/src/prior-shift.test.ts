import {
  createCalibrator,
  createRegistry,
  defineCalibrator,
  definePlugin,
  fitPipeline,
  loadPipeline,
  logit,
  Pipeline,
  PLUGIN_API_VERSION,
  sigmoid,
  sigmoidLogits,
} from "@calibra/core";
import { seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { codeOf } from "../test/error-code.js";
import { logOdds } from "./log-odds.js";
import { optimize } from "./optimize.js";
import { thresholdsPlugin } from "./plugin.js";
import { priorShift, shiftProbabilities } from "./prior-shift.js";

/** A monotone calibrator for the tests: p = σ(slope·z + intercept), with fixed parameters. */
const affineCalibrator = defineCalibrator<Record<string, never>, { slope: number; intercept: number }>({
  id: "test-affine",
  description: "σ(slope·z + intercept) with fixed parameters (tests only)",
  input: "logOdds",
  monotone: true,
  options: z.object({}).strict(),
  params: z.object({ slope: z.number().positive(), intercept: z.number() }).strict(),
  fit: () => ({ slope: 0.7, intercept: -0.4 }),
  compile:
    ({ slope, intercept }) =>
    (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) out[i] = sigmoid(slope * (logOdds[i] as number) + intercept);
    },
});
const testPlugin = definePlugin({
  name: "test-affine-plugin",
  apiVersion: PLUGIN_API_VERSION,
  calibrators: [affineCalibrator],
});

function sample(rows: number, seed: number): { z: Float64Array; labels: Uint8Array } {
  const uniform = seededUniform(seed);
  const z = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = uniform() < 0.3 ? 1 : 0;
    z[i] = (labels[i] === 1 ? 1.2 : -0.8) + 2 * (uniform() + uniform() - 1);
  }
  return { z, labels };
}

const classes = { positive: "fraud", negative: "ok" };

describe("priorShift", () => {
  it("returns core's PriorShift object", () => {
    expect(priorShift({ trainPrevalence: 0.5, deployPrevalence: 0.05 })).toEqual({
      trainPrevalence: 0.5,
      deployPrevalence: 0.05,
    });
  });

  it.each([
    [{ trainPrevalence: 0, deployPrevalence: 0.1 }],
    [{ trainPrevalence: 0.5, deployPrevalence: 1 }],
    [{ trainPrevalence: Number.NaN, deployPrevalence: 0.1 }],
  ])("%o → E_INVALID_OPTIONS", (shift) => {
    expect(codeOf(() => priorShift(shift))).toBe("E_INVALID_OPTIONS");
    expect(codeOf(() => shiftProbabilities([0.5], shift))).toBe("E_INVALID_OPTIONS");
  });
});

describe("shiftProbabilities", () => {
  const shift = priorShift({ trainPrevalence: 0.5, deployPrevalence: 0.1 });

  it("logit(p′) = logit(p) + logit(π_deploy) − logit(π_train)", () => {
    const p = [0.5, 0.9, 0.1, 0.999];
    const shifted = shiftProbabilities(p, shift);
    // At p = π_train the shifted probability is π_deploy; odds scale by (0.1/0.9) / (0.5/0.5) = 1/9.
    expect(shifted[0]).toBeCloseTo(0.1, 15);
    expect(shifted[1]).toBeCloseTo(0.5, 15);
    expect(shifted[2]).toBeCloseTo(1 / 82, 15);
    expect(logit(shifted[3] as number)).toBeCloseTo(logit(0.999) - Math.log(9), 12);
  });

  it("keeps 0 and 1, copies unchanged without a shift, writes into out", () => {
    expect(Array.from(shiftProbabilities([0, 1], shift))).toEqual([0, 1]);
    const p = Float64Array.of(0.3, 0.7);
    const same = shiftProbabilities(p, { trainPrevalence: 0.2, deployPrevalence: 0.2 });
    expect(same).not.toBe(p);
    expect(Array.from(same)).toEqual([0.3, 0.7]);
    const out = new Float64Array(2);
    expect(shiftProbabilities(p, shift, out)).toBe(out);
    expect(() => shiftProbabilities(p, shift, new Float64Array(1))).toThrow(RangeError);
  });

  it.each([
    ["a probability above 1", [0.5, 1.2], "E_PROBABILITY_RANGE"],
    ["NaN", [Number.NaN], "E_NAN_INPUT"],
    ["no rows", [], "E_EMPTY_INPUT"],
  ])("%s → %s", (_, p, code) => {
    expect(codeOf(() => shiftProbabilities(p, shift))).toBe(code);
  });
});

describe("a pipeline with a prior shift", () => {
  const { z, labels } = sample(3000, 11);
  const shift = priorShift({ trainPrevalence: 0.5, deployPrevalence: 0.08 });

  it("with a calibrator: probabilities are shiftProbabilities of the calibrated ones, bit for bit", () => {
    const calibrator = createCalibrator(affineCalibrator).fit(z, labels);
    const plain = new Pipeline({ classes, activation: sigmoidLogits(), calibrator });
    const shifted = new Pipeline({ classes, activation: sigmoidLogits(), calibrator, priorShift: shift });
    expect(Array.from(shifted.predictProba(z))).toEqual(
      Array.from(shiftProbabilities(plain.predictProba(z), shift)),
    );
  });

  it("without a calibrator: the same to rounding (the pipeline adds the offset to z directly)", () => {
    const plain = new Pipeline({ classes, activation: sigmoidLogits() });
    const shifted = new Pipeline({ classes, activation: sigmoidLogits(), priorShift: shift });
    const expected = shiftProbabilities(plain.predictProba(z), shift);
    const actual = shifted.predictProba(z);
    for (let i = 0; i < z.length; i++) {
      expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(
        4e-15 * (expected[i] as number),
      );
    }
  });

  it("decisions follow the shifted probabilities, through the log-odds cutoff too", () => {
    const calibrator = createCalibrator(affineCalibrator).fit(z, labels);
    const pipeline = new Pipeline({
      classes,
      activation: sigmoidLogits(),
      calibrator,
      priorShift: shift,
      thresholder: logOdds(0.2),
    });
    const probabilities = pipeline.predictProba(z);
    const decisions = pipeline.decide(z);
    let positives = 0;
    for (let i = 0; i < z.length; i++) {
      expect(decisions[i]).toBe((probabilities[i] as number) >= 0.2 ? 1 : 0);
      positives += decisions[i] as number;
    }
    // The shift lowers every probability, so fewer rows pass 0.2 than without it.
    const unshifted = new Pipeline({
      classes,
      activation: sigmoidLogits(),
      calibrator,
      thresholder: logOdds(0.2),
    });
    expect(positives).toBeLessThan(unshifted.decide(z).reduce((s, v) => s + v, 0));
    expect(positives).toBeGreaterThan(0);
  });

  it("fitPipeline fits a data-driven thresholder on the shifted probabilities, and the spec keeps the shift", () => {
    const pipeline = fitPipeline({
      raw: z,
      labels,
      classes,
      calibrator: createCalibrator(affineCalibrator),
      thresholder: optimize({ metric: "f1" }),
      priorShift: shift,
    });
    const calibrated = createCalibrator(affineCalibrator).fit(z, labels).predict(z);
    const direct = optimize({ metric: "f1" }).fit(shiftProbabilities(calibrated, shift), labels);
    expect(pipeline.threshold).toBe(direct.threshold);
    expect(pipeline.thresholder.details).toEqual(direct.details);

    const registry = createRegistry().use(thresholdsPlugin).use(testPlugin);
    const loaded = loadPipeline(JSON.stringify(pipeline.toJSON()), { registry });
    expect(loaded.priorShift).toEqual(shift);
    expect(loaded.threshold).toBe(pipeline.threshold);
    expect(Array.from(loaded.predictProba(z))).toEqual(Array.from(pipeline.predictProba(z)));
    expect(Array.from(loaded.decide(z))).toEqual(Array.from(pipeline.decide(z)));
  });
});
