import { loadReference } from "@calibra/fixtures";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  distanceCalibrator,
  prevalenceThresholder,
  shiftCalibrator,
  stepCalibrator,
} from "../../test/toy-components.js";
import { fixedThreshold, probabilities, sigmoidLogits, softmax2Logits } from "../builtins/factories.js";
import { createCalibrator, fittedCalibrator } from "../components/calibrator.js";
import { createThresholder } from "../components/thresholder.js";
import { encodeLabels } from "../data/labels.js";
import { ErrorCodes } from "../errors.js";
import { logit, sigmoid } from "../math/stable.js";
import { fitPipeline } from "./fit-pipeline.js";
import { Pipeline } from "./pipeline.js";

const classes = { positive: "malignant", negative: "benign" };

function errorOf(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected an error");
}

/** Doubles that stress the cutoff: extremes, infinities, tiny values, and ordinary log-odds. */
const logOddsValue = fc.oneof(
  fc.double({ noNaN: true }),
  fc.double({ min: -40, max: 40, noNaN: true }),
  fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 745, -745, 800, -800),
);

describe("Pipeline without a calibrator", () => {
  it("gives P(positive) = sigmoid(log-odds) and decides p >= 0.5 by default", () => {
    const pipeline = new Pipeline({ classes, activation: sigmoidLogits() });
    const raw = [-3, 0, 2, -800, 800];
    expect(Array.from(pipeline.predictProba(raw))).toEqual(raw.map(sigmoid));
    expect(Array.from(pipeline.decide(raw))).toEqual([0, 1, 1, 0, 1]);
    expect(pipeline.threshold).toBe(0.5);
    // σ(z) rounds to exactly ½ for |z| within a few ulps of 0, so the flip point sits just below zero.
    expect(Math.abs(pipeline.logOddsCutoff())).toBeLessThan(2 ** -50);
  });

  it("puts the cutoff at logit(t), up to the width of the z-interval that rounds to t", () => {
    for (const t of [0.1, 0.3, 0.9, 0.999, 1e-9]) {
      const pipeline = new Pipeline({ classes, activation: sigmoidLogits(), thresholder: fixedThreshold(t) });
      const cutoff = pipeline.logOddsCutoff();
      // Every z within ulp(t) / σ'(z) of logit(t) has σ(z) == t in doubles; the cutoff is the smallest of them.
      const width = (2 * Number.EPSILON * t) / (t * (1 - t));
      expect(Math.abs(cutoff - logit(t))).toBeLessThanOrEqual(
        width + 4 * Number.EPSILON * Math.abs(logit(t)),
      );
      // The cutoff is the exact flip point of p >= t on the doubles.
      expect(sigmoid(cutoff)).toBeGreaterThanOrEqual(t);
      const below = cutoff - Math.abs(cutoff) * Number.EPSILON - Number.MIN_VALUE;
      expect(sigmoid(below)).toBeLessThan(t);
    }
  });

  it("handles thresholds of 0 and 1", () => {
    const always = new Pipeline({ classes, activation: sigmoidLogits(), thresholder: fixedThreshold(0) });
    expect(always.logOddsCutoff()).toBe(Number.NEGATIVE_INFINITY);
    expect(Array.from(always.decide([-1e308, Number.NEGATIVE_INFINITY]))).toEqual([1, 1]);
    const onlyCertain = new Pipeline({
      classes,
      activation: sigmoidLogits(),
      thresholder: fixedThreshold(1),
    });
    expect(sigmoid(onlyCertain.logOddsCutoff())).toBe(1);
    expect(Array.from(onlyCertain.decide([30, 40]))).toEqual([0, 1]);
  });

  it("decides softmax2 rows through z_pos - z_neg", () => {
    const pipeline = new Pipeline({
      classes,
      activation: softmax2Logits(),
      thresholder: fixedThreshold(0.75),
    });
    const rows = [
      [0, 1],
      [0, 1.2],
      [2, 1],
    ];
    expect(Array.from(pipeline.decide(rows))).toEqual([0, 1, 0]);
    expect(pipeline.logOddsCutoff()).toBeCloseTo(Math.log(3), 15);
  });
});

