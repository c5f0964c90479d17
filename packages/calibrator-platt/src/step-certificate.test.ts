import { seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { dampedNewtonDirection } from "./newton.js";
import { emptyDerivatives, evaluatePlatt, type PlattProblem } from "./objective.js";
import { standardiseLogOdds, writeStandardisedLogOdds } from "./standardise.js";
import { fullStepGradientBound, LOSS_THIRD_DERIVATIVE_BOUND } from "./step-certificate.js";

describe("the bound on the gradient after a full Newton step", () => {
  it("uses max|ℓ‴| = 1/(6√3), the largest |s(1 − s)(1 − 2s)| on [0, 1]", () => {
    let largest = 0;
    for (let k = 0; k <= 100_000; k++) {
      const s = k / 100_000;
      largest = Math.max(largest, Math.abs(s * (1 - s) * (1 - 2 * s)));
    }
    expect(largest).toBeLessThanOrEqual(LOSS_THIRD_DERIVATIVE_BOUND);
    expect(largest).toBeGreaterThan(LOSS_THIRD_DERIVATIVE_BOUND * (1 - 1e-8));
  });

  it.each([
    ["mild, unit weights", 1, false, 0.6],
    ["steep, weighted", 4, true, 2.5],
    ["heavy-tailed scores", 3, false, 1],
  ] as const)(
    "%s: holds for steps of every size, and is tight to within a few orders for small ones",
    (_, seed, weighted, slope) => {
      const uniform = seededUniform(seed);
      const rows = 3000;
      const logOdds = new Float64Array(rows);
      const labels = new Uint8Array(rows);
      const weights = weighted ? new Float64Array(rows) : undefined;
      for (let i = 0; i < rows; i++) {
        const z = seed === 3 ? Math.tan(Math.PI * (uniform() - 0.5)) : 4 * (uniform() - 0.5);
        logOdds[i] = z;
        labels[i] = uniform() < 1 / (1 + Math.exp(-slope * z)) ? 1 : 0;
        if (weights !== undefined) weights[i] = 0.2 + uniform();
      }
      const map = standardiseLogOdds(logOdds, weights);
      if (map === undefined) throw new Error("expected a map");
      const standardised = new Float64Array(rows);
      writeStandardisedLogOdds(map, logOdds, standardised);
      const problem: PlattProblem = {
        logOdds: standardised,
        labels,
        weights,
        targets: { positive: 0.99, negative: 0.01, positiveRows: 0, negativeRows: 0 },
      };
      let totalWeight = 0;
      for (let i = 0; i < rows; i++) totalWeight += weights?.[i] ?? 1;
      const relativeGradient = (a: number, b: number) => {
        const out = emptyDerivatives();
        evaluatePlatt(problem, a, b, out);
        return Math.max(Math.abs(out.gradientA), Math.abs(out.gradientB)) / totalWeight;
      };
      // Walk to the optimum with full Newton steps, checking the bound against the gradient each step reaches.
      let a = 0;
      let b = 0;
      const direction = new Float64Array(2);
      let tightest = Number.POSITIVE_INFINITY;
      for (let step = 0; step < 12; step++) {
        const here = emptyDerivatives();
        evaluatePlatt(problem, a, b, here);
        expect(dampedNewtonDirection(here, direction)).toBe(false);
        const [stepA, stepB] = [direction[0] as number, direction[1] as number];
        const bound = fullStepGradientBound(here, stepA, stepB, totalWeight, rows, map.standardisedReach);
        const reached = relativeGradient(a + stepA, b + stepB);
        // What the pass computes carries its own rounding, ~1e-17 here; the bound leaves that out.
        expect(reached).toBeLessThanOrEqual(bound + 1e-16);
        if (reached > 1e-15) tightest = Math.min(tightest, bound / reached);
        a += stepA;
        b += stepB;
      }
      expect(tightest).toBeLessThan(1e4);
      // At the optimum the next step is tiny and the bound certifies it far below the tolerance.
      const last = emptyDerivatives();
      evaluatePlatt(problem, a, b, last);
      dampedNewtonDirection(last, direction);
      expect(
        fullStepGradientBound(
          last,
          direction[0] as number,
          direction[1] as number,
          totalWeight,
          rows,
          map.standardisedReach,
        ),
      ).toBeLessThan(1e-15);
    },
  );

  it("is +∞ when the step or the derivatives are not finite", () => {
    const derivatives = { gradientA: 1, gradientB: 1, curvature: 1, curvatureMean: 0, curvatureSpread: 1 };
    expect(fullStepGradientBound(derivatives, Number.NaN, 0, 1, 10, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(fullStepGradientBound(derivatives, 1e200, 1e200, 1, 10, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("grows with the step's square, the reach and the row count", () => {
    const derivatives = {
      gradientA: -1e-3,
      gradientB: 0,
      curvature: 0.1,
      curvatureMean: 0,
      curvatureSpread: 0.1,
    };
    // The Newton step: p = (1e-2, 0), exact, so g + Hp = 0.
    const small = fullStepGradientBound(derivatives, 1e-2, 0, 1, 1000, 3);
    expect(small).toBeCloseTo(LOSS_THIRD_DERIVATIVE_BOUND * 1e-4 * 3, 8);
    expect(fullStepGradientBound(derivatives, 1e-2, 0, 1, 1000, 6)).toBeCloseTo(2 * small, 8);
    expect(fullStepGradientBound(derivatives, 2e-2, 0, 1, 1000, 3)).toBeGreaterThan(3.9 * small);
    expect(fullStepGradientBound(derivatives, 1e-2, 0, 1, 1e12, 3)).toBeGreaterThan(small + 1e-6);
  });
});
