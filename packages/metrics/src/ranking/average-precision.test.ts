import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averagePrecision } from "./average-precision.js";
import { bruteAveragePrecision, columns, rowsArbitrary } from "./brute-force.test-support.js";
import { precisionRecallCurve } from "./precision-recall-curve.js";

const RUNS = 300;

describe("averagePrecision, by hand", () => {
  it("credits each recalled positive with the precision at its threshold, ties together", () => {
    // Precisions where recall grows: 1/1, 2/3, 3/6, 4/7, each for ¼ of the recall: (1 + ⅔ + ½ + 4/7)/4 = 115/168.
    expect(averagePrecision([0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1], [1, 1, 0, 1, 0, 0, 1, 0])).toBeCloseTo(
      115 / 168,
      15,
    );
    // (1 + 1 + 1 + 4/5)/4 = 0.95.
    expect(averagePrecision([0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2], [1, 1, 1, 0, 1, 0, 0])).toBe(0.95);
  });

  it("weights rows and ignores weight-0 rows", () => {
    // (2·⅔ + 0.5·½)/2.5 = 19/30.
    expect(
      averagePrecision([0.8, 0.8, 0.5, 0.5, 0.2, 0.9], [1, 0, 1, 0, 0, 1], [2, 1, 0.5, 1.5, 1, 0]),
    ).toBeCloseTo(19 / 30, 15);
  });

  it("is 1 for a perfect ranking or without negatives, and the prevalence when every score ties", () => {
    expect(averagePrecision([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(averagePrecision([0.1, 0.5, 0.5], [1, 1, 1])).toBe(1);
    expect(averagePrecision([0.3, 0.3, 0.3, 0.3], [1, 0, 0, 0])).toBe(0.25);
  });
});

describe("averagePrecision, properties", () => {
  it("equals Σ (Rₖ − Rₖ₋₁)·Pₖ counted row by row at every threshold (weighted and not)", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, weighted) => {
        const used = weighted ? rows : rows.map((r) => ({ ...r, w: 1 }));
        const { p, y, w } = columns(used);
        expect(
          Math.abs(averagePrecision(p, y, weighted ? w : undefined) - bruteAveragePrecision(used)),
        ).toBeLessThan(1e-14);
      }),
      { numRuns: RUNS },
    );
  });

  it("equals −Σ diff(recall)·precision[:-1] on precisionRecallCurve, scikit-learn's own formula", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, weighted) => {
        const { p, y, w } = columns(rows);
        const weights = weighted ? w : undefined;
        const { precision, recall } = precisionRecallCurve(p, y, weights);
        let sum = 0;
        for (let k = 0; k + 1 < recall.length; k++) {
          sum -= ((recall[k + 1] as number) - (recall[k] as number)) * (precision[k] as number);
        }
        expect(Math.abs(averagePrecision(p, y, weights) - sum)).toBeLessThan(1e-14);
      }),
      { numRuns: RUNS },
    );
  });

  it("with integer weights, equals the unweighted value on the rows repeated that many times", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const { p, y, w } = columns(rows);
        const expanded = columns(rows.flatMap((r) => Array.from({ length: r.w }, () => r)));
        expect(Math.abs(averagePrecision(p, y, w) - averagePrecision(expanded.p, expanded.y))).toBeLessThan(
          1e-15,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
