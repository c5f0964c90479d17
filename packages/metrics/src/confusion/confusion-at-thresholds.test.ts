import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columns, probabilityArbitrary, rowsArbitrary } from "../ranking/brute-force.test-support.js";
import { confusionAtThresholds, countsAt } from "./confusion-at-thresholds.js";
import { f1Of, youdenJOf } from "./confusion-counts.js";
import { confusionMatrix } from "./confusion-matrix.js";
import { thresholdSweep } from "./threshold-sweep.js";

const RUNS = 300;
const p = [0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1];
const y = [1, 1, 0, 1, 0, 0, 1, 0];

describe("confusionAtThresholds", () => {
  it("gives the counts at the caller's thresholds, in the caller's order", () => {
    const counts = confusionAtThresholds(p, y, [0.65, 0, 1, 0.6, 0.95, 0.6]);
    expect(Array.from(counts.thresholds)).toEqual([0.65, 0, 1, 0.6, 0.95, 0.6]);
    expect(Array.from(counts.truePositives)).toEqual([2, 4, 0, 3, 0, 3]);
    expect(Array.from(counts.falsePositives)).toEqual([1, 4, 0, 3, 0, 3]);
    expect(counts.positives).toBe(4);
    expect(counts.negatives).toBe(4);
  });

  it("equals confusionMatrix at every threshold (unweighted and with integer weights)", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.array(probabilityArbitrary, { maxLength: 10 }),
        fc.boolean(),
        (rows, at, weighted) => {
          const { p, y, w } = columns(rows);
          const weights = weighted ? w : undefined;
          const counts = confusionAtThresholds(p, y, at, weights);
          at.forEach((threshold, k) => {
            const direct = confusionMatrix(p, y, threshold, weights);
            expect(countsAt(counts, k)).toEqual(direct);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("rejects thresholds outside [0, 1]", () => {
    expect(() => confusionAtThresholds(p, y, [0.5, 2])).toThrow(
      expect.objectContaining({ code: "E_INVALID_THRESHOLD" }),
    );
  });
});

describe("countsAt", () => {
  it("fills in false negatives and true negatives from the totals, for the rate functions", () => {
    const sweep = thresholdSweep(p, y);
    // Index 1 is threshold 0.8: TP 2, FP 1 of P = N = 4; F1 = 4 / (4 + 2 + 1), J = ½ + ¾ − 1.
    const counts = countsAt(sweep, 1);
    expect(counts).toEqual({ truePositives: 2, falsePositives: 1, trueNegatives: 3, falseNegatives: 2 });
    expect(f1Of(counts)).toBe(4 / 7);
    expect(youdenJOf(counts)).toBe(0.25);
  });

  it("rejects an index outside the sweep", () => {
    const sweep = thresholdSweep(p, y);
    expect(() => countsAt(sweep, 5)).toThrow(RangeError);
    expect(() => countsAt(sweep, -1)).toThrow(RangeError);
    expect(() => countsAt(sweep, 0.5)).toThrow(RangeError);
  });
});
