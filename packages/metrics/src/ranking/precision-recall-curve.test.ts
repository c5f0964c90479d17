import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { confusionMatrix } from "../confusion/confusion-matrix.js";
import { columns, distinctDescending, rowsArbitrary } from "./brute-force.test-support.js";
import { precisionRecallCurve } from "./precision-recall-curve.js";

const RUNS = 300;

const plain = (curve: ReturnType<typeof precisionRecallCurve>) => ({
  precision: Array.from(curve.precision),
  recall: Array.from(curve.recall),
  thresholds: Array.from(curve.thresholds),
});

// Every expected array below was worked out by hand and is also what scikit-learn 1.2.1's precision_recall_curve
// returns.
describe("precisionRecallCurve, by hand", () => {
  it("reverses the sweep (thresholds ascending) and ends with precision 1 at recall 0", () => {
    // Groups from the top: 0.9 {+}, 0.8 {+, −}, 0.6 {+, −, −}, 0.3 {+}, 0.1 {−}; P = 4.
    const p = [0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1];
    const y = [1, 1, 0, 1, 0, 0, 1, 0];
    expect(plain(precisionRecallCurve(p, y))).toEqual({
      precision: [4 / 8, 4 / 7, 3 / 6, 2 / 3, 1, 1],
      recall: [1, 1, 0.75, 0.5, 0.25, 0],
      thresholds: [0.1, 0.3, 0.6, 0.8, 0.9],
    });
  });

  it("keeps every threshold below the one reaching full recall (1.2 no longer cuts there)", () => {
    const p = [0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2];
    const y = [1, 1, 1, 0, 1, 0, 0];
    expect(plain(precisionRecallCurve(p, y))).toEqual({
      precision: [4 / 7, 4 / 6, 4 / 5, 3 / 4, 1, 1, 1, 1],
      recall: [1, 1, 1, 0.75, 0.75, 0.5, 0.25, 0],
      thresholds: [0.2, 0.3, 0.4, 0.5, 0.7, 0.8, 0.9],
    });
  });

  it("weights rows and leaves out weight-0 rows", () => {
    const curve = precisionRecallCurve(
      [0.8, 0.8, 0.5, 0.5, 0.2, 0.9],
      [1, 0, 1, 0, 0, 1],
      [2, 1, 0.5, 1.5, 1, 0],
    );
    expect(plain(curve)).toEqual({
      precision: [2.5 / 6, 0.5, 2 / 3, 1],
      recall: [1, 1, 0.8, 0],
      thresholds: [0.2, 0.5, 0.8],
    });
  });

  it("accepts data without negatives: precision is 1 everywhere", () => {
    expect(plain(precisionRecallCurve([0.2, 0.7, 0.7], [1, 1, 1]))).toEqual({
      precision: [1, 1, 1],
      recall: [1, 2 / 3, 0],
      thresholds: [0.2, 0.7],
    });
  });
});

describe("precisionRecallCurve, properties", () => {
  it("every point is the precision and recall of p >= its threshold, one per distinct score", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, weighted) => {
        const used = weighted ? rows : rows.map((r) => ({ ...r, w: 1 }));
        const { p, y, w } = columns(used);
        const weights = weighted ? w : undefined;
        const curve = precisionRecallCurve(p, y, weights);
        const m = curve.thresholds.length;
        expect(Array.from(curve.thresholds).reverse()).toEqual(distinctDescending(used));
        expect(curve.precision).toHaveLength(m + 1);
        expect(curve.precision[m]).toBe(1);
        expect(curve.recall[m]).toBe(0);
        for (let k = 0; k < m; k++) {
          const c = confusionMatrix(p, y, curve.thresholds[k] as number, weights);
          expect(curve.precision[k]).toBe(c.truePositives / (c.truePositives + c.falsePositives));
          expect(curve.recall[k]).toBe(c.truePositives / (c.truePositives + c.falseNegatives));
        }
        expect(curve.recall[0]).toBe(1);
      }),
      { numRuns: RUNS },
    );
  });
});
