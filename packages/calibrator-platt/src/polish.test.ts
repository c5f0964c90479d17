import { describe, expect, it } from "vitest";
import { GRADIENT_TOLERANCE } from "./newton.js";
import type { Derivatives2 } from "./objective.js";
import { type DerivativesAt, POLISH_CONTRACTION, POLISH_MAX_STEPS, polishNewton } from "./polish.js";

/** Writes g and H = [[h_aa, h_ab], [h_ab, h_bb]] (h_bb > 0) into `out` in moment form. */
function fill(out: Derivatives2, g: [number, number], h: [number, number, number]): void {
  out.gradientA = g[0];
  out.gradientB = g[1];
  out.curvature = h[2];
  out.curvatureMean = h[1] / h[2];
  out.curvatureSpread = h[0] - (h[1] * h[1]) / h[2];
}

/**
 * f = ½·xᵀAx with x = (a − 1, b + 3) and A = [[2, 1], [1, 4]], reporting the Hessian `overstate` times too large:
 * each full step then leaves a fraction 1 − 1/overstate of the gradient (none when exact).
 */
function quadratic(overstate = 1): { derivativesAt: DerivativesAt; passes: () => number } {
  let passes = 0;
  return {
    derivativesAt(a, b, out) {
      passes++;
      const x = a - 1;
      const y = b + 3;
      fill(out, [2 * x + y, x + 4 * y], [2 * overstate, overstate, 4 * overstate]);
    },
    passes: () => passes,
  };
}

describe("full Newton steps judged by the gradient and the Newton decrement", () => {
  it("a quadratic: one step to the minimum, and one pass there to see it", () => {
    const { derivativesAt, passes } = quadratic();
    const result = polishNewton(derivativesAt, 10, 10, 1, Number.POSITIVE_INFINITY);
    expect(result).toEqual({
      a: 1,
      b: -3,
      converged: true,
      iterations: 1,
      passes: 2,
      relativeGradient: 0,
      certified: false,
    });
    expect(passes()).toBe(2);
  });

  it("takes a step its bound certifies without a pass at its end", () => {
    const { derivativesAt, passes } = quadratic();
    const bounds: number[] = [];
    const result = polishNewton(derivativesAt, 10, 10, 1, Number.POSITIVE_INFINITY, (_, stepA, stepB) => {
      bounds.push(Math.hypot(stepA, stepB));
      return 1e-17;
    });
    expect(result).toMatchObject({ a: 1, b: -3, converged: true, iterations: 1, passes: 1, certified: true });
    expect(result.relativeGradient).toBe(1e-17);
    expect(passes()).toBe(1);
    expect(bounds).toEqual([Math.hypot(9, 13)]);
    // A bound above a tenth of the tolerance certifies nothing: the step is evaluated as usual.
    const checked = polishNewton(
      quadratic().derivativesAt,
      10,
      10,
      1,
      Number.POSITIVE_INFINITY,
      () => 0.2 * GRADIENT_TOLERANCE,
    );
    expect(checked).toMatchObject({ converged: true, passes: 2, certified: false, relativeGradient: 0 });
  });

  it("keeps steps that shrink the Newton decrement fourfold, up to POLISH_MAX_STEPS of them", () => {
    // Hessian overstated 1.9×: each step leaves 0.47 of the gradient, 0.22 of the decrement — kept, but slow.
    const { derivativesAt } = quadratic(1.9);
    const result = polishNewton(derivativesAt, 2, -2, 1, Number.POSITIVE_INFINITY);
    expect((1 - 1 / 1.9) ** 2).toBeLessThanOrEqual(POLISH_CONTRACTION);
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(POLISH_MAX_STEPS);
    expect(result.passes).toBe(POLISH_MAX_STEPS + 1);
    expect(result.relativeGradient).toBeCloseTo(5 * (1 - 1 / 1.9) ** POLISH_MAX_STEPS, 12);
  });

  it("refuses a step that shrinks the decrement less, and returns the point before it", () => {
    // Overstated 2.5×: each step leaves 0.6 of the gradient, 0.36 of the decrement.
    const result = polishNewton(quadratic(2.5).derivativesAt, 2, -2, 1, Number.POSITIVE_INFINITY);
    expect(result).toMatchObject({
      a: 2,
      b: -2,
      converged: false,
      iterations: 0,
      passes: 2,
      certified: false,
    });
    expect(result.relativeGradient).toBe(5);
  });

  it("refuses a step that overshoots: log cosh from far away", () => {
    // f = log cosh(a − 2) + log cosh(b): at a = 5 the Newton step −tanh(3)·cosh²(3) ≈ −100 lands at a ≈ −95.
    const logCosh: DerivativesAt = (a, b, out) => {
      fill(out, [Math.tanh(a - 2), Math.tanh(b)], [1 / Math.cosh(a - 2) ** 2, 0, 1 / Math.cosh(b) ** 2]);
    };
    const result = polishNewton(logCosh, 5, 0.1, 1, Number.POSITIVE_INFINITY);
    expect(result).toMatchObject({ a: 5, b: 0.1, converged: false, iterations: 0, passes: 2 });
    // From nearby, it converges quadratically.
    const near = polishNewton(logCosh, 2.3, -0.2, 1, Number.POSITIVE_INFINITY);
    expect(near.converged).toBe(true);
    expect(near.iterations).toBeLessThanOrEqual(4);
    expect(near.a).toBeCloseTo(2, 14);
  });

  it("stops at once on a damped Hessian, and before a step that would cross the slope bound", () => {
    const singular: DerivativesAt = (_a, _b, out) => fill(out, [1, 1], [1, 1, 1]);
    expect(polishNewton(singular, 0, 0, 1, Number.POSITIVE_INFINITY)).toMatchObject({
      converged: false,
      iterations: 0,
      passes: 1,
    });
    const bounded = polishNewton(quadratic().derivativesAt, 0.2, 10, 1, 0.5); // the step would end at a = 1
    expect(bounded).toMatchObject({ a: 0.2, b: 10, converged: false, iterations: 0, passes: 1 });
  });
});