describe("Pipeline decisions from the log-odds cutoff", () => {
  it("agree with p >= t on every row, for any threshold, calibrator and prior shift", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.option(
          fc.record({
            trainPrevalence: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
            deployPrevalence: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
          }),
          { nil: undefined },
        ),
        fc.array(logOddsValue, { minLength: 1, maxLength: 60 }),
        (t, shift, priorShift, zs) => {
          const pipeline = new Pipeline({
            classes,
            activation: sigmoidLogits(),
            calibrator: fittedCalibrator(shiftCalibrator, { shift }),
            priorShift,
            thresholder: fixedThreshold(t),
          });
          const p = pipeline.probabilitiesFromLogOdds(zs);
          const fromProbabilities = Array.from(p, (value) => (value >= t ? 1 : 0));
          expect(Array.from(pipeline.decideFromLogOdds(zs))).toEqual(fromProbabilities);
          const cutoff = pipeline.logOddsCutoff();
          if (!Number.isNaN(cutoff)) {
            expect(pipeline.probabilitiesFromLogOdds([cutoff])[0]).toBeGreaterThanOrEqual(t);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("finds the exact step of a step calibrator, and says when nothing reaches the threshold", () => {
    const params = { split: 1.25, low: 0.2, high: 0.7 };
    const make = (t: number) =>
      new Pipeline({
        classes,
        activation: sigmoidLogits(),
        calibrator: fittedCalibrator(stepCalibrator, params),
        thresholder: fixedThreshold(t),
      });
    expect(make(0.5).logOddsCutoff()).toBe(1.25);
    expect(Array.from(make(0.5).decide([1.2499999999999998, 1.25, 9]))).toEqual([0, 1, 1]);
    expect(make(0.2).logOddsCutoff()).toBe(Number.NEGATIVE_INFINITY);
    expect(make(0.8).logOddsCutoff()).toBeNaN();
    expect(Array.from(make(0.8).decide([Number.POSITIVE_INFINITY, 100]))).toEqual([0, 0]);
  });

  it("refuses a cutoff for a non-monotone calibrator but still decides on probabilities", () => {
    const pipeline = new Pipeline({
      classes,
      activation: sigmoidLogits(),
      calibrator: fittedCalibrator(distanceCalibrator, { scale: 1 }),
      thresholder: fixedThreshold(0.5),
    });
    expect(pipeline.monotone).toBe(false);
    expect(errorOf(() => pipeline.logOddsCutoff()).code).toBe(ErrorCodes.NOT_MONOTONE);
    expect(Array.from(pipeline.decide([-2, -0.5, 0, 0.5, 2]))).toEqual([0, 1, 1, 1, 0]);
    const decreasingStep = fittedCalibrator(stepCalibrator, { split: 0, low: 0.9, high: 0.1 });
    expect(decreasingStep.monotone).toBe(false);
  });
});

describe("Pipeline prior shift", () => {
  it("moves log-odds by logit(deploy) - logit(train)", () => {
    const pipeline = new Pipeline({
      classes,
      activation: sigmoidLogits(),
      priorShift: { trainPrevalence: 0.5, deployPrevalence: 0.1 },
    });
    const p = pipeline.predictProba([0, Math.log(9)]);
    expect(p[0]).toBeCloseTo(0.1, 15);
    expect(p[1]).toBeCloseTo(0.5, 15);
    expect(pipeline.logOddsCutoff()).toBeCloseTo(Math.log(9), 14);
  });

  it("refuses prevalences outside (0, 1)", () => {
    const error = errorOf(
      () =>
        new Pipeline({
          classes,
          activation: sigmoidLogits(),
          priorShift: { trainPrevalence: 0, deployPrevalence: 0.2 },
        }),
    );
    expect(error.code).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(error.message).toMatch(/trainPrevalence/);
  });
});

describe("Pipeline construction", () => {
  it("needs two distinct class names and a chosen threshold", () => {
    expect(
      errorOf(() => new Pipeline({ classes: { positive: "a", negative: "a" }, activation: sigmoidLogits() }))
        .code,
    ).toBe(ErrorCodes.INVALID_OPTIONS);
    const unfitted = createThresholder(prevalenceThresholder);
    expect(
      errorOf(() => new Pipeline({ classes, activation: sigmoidLogits(), thresholder: unfitted })).code,
    ).toBe(ErrorCodes.NOT_FITTED);
    expect(errorOf(() => unfitted.decide([0.5])).code).toBe(ErrorCodes.NOT_FITTED);
    expect(errorOf(() => fixedThreshold(1.5)).code).toBe(ErrorCodes.INVALID_OPTIONS);
  });
});

describe("fitPipeline on real classifier output", () => {
  const reference = loadReference("breast_cancer", "naive_bayes");
  const labels = encodeLabels(
    reference.calibration.label.map((y) => (y === 1 ? reference.positive_label : reference.negative_label)),
    { positive: reference.positive_label },
  );

  it("fits calibrator and thresholder and records what it was fitted on", () => {
    const pipeline = fitPipeline({
      raw: reference.calibration.logit,
      labels,
      calibrator: createCalibrator(shiftCalibrator),
      thresholder: createThresholder(prevalenceThresholder),
      now: new Date("2026-01-02T03:04:05Z"),
    });
    const n = reference.calibration.label.length;
    const positives = reference.calibration.label.filter((y) => y === 1).length;
    expect(pipeline.classes).toEqual({ positive: "malignant", negative: "benign" });
    expect(pipeline.fit).toEqual({
      rows: n,
      prevalence: positives / n,
      weighted: false,
      fittedAt: "2026-01-02T03:04:05.000Z",
    });
    const p = pipeline.predictProba(reference.calibration.logit);
    const meanProbability = p.reduce((sum, value) => sum + value, 0) / n;
    expect(meanProbability).toBeCloseTo(positives / n, 12);
    expect(pipeline.thresholder.details).toEqual({ positives });
    const flagged = pipeline.decide(reference.calibration.logit).reduce((sum, d) => sum + d, 0);
    expect(flagged).toBeGreaterThanOrEqual(positives);
  });

  it("uses weights in the fit summary", () => {
    const weights = reference.calibration.label.map((y) => (y === 1 ? 3 : 1));
    const pipeline = fitPipeline({ raw: reference.calibration.logit, labels, weights });
    const positives = reference.calibration.label.filter((y) => y === 1).length;
    const negatives = reference.calibration.label.length - positives;
    expect(pipeline.fit?.prevalence).toBeCloseTo((3 * positives) / (3 * positives + negatives), 15);
    expect(pipeline.fit?.weighted).toBe(true);
  });

  it("needs class names when labels are bare bytes", () => {
    expect(errorOf(() => fitPipeline({ raw: [0, 1], labels: Uint8Array.from([0, 1]) })).code).toBe(
      ErrorCodes.INVALID_OPTIONS,
    );
    const pipeline = fitPipeline({
      raw: [0.2, 0.9],
      labels: Uint8Array.from([0, 1]),
      classes: { positive: "yes", negative: "no" },
      activation: probabilities(),
    });
    expect(pipeline.predictProba([0.2])[0]).toBeCloseTo(0.2, 15);
  });
});
