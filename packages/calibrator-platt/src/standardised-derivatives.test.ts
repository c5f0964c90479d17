import { seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { type Derivatives2, emptyDerivatives, evaluatePlatt, type PlattProblem } from "./objective.js";
import { standardiseLogOdds, writeStandardisedLogOdds } from "./standardise.js";
import { standardisedDerivatives } from "./standardised-derivatives.js";

function drawnProblem(rows: number, weighted: boolean): PlattProblem {
  const uniform = seededUniform(rows + (weighted ? 1 : 0));
  const logOdds = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  const weights = weighted ? new Float64Array(rows) : undefined;
  for (let i = 0; i < rows; i++) {
    logOdds[i] = 400 + 30 * (uniform() - 0.5); // far from 0, so that the standardisation matters
    labels[i] = uniform() < 0.4 ? 1 : 0;
    if (weights !== undefined) weights[i] = i % 7 === 0 ? 0 : 0.5 + 2 * uniform();
  }
  return {
    logOdds,
    labels,
    weights,
    targets: { positive: 0.97, negative: 0.02, positiveRows: 0, negativeRows: 0 },
  };
}

/** The same derivatives from `evaluatePlatt` on a materialised standardised copy. */
function onCopy(problem: PlattProblem, a: number, b: number): Derivatives2 {
  const map = standardiseLogOdds(problem.logOdds, problem.weights);
  if (map === undefined) throw new Error("expected a map");
  const standardised = new Float64Array(problem.logOdds.length);
  writeStandardisedLogOdds(map, problem.logOdds, standardised);
  const out = emptyDerivatives();
  evaluatePlatt({ ...problem, logOdds: standardised }, a, b, out);
  return out;
}

function relative(actual: number, expected: number, scale: number): number {
  return Math.abs(actual - expected) / scale;
}

describe("gradient and Hessian in one pass over the original log-odds", () => {
  it.each([
    ["unit weights", false],
    ["weights, some zero", true],
  ] as const)("%s: equal evaluatePlatt's on a standardised copy, to rounding", (_, weighted) => {
    const problem = drawnProblem(5000, weighted);
    const map = standardiseLogOdds(problem.logOdds, problem.weights);
    if (map === undefined) throw new Error("expected a map");
    for (const [a, b] of [
      [-1.3, 0.4],
      [2, -3],
      [-40, 8],
    ] as const) {
      const expected = onCopy(problem, a, b);
      const actual = emptyDerivatives();
      standardisedDerivatives(problem, map, a, b, 0, actual);
      const gradientScale = Math.abs(expected.gradientA) + Math.abs(expected.gradientB) + 1;
      expect(relative(actual.gradientA, expected.gradientA, gradientScale)).toBeLessThan(1e-13);
      expect(relative(actual.gradientB, expected.gradientB, gradientScale)).toBeLessThan(1e-13);
      expect(relative(actual.curvature, expected.curvature, expected.curvature)).toBeLessThan(1e-13);
      expect(relative(actual.curvatureMean, expected.curvatureMean, 1)).toBeLessThan(1e-13);
      expect(
        relative(actual.curvatureSpread, expected.curvatureSpread, expected.curvatureSpread),
      ).toBeLessThan(1e-12);
    }
  });

  it("does not depend on the shift of the moment sums beyond rounding", () => {
    const problem = drawnProblem(2000, false);
    const map = standardiseLogOdds(problem.logOdds, problem.weights);
    if (map === undefined) throw new Error("expected a map");
    const [atZero, atMean, far] = [emptyDerivatives(), emptyDerivatives(), emptyDerivatives()];
    standardisedDerivatives(problem, map, -1, 0.5, 0, atZero);
    standardisedDerivatives(problem, map, -1, 0.5, atZero.curvatureMean, atMean);
    standardisedDerivatives(problem, map, -1, 0.5, 3, far);
    for (const other of [atMean, far]) {
      expect(other.gradientA).toBe(atZero.gradientA);
      expect(other.gradientB).toBe(atZero.gradientB);
      expect(other.curvature).toBe(atZero.curvature);
      expect(other.curvatureMean).toBeCloseTo(atZero.curvatureMean, 13);
      expect(other.curvatureSpread / atZero.curvatureSpread).toBeCloseTo(1, 12);
    }
  });

  it("keeps tiny residuals and curvatures to full precision at u = 40, where p(1 − p) rounds to 0", () => {
    // Two negative rows at standardised log-odds −1 and +1 (log-odds ∓5), a = 0, b = 40: u = 40 on both, so
    // p = σ(−40) ≈ 4.2e-18 and the residuals are −σ(−40) each.
    const problem: PlattProblem = {
      logOdds: Float64Array.from([-5, 5]),
      labels: Uint8Array.from([0, 0]),
      weights: undefined,
      targets: { positive: 1, negative: 0, positiveRows: 0, negativeRows: 2 },
    };
    const map = standardiseLogOdds(problem.logOdds, undefined);
    if (map === undefined) throw new Error("expected a map");
    const out = emptyDerivatives();
    standardisedDerivatives(problem, map, 0, 40, 0, out);
    const tail = Math.exp(-40) / (1 + Math.exp(-40)); // σ(−40)
    const curvature = tail / (1 + Math.exp(-40)); // σ(−40)·σ(40)
    const naive = 1 / (1 + Math.exp(-40));
    expect(naive * (1 - naive)).toBe(0);
    expect(out.gradientB / (-2 * tail)).toBeCloseTo(1, 14);
    expect(out.gradientA).toBe(0);
    expect(out.curvature / (2 * curvature)).toBeCloseTo(1, 14);
    expect(out.curvatureMean).toBe(0);
    expect(out.curvatureSpread / (2 * curvature)).toBeCloseTo(1, 14);
  });
});
