import { isCalibraError } from "@calibra/core";
import { type ConfusionCounts, falsePositiveRateOf, precisionOf, recallOf } from "@calibra/metrics";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteForceBest, candidateThresholds, countsByRows } from "../test/brute-force.js";
import { metricFunction, OPTIMIZE_METRICS } from "./metric.js";
import { minCost } from "./min-cost.js";
import { optimize } from "./optimize.js";
import { maxPrecisionAtRecall } from "./precision-at-recall.js";
import { maxRecallAtFpr } from "./recall-at-fpr.js";
import { maxRecallAtPrecision } from "./recall-at-precision.js";

interface Rows {
  probabilities: number[];
  labels: number[];
  weights: number[] | undefined;
}

/**
 * Small labelled data sets with many ties: probabilities on a grid of eighths (0 and 1 included) or arbitrary
 * doubles in [0, 1], both classes present, and — half the time — weights in multiples of ¼ (zero included), so
 * that every weighted count is exact in any summation order and the sweep and the row-by-row brute force compute
 * bit-identical metrics.
 */
const rowsArbitrary: fc.Arbitrary<Rows> = fc
  .integer({ min: 2, max: 40 })
  .chain((n) =>
    fc.record({
      probabilities: fc.array(
        fc.oneof(
          fc.integer({ min: 0, max: 8 }).map((k) => k / 8),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
        { minLength: n, maxLength: n },
      ),
      labels: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      weights: fc.option(
        fc.array(
          fc.integer({ min: 0, max: 12 }).map((k) => k / 4),
          { minLength: n, maxLength: n },
        ),
        { nil: undefined },
      ),
    }),
  )
  .filter(({ labels, weights }) => {
    let positive = 0;
    let negative = 0;
    for (let i = 0; i < labels.length; i++) {
      const w = weights === undefined ? 1 : (weights[i] as number);
      if (labels[i] === 1) positive += w;
      else negative += w;
    }
    return positive > 0 && negative > 0;
  });

const runs = { numRuns: 400 };

function countsOf(rows: Rows): (threshold: number) => ConfusionCounts {
  return (threshold) => countsByRows(threshold, rows.probabilities, rows.labels, rows.weights);
}

describe("the sweep's optimum is the brute-force optimum over every candidate threshold", () => {
  it.each(OPTIMIZE_METRICS.map((metric) => [metric]))("optimize %s", (metric) => {
    fc.assert(
      fc.property(rowsArbitrary, fc.double({ min: 0.1, max: 10, noNaN: true }), (rows, beta) => {
        const options = metric === "fbeta" ? { metric, beta } : { metric };
        const fitted = optimize(options).fit(rows.probabilities, rows.labels, rows.weights);
        const expected = bruteForceBest(
          candidateThresholds(rows.probabilities, true, rows.weights),
          countsOf(rows),
          metricFunction(metric, beta),
        );
        expect(fitted.threshold).toBe(expected?.threshold);
        expect(fitted.details.value).toBe(expected?.value);
      }),
      runs,
    );
  });

  it("min-cost (empirical)", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (rows, fp, fn) => {
          fc.pre(fp + fn > 0);
          const fitted = minCost({ fp, fn, mode: "empirical" }).fit(
            rows.probabilities,
            rows.labels,
            rows.weights,
          );
          const expected = bruteForceBest(
            candidateThresholds(rows.probabilities, true, rows.weights),
            countsOf(rows),
            (c) => -(fp * c.falsePositives + fn * c.falseNegatives),
          );
          expect(fitted.threshold).toBe(expected?.threshold);
          expect(fitted.details.cost).toBe(-(expected?.value as number));
        },
      ),
      runs,
    );
  });

  const constraints = [
    {
      name: "maxRecallAtPrecision",
      make: maxRecallAtPrecision,
      objective: recallOf,
      feasible: (target: number) => (c: ConfusionCounts) => precisionOf(c) >= target,
      closest: precisionOf,
    },
    {
      name: "maxPrecisionAtRecall",
      make: maxPrecisionAtRecall,
      objective: precisionOf,
      feasible: (target: number) => (c: ConfusionCounts) => recallOf(c) >= target,
      closest: recallOf,
    },
    {
      name: "maxRecallAtFpr",
      make: maxRecallAtFpr,
      objective: recallOf,
      feasible: (target: number) => (c: ConfusionCounts) => falsePositiveRateOf(c) <= target,
      closest: (c: ConfusionCounts) => -falsePositiveRateOf(c),
    },
  ];

  it.each(constraints.map((c) => [c.name, c] as const))("%s", (_, constraint) => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.oneof(
          fc.integer({ min: 0, max: 8 }).map((k) => k / 8),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
        (rows, target) => {
          const candidates = candidateThresholds(rows.probabilities, false, rows.weights);
          const expected = bruteForceBest(
            candidates,
            countsOf(rows),
            constraint.objective,
            constraint.feasible(target),
          );
          let fitted: ReturnType<typeof constraint.make> | undefined;
          let error: unknown;
          try {
            fitted = constraint.make(target).fit(rows.probabilities, rows.labels, rows.weights);
          } catch (caught) {
            error = caught;
          }
          if (expected === undefined) {
            expect(isCalibraError(error, "E_NO_THRESHOLD")).toBe(true);
            const closest = bruteForceBest(candidates, countsOf(rows), constraint.closest);
            expect((error as { details: { bestThreshold: number } }).details.bestThreshold).toBe(
              closest?.threshold,
            );
          } else {
            expect(error).toBeUndefined();
            expect(fitted?.threshold).toBe(expected.threshold);
            const counts = countsOf(rows)(expected.threshold);
            expect(fitted?.details).toEqual({
              precision: precisionOf(counts),
              recall: recallOf(counts),
              falsePositiveRate: falsePositiveRateOf(counts),
            });
          }
        },
      ),
      runs,
    );
  });
});

describe("decisions on the fitting rows reproduce the counts in details", () => {
  it("optimize f1 and min-cost", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        for (const thresholder of [
          optimize({ metric: "f1" }),
          minCost({ fp: 1, fn: 3, mode: "empirical" }),
        ]) {
          const fitted = thresholder.fit(rows.probabilities, rows.labels, rows.weights);
          const decisions = fitted.decide(rows.probabilities);
          let truePositives = 0;
          let falsePositives = 0;
          for (let i = 0; i < decisions.length; i++) {
            const w = rows.weights === undefined ? 1 : (rows.weights[i] as number);
            if (decisions[i] === 1 && rows.labels[i] === 1) truePositives += w;
            if (decisions[i] === 1 && rows.labels[i] === 0) falsePositives += w;
          }
          expect(fitted.details.truePositives).toBe(truePositives);
          expect(fitted.details.falsePositives).toBe(falsePositives);
        }
      }),
      runs,
    );
  });
});
