import { describe, expect, it } from "vitest";
import { fitLogisticRegression } from "./logistic-regression.js";

const logit = (p: number) => Math.log(p / (1 - p));

describe("fitLogisticRegression", () => {
  it("a binary feature with an intercept reproduces the two group log-odds", () => {
    // x = 0: 1 positive of 4; x = 1: 3 of 5. So c = logit(1/4), β = logit(3/5) − logit(1/4).
    const x = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const y = Uint8Array.from([1, 0, 0, 0, 1, 1, 1, 0, 0]);
    const fit = fitLogisticRegression({
      features: [x],
      labels: y,
      weights: undefined,
      fitIntercept: true,
      l2: 0,
    });
    expect(fit.status).toBe("converged");
    expect(fit.intercept).toBeCloseTo(logit(1 / 4), 13);
    expect(fit.coefficients[0]).toBeCloseTo(logit(3 / 5) - logit(1 / 4), 13);
    expect(fit.iterations).toBeLessThan(10);
  });

  it("weights count as replications; no intercept fits through the origin", () => {
    // One constant feature x = 2 without intercept: σ(2β) = weighted prevalence = 3/(3 + 1).
    const x = Float64Array.from([2, 2]);
    const y = Uint8Array.from([1, 0]);
    const fit = fitLogisticRegression({
      features: [x],
      labels: y,
      weights: Float64Array.from([3, 1]),
      fitIntercept: false,
      l2: 0,
    });
    expect(fit.intercept).toBe(0);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(3) / 2, 14);
  });

  it("separated data stop where the L2 penalty balances the loss: 2·σ(−β) = λ·β", () => {
    // x = −1 (negative) and x = 1 (positive), no intercept: f(β) = 2·softplus(−β) + (λ/2)·β².
    const l2 = 1e-11;
    const fit = fitLogisticRegression({
      features: [Float64Array.from([-1, 1])],
      labels: Uint8Array.from([0, 1]),
      weights: undefined,
      fitIntercept: false,
      l2,
    });
    const beta = fit.coefficients[0] as number;
    expect(fit.status).toBe("converged");
    expect(beta).toBeGreaterThan(20);
    expect(beta).toBeLessThan(40);
    const exp = Math.exp(-beta);
    expect((2 * exp) / (1 + exp) / (l2 * beta)).toBeCloseTo(1, 8);
  });

  it("features of ±1e300 and duplicated columns stop with finite parameters", () => {
    const huge = Float64Array.from([-1e300, -1e299, 3e299, 1e300]);
    const labels = Uint8Array.from([0, 1, 0, 1]);
    const fit = fitLogisticRegression({
      features: [huge, huge],
      labels,
      weights: undefined,
      fitIntercept: true,
      l2: 1e-11,
    });
    for (const value of [...fit.coefficients, fit.intercept, fit.objective])
      expect(Number.isFinite(value)).toBe(true);
    // Never worse than the start (β = 0, c = logit(½) = 0): 4·ln 2.
    expect(fit.objective).toBeLessThanOrEqual(4 * Math.LN2);
  });
});
