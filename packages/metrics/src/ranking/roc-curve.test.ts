import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { confusionMatrix } from "../confusion/confusion-matrix.js";
import { thresholdSweep } from "../confusion/threshold-sweep.js";
import { columns, distinctDescending, rowsArbitrary } from "./brute-force.test-support.js";
import { rocCurve } from "./roc-curve.js";

const RUNS = 300;

const plain = (curve: ReturnType<typeof rocCurve>) => ({
  fpr: Array.from(curve.fpr),
  tpr: Array.from(curve.tpr),
  thresholds: Array.from(curve.thresholds),
});

// Every expected array below was worked out by hand and is also what scikit-learn 1.2.1's roc_curve returns.
describe("rocCurve, by hand", () => {
  it("puts (0, 0) first at max(p) + 1 and one point per distinct score, ties together", () => {
    // Groups: 0.9 {+}, 0.8 {+, −}, 0.6 {+, −, −}, 0.3 {+}, 0.1 {−}; P = N = 4. No point is collinear.
    const p = [0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1];
    const y = [1, 1, 0, 1, 0, 0, 1, 0];
    const expected = {
      fpr: [0, 0, 0.25, 0.75, 0.75, 1],
      tpr: [0, 0.25, 0.5, 0.75, 1, 1],
      thresholds: [0.9 + 1, 0.9, 0.8, 0.6, 0.3, 0.1],
    };
    expect(plain(rocCurve(p, y))).toEqual(expected);
    expect(plain(rocCurve(p, y, undefined, { dropIntermediate: false }))).toEqual(expected);
  });

  it("drops points in the middle of straight runs unless told not to", () => {
    // One row per score; (FP, TP) = (0,1) (0,2) (0,3) (1,3) (1,4) (2,4) (3,4): 0.8 and 0.3 lie on straight runs.
    const p = [0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2];
    const y = [1, 1, 1, 0, 1, 0, 0];
    expect(plain(rocCurve(p, y))).toEqual({
      fpr: [0, 0, 0, 1 / 3, 1 / 3, 1],
      tpr: [0, 0.25, 0.75, 0.75, 1, 1],
      thresholds: [0.9 + 1, 0.9, 0.7, 0.5, 0.4, 0.2],
    });
    expect(plain(rocCurve(p, y, undefined, { dropIntermediate: false }))).toEqual({
      fpr: [0, 0, 0, 0, 1 / 3, 1 / 3, 2 / 3, 1],
      tpr: [0, 0.25, 0.5, 0.75, 0.75, 1, 1, 1],
      thresholds: [0.9 + 1, 0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2],
    });
  });

  it("weights rows and leaves out weight-0 rows (0.9 is no threshold)", () => {
    // 0.8 {+2, −1}, 0.5 {+0.5, −1.5}, 0.2 {−1}; P = 2.5, N = 3.5; the first threshold is max of the kept rows + 1.
    const curve = rocCurve([0.8, 0.8, 0.5, 0.5, 0.2, 0.9], [1, 0, 1, 0, 0, 1], [2, 1, 0.5, 1.5, 1, 0]);
    expect(plain(curve)).toEqual({
      fpr: [0, 2 / 7, 5 / 7, 1],
      tpr: [0, 0.8, 1, 1],
      thresholds: [1.8, 0.8, 0.5, 0.2],
    });
  });

  it("gives (0, 0) and (1, 1) only when every score is tied", () => {
    expect(plain(rocCurve([0.4, 0.4, 0.4], [1, 0, 1]))).toEqual({
      fpr: [0, 1],
      tpr: [0, 1],
      thresholds: [1.4, 0.4],
    });
  });
});

describe("rocCurve, properties", () => {
  it("every point is the confusion matrix of p >= its threshold, and (0, 0) comes first", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), fc.boolean(), (rows, weighted, drop) => {
        const { p, y, w } = columns(rows);
        const weights = weighted ? w : undefined;
        const curve = rocCurve(p, y, weights, { dropIntermediate: drop });
        expect(curve.fpr[0]).toBe(0);
        expect(curve.tpr[0]).toBe(0);
        expect(curve.thresholds[0]).toBe((curve.thresholds[1] as number) + 1);
        expect(curve.fpr.at(-1)).toBe(1);
        expect(curve.tpr.at(-1)).toBe(1);
        for (let k = 1; k < curve.thresholds.length; k++) {
          const c = confusionMatrix(p, y, curve.thresholds[k] as number, weights);
          const positives = c.truePositives + c.falseNegatives;
          const negatives = c.falsePositives + c.trueNegatives;
          expect(curve.tpr[k]).toBe(c.truePositives / positives);
          expect(curve.fpr[k]).toBe(c.falsePositives / negatives);
          expect(curve.thresholds[k]).toBeLessThan(curve.thresholds[k - 1] as number);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("without dropping, has one point per distinct score of a weighted row, plus (0, 0)", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, weighted) => {
        const used = weighted ? rows : rows.map((r) => ({ ...r, w: 1 }));
        const { p, y, w } = columns(used);
        const curve = rocCurve(p, y, weighted ? w : undefined, { dropIntermediate: false });
        expect(Array.from(curve.thresholds.subarray(1))).toEqual(distinctDescending(used));
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps exactly the first, the last and the corners: where FP or TP changes its step", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, weighted) => {
        const { p, y, w } = columns(rows);
        const weights = weighted ? w : undefined;
        // Integer weights: the counts and their differences are exact.
        const { thresholds, truePositives: tp, falsePositives: fp } = thresholdSweep(p, y, weights);
        const step = (x: Float64Array, at: number) => (x[at] as number) - (x[at - 1] as number);
        const expected = Array.from(thresholds).filter(
          (_, k) =>
            k === 0 ||
            k === thresholds.length - 1 ||
            step(fp, k + 1) !== step(fp, k) ||
            step(tp, k + 1) !== step(tp, k),
        );
        expect(Array.from(rocCurve(p, y, weights).thresholds.subarray(1))).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
