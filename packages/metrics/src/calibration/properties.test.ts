import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrap } from "./bootstrap.js";
import { brier } from "./brier.js";
import { calibrationCurve } from "./calibration-curve.js";
import { ace, ece } from "./calibration-error.js";
import { logLoss } from "./log-loss.js";

/** Runs per property: enough to reach ties, edge values and one-row data while the file stays fast. */
const RUNS = 300;

/** Rounding allowed in identities that hold exactly in real arithmetic. */
const IDENTITY_TOLERANCE = 1e-12;

/** Probabilities with ties and exact bin edges as well as arbitrary doubles in [0, 1]. */
const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 30 }).map((k) => k / 30),
  fc.constantFrom(0, 1, 0.5, 1e-300, 1 - 2 ** -53),
);

interface Row {
  p: number;
  y: number;
  w: number;
}

const rowsArbitrary = fc.array(
  fc.record({ p: probability, y: fc.integer({ min: 0, max: 1 }), w: fc.integer({ min: 1, max: 4 }) }),
  { minLength: 1, maxLength: 80 },
);

const columns = (rows: Row[]) => ({
  p: Float64Array.from(rows, (r) => r.p),
  y: Uint8Array.from(rows, (r) => r.y),
  w: Float64Array.from(rows, (r) => r.w),
});

/** Every row repeated as many times as its (integer) weight. */
function replicate(rows: Row[]) {
  return columns(rows.flatMap((row) => new Array<Row>(row.w).fill({ ...row, w: 1 })));
}

const binsArbitrary = fc.integer({ min: 1, max: 20 });
const strategyArbitrary = fc.constantFrom("equal-width" as const, "equal-mass" as const);

