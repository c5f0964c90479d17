import { describe, expect, it } from "vitest";
import {
  type ConvexObjective2,
  DAMPED_RECIPROCAL_CONDITION,
  dampedNewtonDirection,
  GRADIENT_TOLERANCE,
  MAX_NEWTON_ITERATIONS,
  minimiseNewton2,
} from "./newton.js";
import type { Derivatives2 } from "./objective.js";

/** Writes g and H = [[h_aa, h_ab], [h_ab, h_bb]] (h_bb > 0) into `out` in moment form. */
function fill(out: Derivatives2 | undefined, g: [number, number], h: [number, number, number]): void {
  if (out === undefined) return;
  out.gradientA = g[0];
  out.gradientB = g[1];
  out.curvature = h[2];
  out.curvatureMean = h[1] / h[2];
  out.curvatureSpread = h[0] - (h[1] * h[1]) / h[2];
}

function moments(g: [number, number], curvature: number, mean: number, spread: number): Derivatives2 {
  return { gradientA: g[0], gradientB: g[1], curvature, curvatureMean: mean, curvatureSpread: spread };
}

describe("damped Newton direction", () => {
  it("solves H p = −g exactly for a well-conditioned Hessian", () => {
    const p = new Float64Array(2);
    // H = [[2, 1], [1, 3]]: S = 3, μ = 1/3, M = 2 − 1/3. H⁻¹ = [[3, −1], [−1, 2]] / 5, so p = −H⁻¹(1, 2) = (−0.2, −0.6).
    expect(dampedNewtonDirection(moments([1, 2], 3, 1 / 3, 5 / 3), p)).toBe(false);
    expect(p[0]).toBeCloseTo(-0.2, 15);
    expect(p[1]).toBeCloseTo(-0.6, 15);
  });

  it("takes the exact step at condition numbers near 1e20, which the moment form resolves", () => {
    const p = new Float64Array(2);
    // H = [[1 + 1e-20, 1], [1, 1]] (S = 1, μ = 1, M = 1e-20): p_a = −(g_a − g_b)/M = −1e20 for g = (2, 1).
    expect(dampedNewtonDirection(moments([2, 1], 1, 1, 1e-20), p)).toBe(false);
    expect(p[0]).toBe(-1e20);
    expect(p[1]).toBe(-1 + 1e20);
    // A mere difference of scale, H = diag(1, 1e-14), is not damped either.
    expect(dampedNewtonDirection(moments([1, 1], 1e-14, 0, 1), p)).toBe(false);
    expect(p[0]).toBe(-1);
    expect(p[1]).toBeCloseTo(-1e14, 0);
  });

  it("damps an indefinite Hessian to a descent direction", () => {
    const p = new Float64Array(2);
    // H = [[1, 2], [2, 1]] (eigenvalues 3 and −1): S = 1, μ = 2, M = −3, ρ = 2. Marquardt's shift makes the
    // scaled diagonal d = 2/ρ* with ρ* = (1 − c)/(1 + c), so p = −(1, −1)/(d − 2) = −(1, −1)·(1 − c)/(4c).
    expect(dampedNewtonDirection(moments([1, -1], 1, 2, -3), p)).toBe(true);
    const c = DAMPED_RECIPROCAL_CONDITION;
    expect((p[0] as number) / (-(1 - c) / (4 * c))).toBeCloseTo(1, 3);
    expect((p[1] as number) / ((1 - c) / (4 * c))).toBeCloseTo(1, 3);
    expect((p[0] as number) - (p[1] as number)).toBeLessThan(0); // gᵀp < 0
  });

  it("damps a Hessian that is singular to working precision", () => {
    const p = new Float64Array(2);
    // H = [[1, 1], [1, 1]] (all curvature at z = 1: M = 0). With d = 1/ρ*, p = −(1, −1)/(d − 1) = −(1, −1)(1 − c)/(2c).
    expect(dampedNewtonDirection(moments([1, -1], 1, 1, 0), p)).toBe(true);
    const c = DAMPED_RECIPROCAL_CONDITION;
    expect((p[0] as number) / (-(1 - c) / (2 * c))).toBeCloseTo(1, 3);
    expect((p[1] as number) / ((1 - c) / (2 * c))).toBeCloseTo(1, 3);
  });

  it("falls back to the normalised steepest-descent direction when there is no curvature", () => {
    const p = new Float64Array(2);
    expect(dampedNewtonDirection(moments([4, -2], 0, 0, 0), p)).toBe(true);
    expect(Array.from(p)).toEqual([-1, 0.5]);
  });
});

