import { type ErrorCode, isCalibraError, seededUniform } from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { precisionRecallCurve, rocCurve } from "@calibra/metrics";
import { describe, expect, it } from "vitest";
import { CURVE_POINTS } from "./evaluation.js";
import { thinCurve } from "./thin-curve.js";

/** The thinned curve's trapezoidal area may differ from the full one's by at most this (the brief's bound). */
const AREA_TOLERANCE = 1e-3;

function trapezoidArea(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) {
    area += ((x[i] as number) - (x[i - 1] as number)) * (((y[i] as number) + (y[i - 1] as number)) / 2);
  }
  return area;
}

/** Scores of a two-Gaussian classifier (negatives N(0, 1), positives N(shift, 1)) as probabilities, seeded. */
function syntheticScores(rows: number, shift: number, seed: number): { p: Float64Array; y: Uint8Array } {
  const uniform = seededUniform(seed);
  const p = new Float64Array(rows);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = uniform() < 0.3 ? 1 : 0;
    const normal = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    y[i] = label;
    p[i] = 1 / (1 + Math.exp(-(normal + shift * label - 1)));
  }
  return { p, y };
}

/** Checks what every thinning must keep: the budget, both ends, and points of the original in their order. */
function expectFaithfulThinning(
  x: Float64Array,
  y: Float64Array,
  thinned: { x: number[]; y: number[] },
): void {
  expect(thinned.x.length).toBe(thinned.y.length);
  expect(thinned.x.length).toBeLessThanOrEqual(CURVE_POINTS);
  expect([thinned.x[0], thinned.y[0]]).toEqual([x[0], y[0]]);
  expect([thinned.x.at(-1), thinned.y.at(-1)]).toEqual([x[x.length - 1], y[y.length - 1]]);
  let from = 0;
  for (let k = 0; k < thinned.x.length; k++) {
    while (from < x.length && (x[from] !== thinned.x[k] || y[from] !== thinned.y[k])) from++;
    expect(from, `thinned point ${k} is an original point, in order`).toBeLessThan(x.length);
    from++;
  }
}

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (isCalibraError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("thinCurve", () => {
  it("returns a curve within the budget unchanged, as plain arrays", () => {
    const thinned = thinCurve(Float64Array.of(0, 0, 0.5, 0.5, 1), Float64Array.of(0, 0.5, 0.5, 1, 1));
    expect(thinned).toEqual({ x: [0, 0, 0.5, 0.5, 1], y: [0, 0.5, 0.5, 1, 1] });
    expect(Array.isArray(thinned.x)).toBe(true);
  });

  it("keeps the ends, the budget and the ROC area of 100 000 rows (≈ 29 000 distinct points)", () => {
    const { p, y } = syntheticScores(100_000, 1.5, 11);
    const roc = rocCurve(p, y, undefined, { dropIntermediate: false });
    expect(roc.fpr.length).toBeGreaterThan(10 * CURVE_POINTS);
    const thinned = thinCurve(roc.fpr, roc.tpr);
    expectFaithfulThinning(roc.fpr, roc.tpr, thinned);
    // The budget is used, not wasted: the spacing is the smallest that fits.
    expect(thinned.x.length).toBeGreaterThan(0.95 * CURVE_POINTS);
    const error = Math.abs(trapezoidArea(thinned.x, thinned.y) - trapezoidArea(roc.fpr, roc.tpr));
    expect(error).toBeLessThan(AREA_TOLERANCE);
    // Measured: 4.2e-6; a tenfold margin still shows a regression.
    expect(error).toBeLessThan(5e-5);
  });

  it("keeps the ends and the area of a precision–recall curve, jagged at low recall", () => {
    const { p, y } = syntheticScores(100_000, 1, 5);
    const pr = precisionRecallCurve(p, y);
    const thinned = thinCurve(pr.recall, pr.precision);
    expectFaithfulThinning(pr.recall, pr.precision, thinned);
    // Recall descends, so the trapezoid areas are negative: compare them as they are.
    const error = Math.abs(trapezoidArea(thinned.x, thinned.y) - trapezoidArea(pr.recall, pr.precision));
    expect(error).toBeLessThan(AREA_TOLERANCE);
  });

  it("keeps the reference telco_churn curves' areas (1761 test rows)", () => {
    const reference = loadReference("telco_churn", "logreg");
    const p = Float64Array.from(reference.test.logit, (z) => 1 / (1 + Math.exp(-z)));
    const y = Uint8Array.from(reference.test.label);
    const pr = precisionRecallCurve(p, y);
    expect(pr.recall.length).toBeGreaterThan(CURVE_POINTS);
    const thinnedPr = thinCurve(pr.recall, pr.precision);
    expectFaithfulThinning(pr.recall, pr.precision, thinnedPr);
    expect(
      Math.abs(trapezoidArea(thinnedPr.x, thinnedPr.y) - trapezoidArea(pr.recall, pr.precision)),
    ).toBeLessThan(AREA_TOLERANCE);
    const roc = rocCurve(p, y, undefined, { dropIntermediate: false });
    const thinnedRoc = thinCurve(roc.fpr, roc.tpr);
    expectFaithfulThinning(roc.fpr, roc.tpr, thinnedRoc);
    expect(
      Math.abs(trapezoidArea(thinnedRoc.x, thinnedRoc.y) - trapezoidArea(roc.fpr, roc.tpr)),
    ).toBeLessThan(AREA_TOLERANCE);
  });

  it("keeps the area of a fine staircase, the worst shape for chords", () => {
    // 1000 steps right then up, of 1/1000 each: 2001 points on the way from (0, 0) to (1, 1), area 0.4995.
    const steps = 1000;
    const x = new Float64Array(2 * steps + 1);
    const y = new Float64Array(2 * steps + 1);
    for (let k = 1; k <= 2 * steps; k++) {
      x[k] = Math.ceil(k / 2) / steps;
      y[k] = Math.floor(k / 2) / steps;
    }
    const thinned = thinCurve(x, y);
    expectFaithfulThinning(x, y, thinned);
    expect(Math.abs(trapezoidArea(thinned.x, thinned.y) - trapezoidArea(x, y))).toBeLessThan(AREA_TOLERANCE);
  });

  it("draws a jump where it is: both ends of a long segment are kept", () => {
    // 3000 points creeping along y = 0 up to x = 0.5, a jump to y = 1, then 3000 points along y = 1.
    const half = 3000;
    const x = new Float64Array(2 * half);
    const y = new Float64Array(2 * half);
    for (let i = 0; i < half; i++) {
      x[i] = (0.5 * i) / (half - 1);
      x[half + i] = 0.5 + (0.5 * i) / (half - 1);
      y[half + i] = 1;
    }
    const thinned = thinCurve(x, y);
    expectFaithfulThinning(x, y, thinned);
    const jump = thinned.y.indexOf(1);
    expect(thinned.x[jump - 1]).toBe(0.5);
    expect(thinned.y[jump - 1]).toBe(0);
    expect(thinned.x[jump]).toBe(0.5);
    expect(trapezoidArea(thinned.x, thinned.y)).toBeCloseTo(0.5, 12);
  });

  it("keeps only the ends of a curve of length 0, and honours a budget of 2", () => {
    expect(thinCurve(new Float64Array(1000).fill(0.5), new Float64Array(1000).fill(0.5))).toEqual({
      x: [0.5, 0.5],
      y: [0.5, 0.5],
    });
    expect(thinCurve(Float64Array.of(0, 0.2, 0.7, 1), Float64Array.of(0, 0.5, 0.9, 1), 2)).toEqual({
      x: [0, 1],
      y: [0, 1],
    });
  });

  it("honours any budget on a long curve", () => {
    const { p, y } = syntheticScores(20_000, 1, 3);
    const roc = rocCurve(p, y);
    for (const budget of [3, 10, 57, 200]) {
      const thinned = thinCurve(roc.fpr, roc.tpr, budget);
      expect(thinned.x.length).toBeLessThanOrEqual(budget);
      expect(thinned.x[0]).toBe(0);
      expect(thinned.x.at(-1)).toBe(1);
    }
  });

  it("refuses coordinates of different lengths and a budget below 2", () => {
    expect(codeOf(() => thinCurve([0, 1], [0]))).toBe("E_LENGTH_MISMATCH");
    expect(codeOf(() => thinCurve([0, 1], [0, 1], 1))).toBe("E_INVALID_OPTIONS");
    expect(codeOf(() => thinCurve([0, 1], [0, 1], 2.5))).toBe("E_INVALID_OPTIONS");
  });
});
