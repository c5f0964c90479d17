import { describe, expect, it } from "vitest";
import { type Evaluation, type MonotoneRootProblem, solveMonotone } from "./safeguarded-newton.js";

function problem(
  f: (x: number) => number,
  slope: (x: number) => number,
  overrides: Partial<MonotoneRootProblem> = {},
): MonotoneRootProblem & { calls: number[] } {
  const calls: number[] = [];
  return {
    evaluate(x: number, result: Evaluation) {
      calls.push(x);
      result.value = f(x);
      result.slope = slope(x);
    },
    lower: 0,
    upper: 10,
    start: 1,
    valueTolerance: 0,
    stepTolerance: 1e-12,
    stepFloor: 1,
    scale: "linear",
    maxIterations: 200,
    ...overrides,
    calls,
  };
}

const scratch: Evaluation = { value: 0, slope: 0 };

describe("solveMonotone", () => {
  it("finds ∛2 as the root of x³ − 2 by Newton, to rounding, in a few steps", () => {
    const p = problem(
      (x) => x ** 3 - 2,
      (x) => 3 * x * x,
    );
    const root = solveMonotone(p, scratch);
    expect(root.x).toBeCloseTo(Math.cbrt(2), 15);
    expect(root.converged).toBe(true);
    expect(root.iterations).toBeLessThan(10);
    // The last evaluation is at the returned point.
    expect(p.calls.at(-1)).toBe(root.x);
  });

  it("falls back to bisection when the slope is useless (a step-like function with slope 0)", () => {
    const p = problem(
      (x) => Math.tanh(50 * (x - Math.PI)),
      () => 0,
      { start: 9 },
    );
    const root = solveMonotone(p, scratch);
    expect(Math.abs(root.x - Math.PI)).toBeLessThan(1e-10);
    expect(root.converged).toBe(true);
    // Both ends are visited first (their signs were unknown), then bisection takes ~log₂(10 / 10⁻¹¹) ≈ 40 steps.
    expect(p.calls.slice(0, 2)).toEqual([9, 0]);
    expect(root.iterations).toBeLessThan(50);
  });

  it("returns the lower end when f > 0 on the whole interval, and the upper end when f < 0", () => {
    const above = problem(
      (x) => x + 1,
      () => 1,
    );
    expect(solveMonotone(above, scratch).x).toBe(0);
    const below = problem(
      (x) => x - 100,
      () => 1,
    );
    const root = solveMonotone(below, scratch);
    expect(root.x).toBe(10);
    expect(root.converged).toBe(true);
  });

  it("does not evaluate an end whose sign it does not need", () => {
    const p = problem(
      (x) => x - 2,
      () => 1,
      { lower: -1e9, upper: 1e9, start: 3 },
    );
    const root = solveMonotone(p, scratch);
    expect(root.x).toBe(2);
    expect(p.calls).toEqual([3, 2]);
  });

  it("bisects geometrically over many orders of magnitude", () => {
    // log(x) − log(3e-7): the root is at 3e-7 on [1e-12, 1e6]; the slope is ignored to force bisection.
    const p = problem(
      (x) => Math.log(x / 3e-7),
      () => Number.NaN,
      { lower: 1e-12, upper: 1e6, start: 1, stepFloor: 0, scale: "logarithmic" },
    );
    const root = solveMonotone(p, scratch);
    expect(root.x / 3e-7).toBeCloseTo(1, 11);
    expect(root.iterations).toBeLessThan(60);
  });

  it("reports converged = false when the iteration cap runs out, at an evaluated point", () => {
    const p = problem(
      (x) => x - Math.E,
      () => 0,
      { maxIterations: 5 },
    );
    const root = solveMonotone(p, scratch);
    expect(root.converged).toBe(false);
    expect(root.iterations).toBe(5);
    expect(p.calls.at(-1)).toBe(root.x);
  });

  it("stops at once on a value within the tolerance", () => {
    const p = problem(
      (x) => x - 1 + 1e-20,
      () => 1,
      { valueTolerance: 1e-15 },
    );
    expect(solveMonotone(p, scratch)).toEqual({ x: 1, value: 1e-20, iterations: 1, converged: true });
  });

  it("with upperExpansion, steps up geometrically instead of jumping to an end whose sign is unknown", () => {
    // A step function with a useless (negative) slope: Newton is never usable. Root at 50 on [1e-12, 1e6].
    const options = { lower: 1e-12, upper: 1e6, start: 1, stepFloor: 0, scale: "logarithmic" } as const;
    const step = (x: number) => (x < 50 ? -1 : 1);
    const jumping = problem(step, () => -1, options);
    solveMonotone(jumping, scratch);
    expect(jumping.calls.slice(0, 2)).toEqual([1, 1e6]);
    const expanding = problem(step, () => -1, { ...options, upperExpansion: Math.log(2) });
    const root = solveMonotone(expanding, scratch);
    expect(expanding.calls.slice(0, 7).map((x) => Math.round(x))).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(expanding.calls).not.toContain(1e6);
    expect(root.x / 50).toBeCloseTo(1, 11);
    expect(root.converged).toBe(true);
  });

  it("with upperExpansion, still evaluates the upper end at once when Newton points beyond it", () => {
    // f = x − 1e7 with its true slope: the first Newton step lands past the upper end, which is then the answer.
    const p = problem(
      (x) => x - 1e7,
      () => 1,
      { lower: 1e-12, upper: 1e6, start: 1, stepFloor: 0, scale: "logarithmic", upperExpansion: Math.log(2) },
    );
    const root = solveMonotone(p, scratch);
    expect(p.calls).toEqual([1, 1e6]);
    expect(root.x).toBe(1e6);
  });

  it("with knownSigns, never evaluates the ends and bisects from the start", () => {
    const p = problem(
      (x) => x - Math.PI,
      () => 0,
      { start: 9, knownSigns: true },
    );
    const root = solveMonotone(p, scratch);
    expect(root.x).toBeCloseTo(Math.PI, 11);
    expect(p.calls).not.toContain(0);
    expect(p.calls).not.toContain(10);
    // Without it the lower end is evaluated second.
    const unknown = problem(
      (x) => x - Math.PI,
      () => 0,
      { start: 9 },
    );
    solveMonotone(unknown, scratch);
    expect(unknown.calls[1]).toBe(0);
  });
});
