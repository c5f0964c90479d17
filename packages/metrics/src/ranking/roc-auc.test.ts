import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteAuc, columns, rowsArbitrary } from "./brute-force.test-support.js";
import { rocAuc } from "./roc-auc.js";
import { rocCurve } from "./roc-curve.js";

const RUNS = 300;

describe("rocAuc, by hand", () => {
  it("counts ordered positive–negative pairs, ties as ½", () => {
    // Positives 0.9, 0.8, 0.6, 0.3 against negatives 0.8, 0.6, 0.6, 0.1: 4 + 3.5 + 2 + 1 = 10.5 of 16 pairs.
    expect(rocAuc([0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1], [1, 1, 0, 1, 0, 0, 1, 0])).toBe(10.5 / 16);
    // 3·3 + 2 = 11 of 12 pairs (scikit-learn's trapezoids give 0.9166666666666667, one ulp above 11/12).
    expect(rocAuc([0.9, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2], [1, 1, 1, 0, 1, 0, 0])).toBe(11 / 12);
  });

  it("weights each pair by w⁺·w⁻ and ignores weight-0 rows", () => {
    // (2·2.5 + 2·1·½ + 0.5·1 + 0.5·1.5·½) / (2.5·3.5) = 6.875 / 8.75 = 11/14.
    expect(rocAuc([0.8, 0.8, 0.5, 0.5, 0.2, 0.9], [1, 0, 1, 0, 0, 1], [2, 1, 0.5, 1.5, 1, 0])).toBeCloseTo(
      11 / 14,
      15,
    );
  });

  it("is 1 when positives rank above every negative, 0 when below, ½ when all tie", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    expect(rocAuc([0.3, 0.3, 0.3], [1, 0, 0])).toBe(0.5);
    expect(rocAuc([0.3, 0.3, 0.3], [1, 0, 0], [1, 2, 5])).toBe(0.5);
  });
});

describe("rocAuc, properties", () => {
  it("equals P(positive scores higher) + ½ P(tie) over all pairs, by brute force (weighted and not)", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, weighted) => {
        const used = weighted ? rows : rows.map((r) => ({ ...r, w: 1 }));
        const { p, y, w } = columns(used);
        // Integer weights keep every sum exact, so both sides are one rounding of the same fraction.
        expect(rocAuc(p, y, weighted ? w : undefined)).toBe(bruteAuc(used));
      }),
      { numRuns: RUNS },
    );
  });

  it("is unchanged by any strictly increasing transform of the probabilities", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (rows, weighted, seed) => {
          const { p, y, w } = columns(rows);
          const weights = weighted ? w : undefined;
          // A random strictly increasing map of the distinct values into [0, 1]: random positive gaps, normalised.
          const distinct = [...new Set(p)].sort((a, b) => a - b);
          let state = seed;
          const gaps = distinct.map(() => {
            state = (state * 48271) % 2147483647;
            return 1 + (state % 1000);
          });
          const total = gaps.reduce((a, b) => a + b, 0);
          const image = new Map<number, number>();
          let running = 0;
          distinct.forEach((value, k) => {
            running += gaps[k] as number;
            image.set(value, running / total);
          });
          const transformed = p.map((value) => image.get(value) as number);
          expect(rocAuc(transformed, y, weights)).toBe(rocAuc(p, y, weights));
          // And the square, which is strictly increasing on multiples of ⅛ (exact squares).
          const grid = p.map((value) => Math.round(value * 8) / 8);
          expect(
            rocAuc(
              grid.map((v) => v * v),
              y,
              weights,
            ),
          ).toBe(rocAuc(grid, y, weights));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("equals the trapezoidal area under rocCurve's points, with or without dropped points", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), fc.boolean(), (rows, weighted, drop) => {
        const { p, y, w } = columns(rows);
        const weights = weighted ? w : undefined;
        const { fpr, tpr } = rocCurve(p, y, weights, { dropIntermediate: drop });
        let area = 0;
        for (let k = 1; k < fpr.length; k++) {
          area +=
            (((fpr[k] as number) - (fpr[k - 1] as number)) * ((tpr[k] as number) + (tpr[k - 1] as number))) /
            2;
        }
        expect(Math.abs(rocAuc(p, y, weights) - area)).toBeLessThan(1e-14);
      }),
      { numRuns: RUNS },
    );
  });

  it("takes the same value through the unweighted merge and the weighted sweep with unit weights", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const { p, y } = columns(rows);
        expect(rocAuc(p, y, new Float64Array(p.length).fill(1))).toBe(rocAuc(p, y));
      }),
      { numRuns: RUNS },
    );
  });
});
