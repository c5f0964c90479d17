import { CalibraError, ErrorCodes, seededUniform, sigmoidArray } from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { bootstrap } from "./bootstrap.js";
import { brier } from "./brier.js";
import { logLoss } from "./log-loss.js";

function mean(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

describe("bootstrap", () => {
  it("resamples rows ⌊u·n⌋ with core's seededUniform and takes numpy's linear percentiles", () => {
    const p = [0.1, 0.5, 0.9];
    const y = [0, 1, 1];
    const seed = 42;
    const interval = bootstrap((values) => mean(values), p, y, { resamples: 4, seed, level: 0.5 });
    // The same draws, by hand: four resamples of three rows.
    const uniform = seededUniform(seed);
    const replicates: number[] = [];
    for (let r = 0; r < 4; r++) {
      let sum = 0;
      for (let j = 0; j < 3; j++) sum += p[Math.floor(uniform() * 3)] as number;
      replicates.push(sum / 3);
    }
    replicates.sort((a, b) => a - b);
    // Percentiles 25 and 75 of four values: virtual indices 0.75 and 2.25.
    const [a, b, c, d] = replicates as [number, number, number, number];
    expect(interval.lower).toBeCloseTo(b - (b - a) * 0.25, 15);
    expect(interval.upper).toBeCloseTo(c + (d - c) * 0.25, 15);
    expect(interval.estimate).toBeCloseTo(0.5, 15);
    expect(interval.level).toBe(0.5);
    expect(interval.resamples).toBe(4);
  });

  it("is deterministic for a seed and changes with it", () => {
    const reference = loadReference("breast_cancer", "logreg");
    const p = sigmoidArray(reference.test.logit);
    const y = reference.test.label;
    const first = bootstrap(logLoss, p, y, { seed: 7, resamples: 300 });
    const again = bootstrap(logLoss, p, y, { seed: 7, resamples: 300 });
    const other = bootstrap(logLoss, p, y, { seed: 8, resamples: 300 });
    expect(again).toEqual(first);
    expect(other.lower).not.toBe(first.lower);
    expect(first.estimate).toBe(logLoss(p, y));
  });

  it("brackets the estimate of smooth metrics on real data, with a positive standard error", () => {
    for (const model of ["logreg", "naive_bayes", "random_forest"] as const) {
      const reference = loadReference("telco_churn", model);
      const p = Float64Array.from(reference.platt.test_proba);
      const y = reference.test.label;
      for (const metric of [logLoss, (q: Float64Array, l: Uint8Array) => brier(q, l).score]) {
        const interval = bootstrap(metric, p, y, { seed: 3, resamples: 200 });
        expect(interval.lower).toBeLessThan(interval.estimate);
        expect(interval.upper).toBeGreaterThan(interval.estimate);
        expect(interval.standardError).toBeGreaterThan(0);
        expect(interval.upper - interval.lower).toBeLessThan(8 * interval.standardError);
      }
    }
  });

  it("a wider level gives a wider interval", () => {
    const reference = loadReference("breast_cancer", "naive_bayes");
    const p = Float64Array.from(reference.platt.test_proba);
    const narrow = bootstrap(logLoss, p, reference.test.label, { seed: 1, level: 0.5, resamples: 400 });
    const wide = bootstrap(logLoss, p, reference.test.label, { seed: 1, level: 0.99, resamples: 400 });
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  it("carries each drawn row's weight and reuses the same buffers for every resample", () => {
    const seen = new Set<Float64Array>();
    const totals: number[] = [];
    bootstrap(
      (p, _y, w) => {
        seen.add(p);
        totals.push((w as Float64Array).reduce((sum, weight) => sum + weight, 0));
        return 0;
      },
      [0.2, 0.4, 0.6, 0.8],
      [0, 1, 0, 1],
      { weights: [2, 2, 2, 2], resamples: 20 },
    );
    // One call on the original rows, then one shared buffer for all 20 resamples.
    expect(seen.size).toBe(2);
    expect(totals).toEqual(new Array(21).fill(8));
  });

  it("stratified resampling keeps each class's row count", () => {
    const positives = (_p: Float64Array, y: Uint8Array) => y.reduce((sum, label) => sum + label, 0);
    const p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
    const y = [0, 0, 0, 0, 0, 1, 1];
    const interval = bootstrap(positives, p, y, { stratified: true, resamples: 50 });
    expect(interval.lower).toBe(2);
    expect(interval.upper).toBe(2);
    expect(interval.standardError).toBe(0);
    const plain = bootstrap(positives, p, y, { resamples: 200 });
    expect(plain.upper).toBeGreaterThan(plain.lower);
  });

  it("names the resample when the metric fails on it, and suggests stratifying for one class", () => {
    const needsBoth = (_p: Float64Array, y: Uint8Array) => {
      if (y.every((label) => label === y[0])) throw new CalibraError(ErrorCodes.ONE_CLASS, "one class");
      return 0;
    };
    let caught: unknown;
    try {
      bootstrap(needsBoth, [0.2, 0.8], [0, 1], { resamples: 100, seed: 5 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalibraError);
    expect((caught as CalibraError).code).toBe(ErrorCodes.ONE_CLASS);
    expect((caught as CalibraError).message).toMatch(/resample \d+.*stratified: true/);
    expect(() =>
      bootstrap(needsBoth, [0.2, 0.8], [0, 1], { resamples: 100, stratified: true }),
    ).not.toThrow();
  });

  it("refuses non-finite metric values and bad options", () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as CalibraError).code;
      }
      return undefined;
    };
    const p = [0.2, 0.8];
    const y = [0, 1];
    expect(code(() => bootstrap(() => Number.NaN, p, y))).toBe(ErrorCodes.NAN_INPUT);
    expect(code(() => bootstrap(logLoss, p, y, { resamples: 0 }))).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(code(() => bootstrap(logLoss, p, y, { resamples: 2.5 }))).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(code(() => bootstrap(logLoss, p, y, { level: 1 }))).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(code(() => bootstrap(logLoss, p, y, { level: 0 }))).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(code(() => bootstrap(logLoss, p, y, { seed: Number.NaN }))).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(code(() => bootstrap(logLoss, [0.2, 1.5], y))).toBe(ErrorCodes.PROBABILITY_RANGE);
  });

  it("with one resample the interval is that resample's value", () => {
    const interval = bootstrap((p) => mean(p), [0.1, 0.9], [0, 1], { resamples: 1, seed: 11 });
    expect(interval.lower).toBe(interval.upper);
    expect(interval.standardError).toBe(0);
  });
});