describe("calibration metric properties", () => {
  it("perfectly calibrated groups have ECE, RMSCE, MCE and ACE 0", () => {
    // Groups of rows sharing p = positives / rows: every bin's fraction of positives is then its mean p,
    // whatever the binning (equal-mass bins never split a group of ties).
    const groups = fc.array(
      fc
        .integer({ min: 1, max: 12 })
        .chain((rows) =>
          fc.record({ rows: fc.constant(rows), positives: fc.integer({ min: 0, max: rows }) }),
        ),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(groups, binsArbitrary, strategyArbitrary, (groupList, bins, strategy) => {
        const p: number[] = [];
        const y: number[] = [];
        for (const { rows, positives } of groupList) {
          for (let i = 0; i < rows; i++) {
            p.push(positives / rows);
            y.push(i < positives ? 1 : 0);
          }
        }
        for (const norm of ["l1", "l2", "max"] as const) {
          expect(ece(p, y, { bins, strategy, norm })).toBeLessThan(1e-14);
        }
        expect(ace(p, y, { bins })).toBeLessThan(1e-14);
      }),
      { numRuns: RUNS },
    );
  });

  it("ECE ≤ RMSCE ≤ MCE ≤ 1, on any binning and weights", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        binsArbitrary,
        strategyArbitrary,
        fc.boolean(),
        (rows, bins, strategy, weighted) => {
          const { p, y, w } = columns(rows);
          const weights = weighted ? w : undefined;
          const l1 = ece(p, y, { bins, strategy, weights });
          const l2 = ece(p, y, { bins, strategy, weights, norm: "l2" });
          const max = ece(p, y, { bins, strategy, weights, norm: "max" });
          expect(l1).toBeGreaterThanOrEqual(0);
          expect(l1).toBeLessThanOrEqual(l2 + IDENTITY_TOLERANCE);
          expect(l2).toBeLessThanOrEqual(max + IDENTITY_TOLERANCE);
          expect(max).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("Brier: score = reliability − resolution + uncertainty + withinBin to 1e-12, every term in range", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        binsArbitrary,
        strategyArbitrary,
        fc.boolean(),
        (rows, bins, strategy, weighted) => {
          const { p, y, w } = columns(rows);
          const result = brier(p, y, weighted ? w : undefined, { bins, strategy });
          const { score, reliability, resolution, uncertainty, withinBin } = result;
          expect(Math.abs(score - (reliability - resolution + uncertainty + withinBin))).toBeLessThanOrEqual(
            IDENTITY_TOLERANCE,
          );
          expect(
            Math.abs(withinBin - (result.withinBinVariance - result.withinBinCovariance)),
          ).toBeLessThanOrEqual(IDENTITY_TOLERANCE);
          expect(reliability).toBeGreaterThanOrEqual(0);
          expect(resolution).toBeGreaterThanOrEqual(0);
          expect(result.withinBinVariance).toBeGreaterThanOrEqual(0);
          expect(resolution).toBeLessThanOrEqual(uncertainty + IDENTITY_TOLERANCE);
          expect(uncertainty).toBeLessThanOrEqual(0.25);
          // The score itself does not depend on the binning.
          expect(score).toBe(brier(p, y, weighted ? w : undefined).score);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("integer weights are the same as repeating rows (log loss, Brier, ECE, calibration curve)", () => {
    fc.assert(
      fc.property(rowsArbitrary, binsArbitrary, (rows, bins) => {
        const { p, y, w } = columns(rows);
        const repeated = replicate(rows);
        const close = (a: number, b: number): void => {
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * (1 + b));
        };
        close(logLoss(p, y, w), logLoss(repeated.p, repeated.y));
        close(
          brier(p, y, w, { bins }).reliability,
          brier(repeated.p, repeated.y, undefined, { bins }).reliability,
        );
        close(ece(p, y, { bins, weights: w }), ece(repeated.p, repeated.y, { bins }));
        const weightedCurve = calibrationCurve(p, y, { bins, weights: w });
        const repeatedCurve = calibrationCurve(repeated.p, repeated.y, { bins });
        expect(Array.from(weightedCurve.binIds)).toEqual(Array.from(repeatedCurve.binIds));
        weightedCurve.probTrue.forEach((value, k) => {
          close(value, repeatedCurve.probTrue[k] as number);
        });
        weightedCurve.probPred.forEach((value, k) => {
          close(value, repeatedCurve.probPred[k] as number);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("calibration curve: counts add up to the rows and each point lies inside its bin", () => {
    const strategies = fc.constantFrom("uniform" as const, "quantile" as const);
    fc.assert(
      fc.property(rowsArbitrary, binsArbitrary, strategies, (rows, bins, strategy) => {
        const { p, y } = columns(rows);
        const curve = calibrationCurve(p, y, { bins, strategy });
        expect(curve.counts.reduce((sum, count) => sum + count, 0)).toBe(rows.length);
        curve.binIds.forEach((bin, k) => {
          const value = curve.probPred[k] as number;
          expect(value).toBeGreaterThanOrEqual((curve.edges[bin] as number) - 1e-15);
          expect(value).toBeLessThanOrEqual((curve.edges[bin + 1] as number) + 1e-15);
          expect(curve.probTrue[k]).toBeGreaterThanOrEqual(0);
          expect(curve.probTrue[k]).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("bootstrap: the same seed gives the same interval, and a mean's interval contains the mean", () => {
    const data = fc.array(
      fc.record({ p: probability, y: fc.integer({ min: 0, max: 1 }), w: fc.constant(1) }),
      {
        minLength: 20,
        maxLength: 60,
      },
    );
    fc.assert(
      fc.property(data, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (rows, seed) => {
        const { p, y } = columns(rows);
        const score = (q: Float64Array, l: Uint8Array) => brier(q, l).score;
        const first = bootstrap(score, p, y, { seed, resamples: 200 });
        expect(bootstrap(score, p, y, { seed, resamples: 200 })).toEqual(first);
        expect(first.lower).toBeLessThanOrEqual(first.estimate + 1e-15);
        expect(first.upper).toBeGreaterThanOrEqual(first.estimate - 1e-15);
      }),
      { numRuns: 60 },
    );
  });
});
