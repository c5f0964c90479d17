import { sigmoid, softplus } from "@calibra/core";
import { describe, expect, it } from "vitest";
import { emptyDerivatives, evaluatePlatt, hessianEntries, type PlattProblem } from "./objective.js";

function problem(
  logOdds: number[],
  labels: number[],
  weights?: number[],
  positive = 0.9,
  negative = 0.05,
): PlattProblem {
  return {
    logOdds: Float64Array.from(logOdds),
    labels: Uint8Array.from(labels),
    weights: weights === undefined ? undefined : Float64Array.from(weights),
    targets: { positive, negative, positiveRows: 0, negativeRows: 0 },
  };
}

const z = [-3000, -800, -40, -2.5, -0.3, 0, 0.7, 4, 40, 800, 3000];
const y = [0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1];
const w = [1, 0.5, 2, 1, 3, 1, 0.25, 1, 2, 1, 0.5];

describe("Platt objective and derivatives", () => {
  it("equals Σ wᵢ [tᵢ·softplus(uᵢ) + (1 − tᵢ)·softplus(−uᵢ)] computed with core's softplus", () => {
    for (const [a, b] of [
      [-1, 0.3],
      [0.5, -2],
      [-0.01, 7],
    ] as const) {
      let expected = 0;
      for (let i = 0; i < z.length; i++) {
        const u = a * (z[i] as number) + b;
        const t = y[i] === 1 ? 0.9 : 0.05;
        expected += (w[i] as number) * (t * softplus(u) + (1 - t) * softplus(-u));
      }
      expect(evaluatePlatt(problem(z, y, w), a, b)).toBeCloseTo(expected, 9);
      expect(Math.abs(evaluatePlatt(problem(z, y, w), a, b) / expected - 1)).toBeLessThan(1e-14);
    }
  });

  it("gives the same value with and without derivatives, and the gradient and Hessian of core's formulas", () => {
    const a = -0.8;
    const b = 0.4;
    const out = emptyDerivatives();
    const withDerivatives = evaluatePlatt(problem(z, y, w), a, b, out);
    expect(withDerivatives).toBe(evaluatePlatt(problem(z, y, w), a, b));
    let gradientA = 0;
    let gradientB = 0;
    let hessianAA = 0;
    let hessianAB = 0;
    let hessianBB = 0;
    for (let i = 0; i < z.length; i++) {
      const zi = z[i] as number;
      const u = a * zi + b;
      const residual = (w[i] as number) * ((y[i] === 1 ? 0.9 : 0.05) - sigmoid(-u));
      const curvature = (w[i] as number) * sigmoid(u) * sigmoid(-u);
      gradientA += residual * zi;
      gradientB += residual;
      hessianAA += curvature * zi * zi;
      hessianAB += curvature * zi;
      hessianBB += curvature;
    }
    expect(out.gradientA).toBeCloseTo(gradientA, 9);
    expect(out.gradientB).toBeCloseTo(gradientB, 12);
    const [aa, ab, bb] = hessianEntries(out);
    expect(aa / hessianAA).toBeCloseTo(1, 13);
    expect(ab / hessianAB).toBeCloseTo(1, 13);
    expect(bb / hessianBB).toBeCloseTo(1, 13);
  });

  it("matches central finite differences of the value", () => {
    const rows = problem([-2, -1, -0.5, 0.3, 1, 2.2], [0, 0, 1, 0, 1, 1], [1, 2, 1, 0.5, 1, 3]);
    const a = -0.7;
    const b = 0.2;
    const h = 1e-5;
    const out = emptyDerivatives();
    evaluatePlatt(rows, a, b, out);
    const f = (da: number, db: number) => evaluatePlatt(rows, a + da, b + db);
    expect(out.gradientA).toBeCloseTo((f(h, 0) - f(-h, 0)) / (2 * h), 8);
    expect(out.gradientB).toBeCloseTo((f(0, h) - f(0, -h)) / (2 * h), 8);
    const [aa, ab, bb] = hessianEntries(out);
    expect(aa).toBeCloseTo((f(h, 0) - 2 * f(0, 0) + f(-h, 0)) / (h * h), 4);
    expect(bb).toBeCloseTo((f(0, h) - 2 * f(0, 0) + f(0, -h)) / (h * h), 4);
    expect(ab).toBeCloseTo((f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h), 4);
  });

  it("keeps the curvature at u = 40, where p(1 − p) rounds to 0, and the loss exact at u = 3000", () => {
    const out = emptyDerivatives();
    const value = evaluatePlatt(problem([40], [1], undefined, 1, 0), 1, 0, out);
    const naive = sigmoid(40) * (1 - sigmoid(40));
    expect(naive).toBe(0);
    expect(out.curvature / (Math.exp(-40) / (1 + Math.exp(-40)) ** 2)).toBeCloseTo(1, 14);
    expect(value).toBeCloseTo(40 + Math.log1p(Math.exp(-40)), 13);
    // A positive row at u = 3000 with raw target 1 costs softplus(3000) = 3000, a negative one softplus(−3000) = 0.
    expect(evaluatePlatt(problem([3000, 3000], [1, 0], undefined, 1, 0), 1, 0)).toBe(3000);
  });

  it("keeps det H = S·M exact where h_aa·h_bb − h_ab² cancels to nothing", () => {
    // Curvature on 1000 rows at z = 1 and one row at 1 + 1e-9: det H = S·M ≈ 1000·c²·1e-18, far below the rounding
    // of h_aa·h_bb ≈ 1e6·c².
    const logOdds = [...Array<number>(1000).fill(1), 1 + 1e-9];
    const out = emptyDerivatives();
    evaluatePlatt(
      problem(
        logOdds,
        logOdds.map(() => 0),
      ),
      0,
      0,
      out,
    );
    const c = 0.25; // σ(0)σ(0) at a = b = 0
    const expectedSpread = ((1000 * 1) / 1001) * c * 1e-18; // Σ cᵢ (zᵢ − μ)² for 1000 at 0 and one at 1e-9
    expect(out.curvatureSpread / expectedSpread).toBeCloseTo(1, 6);
    // The same determinant from plain sums Σcz², Σcz, Σc is rounding noise: off by more than itself.
    let szz = 0;
    let sz = 0;
    let s1 = 0;
    for (const z of logOdds) {
      szz += c * z * z;
      sz += c * z;
      s1 += c;
    }
    const exact = out.curvature * out.curvatureSpread;
    expect(exact / (1001 * c * expectedSpread)).toBeCloseTo(1, 6);
    expect(Math.abs(szz * s1 - sz * sz - exact)).toBeGreaterThanOrEqual(exact);
  });

  it("skips rows with weight 0", () => {
    const value = evaluatePlatt(problem([1, 1e6], [1, 0], [1, 0]), 1, 0);
    expect(value).toBeCloseTo(0.9 * softplus(1) + 0.1 * softplus(-1), 15);
  });
});
