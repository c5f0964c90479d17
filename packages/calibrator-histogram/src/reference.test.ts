import { loadReference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { histogram } from "./histogram.js";

/** σ(z), written out here so that the expected bins do not go through the package's (log-odds) edges. */
function probability(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Positive rate and count per equal-width probability bin, k = min(⌊σ(z)·B⌋, B − 1), as scikit-learn bins. */
function equalWidthRates(logOdds: readonly number[], labels: readonly number[], bins: number) {
  const counts = new Array<number>(bins).fill(0);
  const positives = new Array<number>(bins).fill(0);
  logOdds.forEach((z, i) => {
    const k = Math.min(Math.floor(probability(z) * bins), bins - 1);
    counts[k] = (counts[k] as number) + 1;
    positives[k] = (positives[k] as number) + (labels[i] as number);
  });
  return { counts, positives };
}

const cases = referenceCases().map(
  ({ dataset, model }) => [`${dataset} / ${model}`, dataset, model] as const,
);

describe.each(cases)("reference case %s", (_, dataset, model) => {
  const reference = loadReference(dataset, model);
  const { calibration, test } = reference;

  it("equal-width, prior none: each bin's value is the positive rate of the calibration rows in it", () => {
    const fitted = histogram({ bins: 10, strategy: "equal-width", prior: "none" }).fit(
      calibration.logit,
      calibration.label,
    );
    const { counts, positives } = equalWidthRates(calibration.logit, calibration.label, 10);
    const rows = calibration.label.length;
    const prevalence = calibration.label.reduce((sum, y) => sum + y, 0) / rows;
    expect(fitted.params.counts).toEqual(counts);
    expect(fitted.params.prevalence).toBe(prevalence);
    fitted.params.values.forEach((value, k) => {
      const count = counts[k] as number;
      expect(value).toBe(count > 0 ? (positives[k] as number) / count : prevalence);
    });
    // Every calibration row is predicted from the bin it was counted in.
    const predicted = fitted.predict(calibration.logit);
    calibration.logit.forEach((z, i) => {
      const k = Math.min(Math.floor(probability(z) * 10), 9);
      expect(predicted[i]).toBe(fitted.params.values[k]);
    });
  });

  it("equal-width on the test split reproduces scikit-learn's calibration_curve(n_bins=10, 'uniform').prob_true", () => {
    const fitted = histogram({ bins: 10, strategy: "equal-width", prior: "none" }).fit(
      test.logit,
      test.label,
    );
    const probTrue = reference.metrics_test.uncalibrated.calibration_curve_10_uniform.prob_true;
    const nonEmpty = fitted.params.values.filter((_, k) => (fitted.params.counts[k] as number) > 0);
    expect(nonEmpty).toHaveLength(probTrue.length);
    nonEmpty.forEach((value, k) => {
      expect(Math.abs(value - (probTrue[k] as number))).toBeLessThanOrEqual(1e-12);
    });
  });

  describe.each([5, 10, 20])("equal-mass with %i bins", (bins) => {
    const fitted = histogram({ bins, prior: "none" }).fit(calibration.logit, calibration.label);
    const { edges, counts } = fitted.params;
    const rows = calibration.logit.length;
    const sorted = Float64Array.from(calibration.logit).sort();
    // Tie groups: [value, count] in increasing order.
    const groups: [number, number][] = [];
    for (const z of sorted) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[0] === z) last[1]++;
      else groups.push([z, 1]);
    }
    const largestGroup = Math.max(...groups.map(([, count]) => count));

    it("holds every row, in at most min(B, distinct values) non-empty bins", () => {
      expect(counts.reduce((sum, c) => sum + c, 0)).toBe(rows);
      expect(counts.length).toBeLessThanOrEqual(Math.min(bins, groups.length));
      for (const count of counts) expect(count).toBeGreaterThan(0);
      if (largestGroup === 1) expect(counts).toHaveLength(bins);
    });

    it("keeps every bin's weight within one tie group of n/B", () => {
      for (const count of counts) expect(Math.abs(count - rows / bins)).toBeLessThanOrEqual(largestGroup);
    });

    it("never splits a score: each edge lies strictly between two consecutive distinct scores (or on the upper)", () => {
      for (const edge of edges) {
        const upper = groups.findIndex(([value]) => value >= edge);
        expect(upper).toBeGreaterThan(0);
        expect((groups[upper - 1] as [number, number])[0]).toBeLessThan(edge);
      }
    });

    it("cuts at the tie-group boundaries nearest to k·n/B (checked by brute force)", () => {
      const boundaries = [0];
      for (const [, count] of groups) boundaries.push((boundaries[boundaries.length - 1] as number) + count);
      const expectedCuts: number[] = [];
      for (let k = 1; k < bins; k++) {
        const target = (k * rows) / bins;
        let best = 0;
        for (const boundary of boundaries) {
          if (Math.abs(boundary - target) < Math.abs(best - target)) best = boundary;
        }
        if (best > 0 && best < rows && best !== expectedCuts[expectedCuts.length - 1])
          expectedCuts.push(best);
      }
      const actualCuts = edges.map((edge) => sorted.filter((z) => z < edge).length);
      expect(actualCuts).toEqual(expectedCuts);
      const below = counts.slice(0, -1).map((_, k) => counts.slice(0, k + 1).reduce((sum, c) => sum + c, 0));
      expect(below).toEqual(expectedCuts);
    });
  });
});