describe("safeguarded Newton minimisation", () => {
  it("minimises a quadratic in one step", () => {
    // f = (a − 1)² + 2(b + 3)² + (a − 1)(b + 3)
    const quadratic: ConvexObjective2 = {
      evaluate(a, b, out) {
        const x = a - 1;
        const y = b + 3;
        fill(out, [2 * x + y, 4 * y + x], [2, 1, 4]);
        return x * x + 2 * y * y + x * y;
      },
    };
    const result = minimiseNewton2(quadratic, 10, 10, 1);
    expect(result.iterations).toBe(1);
    expect(result.stoppedBy).toBe("gradient-tolerance");
    expect(result.a).toBeCloseTo(1, 14);
    expect(result.b).toBeCloseTo(-3, 14);
  });

  it("backtracks where the full Newton step overshoots, and converges to 1e-14", () => {
    // f = softplus-like: log(cosh(a − 2)) + log(cosh(b)); Newton overshoots from far away without a line search.
    const logCosh: ConvexObjective2 = {
      evaluate(a, b, out) {
        const x = a - 2;
        fill(out, [Math.tanh(x), Math.tanh(b)], [1 / Math.cosh(x) ** 2, 0, 1 / Math.cosh(b) ** 2]);
        return (
          Math.abs(x) +
          Math.log1p(Math.exp(-2 * Math.abs(x))) +
          Math.abs(b) +
          Math.log1p(Math.exp(-2 * Math.abs(b)))
        );
      },
    };
    const result = minimiseNewton2(logCosh, 5, -4, 1);
    expect(result.stoppedBy).toBe("gradient-tolerance");
    expect(result.relativeGradient).toBeLessThanOrEqual(GRADIENT_TOLERANCE);
    expect(result.a).toBeCloseTo(2, 13);
    expect(result.b).toBeCloseTo(0, 13);
    expect(result.iterations).toBeLessThan(20);
  });

  it("stops at the rounding limit when the gradient cannot shrink below the tolerance", () => {
    // A large value with a gradient stuck at 1e-3 (as rounding noise would leave it): the Newton decrement
    // 1e-6 is below 1e-12·|f|, the full step does not reduce the gradient, so the fit stops.
    const noisy: ConvexObjective2 = {
      evaluate(_a, _b, out) {
        fill(out, [1e-3, 0], [1, 0, 1]);
        return 1e7;
      },
    };
    const result = minimiseNewton2(noisy, 0, 0, 1);
    expect(result.stoppedBy).toBe("rounding-limit");
    expect(result.iterations).toBe(0);
    expect(result.a).toBe(0);
  });

  it("reports no decrease when no step along the direction lowers f, keeping the start", () => {
    const liar: ConvexObjective2 = {
      evaluate(a, b, out) {
        fill(out, [1, 1], [1, 0, 1]);
        return a === 3 && b === 4 ? 0 : 1;
      },
    };
    const result = minimiseNewton2(liar, 3, 4, 1);
    expect(result.stoppedBy).toBe("no-decrease");
    expect([result.a, result.b, result.value]).toEqual([3, 4, 0]);
  });

  it("stops at the iteration cap when the minimum is at infinity and the tolerance is out of reach", () => {
    // f = exp(−a) + b²: inf at a → ∞. With a gradient scale of 1e-300 the tolerance is never met.
    const atInfinity: ConvexObjective2 = {
      evaluate(a, b, out) {
        const e = Math.exp(-a);
        fill(out, [-e, 2 * b], [e, 0, 2]);
        return e + b * b;
      },
    };
    const capped = minimiseNewton2(atInfinity, 0, 1, 1e-300);
    expect(capped.stoppedBy).toBe("iteration-cap");
    expect(capped.iterations).toBe(MAX_NEWTON_ITERATIONS);
    expect(Number.isFinite(capped.a)).toBe(true);
    // With scale 1 the gradient test stops it once exp(−a) ≤ 1e-14, i.e. a ≥ 14·ln 10 ≈ 32.2.
    const stopped = minimiseNewton2(atInfinity, 0, 1, 1);
    expect(stopped.stoppedBy).toBe("gradient-tolerance");
    expect(stopped.a).toBeGreaterThan(14 * Math.LN10);
    expect(stopped.a).toBeLessThan(14 * Math.LN10 + 1.5);
  });
});
