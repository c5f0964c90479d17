import {
  type CalibraError,
  calibratorFromParams,
  createRegistry,
  ErrorCodes,
  isCalibraError,
  prepareFitData,
  softplus,
} from "@calibra/core";
import { seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { fitPlatt, MAX_SLOPE_TERM, platt, plattCalibrator, plattPlugin } from "./index.js";

/** The probability Platt's model gives, written out plainly: p = 1 / (1 + exp(a·z + b)). */
function plainProbability(a: number, b: number, z: number): number {
  return 1 / (1 + Math.exp(a * z + b));
}

/**
 * The gradient of Σ wᵢ·crossEntropy(tᵢ, pᵢ) in (a, b), computed plainly in the test: Σ wᵢ (tᵢ − pᵢ)(zᵢ, 1),
 * divided by Σ wᵢ so that it reads as a mean residual.
 */
function plainGradient(
  params: { a: number; b: number },
  z: readonly number[],
  t: readonly number[],
  w?: readonly number[],
): [number, number] {
  let ga = 0;
  let gb = 0;
  let total = 0;
  for (let i = 0; i < z.length; i++) {
    const weight = w?.[i] ?? 1;
    const residual = weight * ((t[i] as number) - plainProbability(params.a, params.b, z[i] as number));
    ga += residual * (z[i] as number);
    gb += residual;
    total += weight;
  }
  return [ga / total, gb / total];
}

/** Σ wᵢ [tᵢ·softplus(uᵢ) + (1 − tᵢ)·softplus(−uᵢ)] with uᵢ = a·zᵢ + b, row by row. */
function plainObjective(
  params: { a: number; b: number },
  z: readonly number[],
  t: readonly number[],
  w?: readonly number[],
): number {
  let total = 0;
  for (let i = 0; i < z.length; i++) {
    const u = params.a * (z[i] as number) + params.b;
    const target = t[i] as number;
    total += (w?.[i] ?? 1) * (target * softplus(u) + (1 - target) * softplus(-u));
  }
  return total;
}

function smoothedTargets(labels: readonly number[]): number[] {
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  return labels.map((y) => (y === 1 ? (positives + 1) / (positives + 2) : 1 / (negatives + 2)));
}

/** 300 rows with labels drawn from σ(0.6·z − 0.4): a mild, sigmoid-shaped over-confidence. */
function drawnRows(seed: number, rows = 300): { z: number[]; y: number[] } {
  const uniform = seededUniform(seed);
  const z: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const score = (uniform() * 2 - 1) * 6;
    z.push(score);
    y.push(uniform() < 1 / (1 + Math.exp(-(0.6 * score - 0.4))) ? 1 : 0);
  }
  return { z, y };
}

function expectCalibraError(code: string, run: () => unknown): CalibraError {
  try {
    run();
  } catch (error) {
    expect(isCalibraError(error)).toBe(true);
    expect((error as CalibraError).code).toBe(code);
    return error as CalibraError;
  }
  throw new Error(`expected a CalibraError ${code}, but nothing was thrown`);
}

describe("hand-computable fits", () => {
  it("two rows, smoothed targets 1/3 and 2/3: the line through both, a = −(2/3)·ln 2, b = (1/3)·ln 2", () => {
    // N₊ = N₋ = 1: targets (1 + 1)/(1 + 2) = 2/3 and 1/(1 + 2) = 1/3. Two points, two parameters: fit exactly,
    // −(a·(−1) + b) = logit(1/3) = −ln 2 and −(2a + b) = logit(2/3) = ln 2.
    const fitted = platt().fit([-1, 2], [0, 1]);
    expect(fitted.params.a).toBeCloseTo((-2 / 3) * Math.LN2, 14);
    expect(fitted.params.b).toBeCloseTo((1 / 3) * Math.LN2, 14);
    const p = fitted.predict([-1, 2]);
    expect(p[0]).toBeCloseTo(1 / 3, 14);
    expect(p[1]).toBeCloseTo(2 / 3, 14);
    // The objective is then twice the binary entropy of 1/3: 2·(ln 3 − (2/3)·ln 2).
    const { diagnostics } = fitPlatt(prepareFitData([-1, 2], [0, 1]));
    expect(diagnostics.objective).toBeCloseTo(2 * (Math.log(3) - (2 / 3) * Math.LN2), 14);
    expect(diagnostics.positiveTarget).toBe(2 / 3);
    expect(diagnostics.negativeTarget).toBe(1 / 3);
  });

  // Two distinct scores: z = 0 on 3 rows (1 positive), z = 1 on 4 rows (3 positive). Two parameters for two
  // groups, so the optimum puts each group's probability at its mean target.
  const z = [0, 0, 0, 1, 1, 1, 1];
  const y = [1, 0, 0, 1, 1, 1, 0];

  it("two groups, raw targets: p(0) = 1/3, p(1) = 3/4, so b = ln 2 and a = −ln 6", () => {
    const fitted = platt({ targets: "raw" }).fit(z, y);
    expect(fitted.params.b).toBeCloseTo(Math.LN2, 13);
    expect(fitted.params.a).toBeCloseTo(-Math.log(6), 13);
    expect(Array.from(fitted.predict([0, 1]))).toEqual([
      expect.closeTo(1 / 3, 14),
      expect.closeTo(3 / 4, 14),
    ]);
  });

  it("two groups, smoothed targets 5/6 and 1/5: group means 37/90 and 27/40", () => {
    // N₊ = 4, N₋ = 3: positives → 5/6, negatives → 1/5. Mean target at z = 0: (5/6 + 2/5)/3 = 37/90;
    // at z = 1: (3·5/6 + 1/5)/4 = 27/40. So b = −logit(37/90) = ln(53/37) and a + b = −logit(27/40) = ln(13/27).
    const fitted = platt().fit(z, y);
    expect(fitted.params.b).toBeCloseTo(Math.log(53 / 37), 13);
    expect(fitted.params.a).toBeCloseTo(Math.log((13 * 37) / (27 * 53)), 13);
    expect(fitted.predict([0])[0]).toBeCloseTo(37 / 90, 14);
    expect(fitted.predict([1])[0]).toBeCloseTo(27 / 40, 14);
  });

  it("uses scikit-learn's sign convention p = 1 / (1 + exp(a·z + b))", () => {
    const fitted = calibratorFromParams(plattCalibrator, { a: -2, b: 1 });
    const p = fitted.predict([0.5, 1, 0, -3]);
    expect(p[0]).toBe(0.5);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    expect(p[2]).toBeCloseTo(1 / (1 + Math.E), 15);
    expect(p[3]).toBeCloseTo(1 / (1 + Math.exp(7)), 15);
    expect(fitted.monotone).toBe(true);
  });
});

describe("scores that cannot identify the slope", () => {
  const tied = [2.5, 2.5, 2.5, 2.5, 2.5];
  const labels = [1, 0, 0, 0, 0];

  it("all scores equal, smoothed: a = 0 and σ(−b) = mean target 4/15, so b = ln(11/4)", () => {
    // N₊ = 1 → 2/3, N₋ = 4 → 1/6; mean target (2/3 + 4·1/6)/5 = 4/15.
    const { params, diagnostics } = fitPlatt(prepareFitData(tied, labels));
    expect(params.a).toBe(0);
    expect(params.b).toBeCloseTo(Math.log(11 / 4), 15);
    expect(diagnostics.stoppedBy).toBe("constant-log-odds");
    expect(diagnostics.iterations).toBe(0);
    expect(diagnostics.converged).toBe(true);
  });

  it("all scores equal, raw: b = ln 4 (prevalence 1/5), and ±∞ predicts the same constant, never NaN", () => {
    const fitted = platt({ targets: "raw" }).fit(tied, labels);
    expect(fitted.params).toEqual({ a: 0, b: expect.closeTo(Math.log(4), 15) });
    const p = fitted.predict([Number.NEGATIVE_INFINITY, -1e308, 2.5, 1e308, Number.POSITIVE_INFINITY]);
    for (const value of p) expect(value).toBeCloseTo(0.2, 15);
    expect(fitted.monotone).toBe(true);
  });

  it("equal scores among the weighted rows: zero-weight rows elsewhere do not make the slope identifiable", () => {
    const { params, diagnostics } = fitPlatt(
      prepareFitData([1, 1, 1, 1, 40, -40], [1, 0, 0, 1, 1, 0], [1, 1, 1, 1, 0, 0]),
      { targets: "raw" },
    );
    expect(diagnostics.stoppedBy).toBe("constant-log-odds");
    expect(params).toEqual({ a: 0, b: 0 });
  });

  it("log-odds that differ only in the subnormals: the slope would overflow, so the intercept-only fit", () => {
    const { params, diagnostics } = fitPlatt(prepareFitData([5e-324, 0, 1e-320, 0], [0, 1, 1, 0]));
    expect(diagnostics.stoppedBy).toBe("unrepresentable-slope");
    expect(diagnostics.converged).toBe(false);
    expect(params).toEqual({ a: 0, b: 0 });
  });
});

describe("perfectly separated classes", () => {
  const z = [-3, -2.5, -2, -1.5, -1, 1, 1.5, 2, 2.5, 3];
  const y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];

  it("smoothed targets keep the optimum finite: zero gradient against (N₊+1)/(N₊+2) and 1/(N₋+2)", () => {
    const { params, diagnostics } = fitPlatt(prepareFitData(z, y));
    expect(diagnostics.stoppedBy).toBe("gradient-tolerance");
    expect(diagnostics.iterations).toBeLessThan(15);
    const [ga, gb] = plainGradient(params, z, smoothedTargets(y));
    expect(Math.abs(ga)).toBeLessThan(1e-12);
    expect(Math.abs(gb)).toBeLessThan(1e-12);
    // By symmetry the intercept is 0, and the curve does not saturate: the outermost rows overshoot the targets
    // 6/7 and 1/7 (the sigmoid must match them only on average) but stay well inside (0, 1).
    expect(params.b).toBeCloseTo(0, 12);
    const p = platt().fit(z, y).predict([-3, 3]);
    expect(p[1]).toBeGreaterThan(6 / 7);
    expect(p[1]).toBeLessThan(0.95);
    expect((p[0] as number) + (p[1] as number)).toBeCloseTo(1, 12);
  });

  it("raw targets: the optimum is at infinity; the fit stops with finite a, b and every row within 1e-12", () => {
    const { params, diagnostics } = fitPlatt(prepareFitData(z, y), { targets: "raw" });
    expect(Number.isFinite(params.a) && Number.isFinite(params.b)).toBe(true);
    expect(params.a).toBeLessThan(-10);
    expect(diagnostics.stoppedBy).toBe("gradient-tolerance");
    expect(diagnostics.iterations).toBeGreaterThan(15);
    expect(diagnostics.iterations).toBeLessThan(60);
    expect(diagnostics.objective).toBeLessThan(1e-12);
    const p = platt({ targets: "raw" }).fit(z, y).predict(z);
    for (let i = 0; i < z.length; i++)
      expect(Math.abs((p[i] as number) - (y[i] as number))).toBeLessThan(1e-12);
  });

  it("raw targets, classes 1e-12 apart among unit-spread scores: stops on the slope bound |a|·max|z| = 1e10", () => {
    const scores = [-2, -1, 0, 1e-12, 1, 2];
    const labels = [0, 0, 0, 1, 1, 1];
    const { params, diagnostics } = fitPlatt(prepareFitData(scores, labels), { targets: "raw" });
    // Reaching every label to 1e-13 would need |a| ≈ 3e13: beyond what a·z + b can evaluate to 1e-6.
    expect(diagnostics.stoppedBy).toBe("slope-cap");
    expect(diagnostics.converged).toBe(false);
    expect(Math.abs(params.a) * 2).toBeCloseTo(MAX_SLOPE_TERM, -2);
    // The intercept is still optimised for that slope: by symmetry p(0) + p(1e-12) = 1.
    const fitted = platt({ targets: "raw" }).fit(scores, labels);
    const p = fitted.predict([Number.NEGATIVE_INFINITY, ...scores, Number.POSITIVE_INFINITY]);
    expect(Array.from(p)).toEqual([0, 0, 0, expect.any(Number), expect.any(Number), 1, 1, 1]);
    expect((p[3] as number) + (p[4] as number)).toBeCloseTo(1, 9);
    expect(p[3] as number).toBeLessThan(p[4] as number);
    // …and the objective is far below the best constant's, 6·ln 2.
    expect(diagnostics.objective).toBeLessThan(1.4);
    expect(diagnostics.objective).toBeGreaterThan(2 * Math.log(2) - 0.01);
  });

  it("reversed separation (high scores negative) gives a > 0 and a decreasing, non-monotone calibrator", () => {
    const fitted = platt().fit(
      z,
      y.map((label) => 1 - label),
    );
    expect(fitted.params.a).toBeGreaterThan(0);
    expect(fitted.monotone).toBe(false);
    const p = fitted.predict([-3, 3]);
    expect(p[0]).toBeGreaterThan(p[1] as number);
  });
});

describe("raw targets: an independent check of the optimum", () => {
  it("the plain gradient Σ (yᵢ − pᵢ)(zᵢ, 1) vanishes and every nearby (a, b) has a higher log loss", () => {
    const { z, y } = drawnRows(7);
    const { params, diagnostics } = fitPlatt(prepareFitData(z, y), { targets: "raw" });
    expect(diagnostics.converged).toBe(true);
    const [ga, gb] = plainGradient(params, z, y);
    expect(Math.abs(ga)).toBeLessThan(1e-12);
    expect(Math.abs(gb)).toBeLessThan(1e-12);
    const best = plainObjective(params, z, y);
    expect(diagnostics.objective).toBeCloseTo(best, 10);
    for (const [da, db] of [
      [1e-4, 0],
      [-1e-4, 0],
      [0, 1e-4],
      [0, -1e-4],
      [1e-4, -1e-4],
    ] as const) {
      expect(plainObjective({ a: params.a + da, b: params.b + db }, z, y)).toBeGreaterThan(best);
    }
    // The labels were drawn from σ(0.6·z − 0.4): a ≈ −0.6 and b ≈ 0.4 within sampling error.
    expect(params.a).toBeGreaterThan(-0.9);
    expect(params.a).toBeLessThan(-0.4);
  });

  it("smoothed targets differ from raw ones, and their plain gradient vanishes too", () => {
    const { z, y } = drawnRows(8);
    const smoothed = fitPlatt(prepareFitData(z, y));
    const raw = fitPlatt(prepareFitData(z, y), { targets: "raw" });
    expect(smoothed.params.a).not.toBeCloseTo(raw.params.a, 6);
    const [ga, gb] = plainGradient(smoothed.params, z, smoothedTargets(y));
    expect(Math.abs(ga)).toBeLessThan(1e-12);
    expect(Math.abs(gb)).toBeLessThan(1e-12);
  });
});

describe("sample weights", () => {
  const { z, y } = drawnRows(11, 120);
  const uniform = seededUniform(12);
  const weights = z.map(() => 1 + Math.floor(uniform() * 4)); // integer weights 1..4
  const duplicatedZ = z.flatMap((value, i) => Array<number>(weights[i] as number).fill(value));
  const duplicatedY = y.flatMap((label, i) => Array<number>(weights[i] as number).fill(label));

  it("raw targets: integer weights give the same fit as listing each row that many times", () => {
    const weighted = fitPlatt(prepareFitData(z, y, weights), { targets: "raw" });
    const duplicated = fitPlatt(prepareFitData(duplicatedZ, duplicatedY), { targets: "raw" });
    expect(weighted.params.a).toBeCloseTo(duplicated.params.a, 12);
    expect(weighted.params.b).toBeCloseTo(duplicated.params.b, 12);
    expect(weighted.diagnostics.objective).toBeCloseTo(duplicated.diagnostics.objective, 9);
    // …and differ from the unweighted fit, so the weights are used.
    expect(fitPlatt(prepareFitData(z, y), { targets: "raw" }).params.a).not.toBeCloseTo(weighted.params.a, 4);
  });

  it("smoothed targets count ROWS, as scikit-learn 1.2 does: weighting is not duplicating", () => {
    const weighted = fitPlatt(prepareFitData(z, y, weights));
    const duplicated = fitPlatt(prepareFitData(duplicatedZ, duplicatedY));
    const positiveRows = y.filter((label) => label === 1).length;
    const negativeRows = y.length - positiveRows;
    expect(weighted.diagnostics.positiveTarget).toBe((positiveRows + 1) / (positiveRows + 2));
    expect(weighted.diagnostics.negativeTarget).toBe(1 / (negativeRows + 2));
    const duplicatedPositives = duplicatedY.filter((label) => label === 1).length;
    expect(duplicated.diagnostics.positiveTarget).toBe((duplicatedPositives + 1) / (duplicatedPositives + 2));
    expect(weighted.params.a).not.toBeCloseTo(duplicated.params.a, 6);
    // The weighted fit is the optimum of the weighted objective against the row-count targets.
    const [ga, gb] = plainGradient(weighted.params, z, smoothedTargets(y), weights);
    expect(Math.abs(ga)).toBeLessThan(1e-12);
    expect(Math.abs(gb)).toBeLessThan(1e-12);
  });

  it("a zero-weight row still counts towards N₊ (smoothed) but leaves a raw fit unchanged", () => {
    const extraZ = [...z, 0];
    const extraY = [...y, 1];
    const extraW = [...weights, 0];
    const positiveRows = y.filter((label) => label === 1).length;
    const smoothed = fitPlatt(prepareFitData(extraZ, extraY, extraW));
    expect(smoothed.diagnostics.positiveTarget).toBe((positiveRows + 2) / (positiveRows + 3));
    const raw = fitPlatt(prepareFitData(extraZ, extraY, extraW), { targets: "raw" });
    const rawWithout = fitPlatt(prepareFitData(z, y, weights), { targets: "raw" });
    expect(raw.params.a).toBeCloseTo(rawWithout.params.a, 14);
    expect(raw.params.b).toBeCloseTo(rawWithout.params.b, 14);
  });
});

describe("extreme log-odds", () => {
  it("log-odds multiplied by 1000 and shifted by 500 give the same calibrated probabilities", () => {
    const { z, y } = drawnRows(21);
    const stretched = z.map((value) => 1000 * value + 500);
    const base = platt().fit(z, y);
    const extreme = platt().fit(stretched, y);
    expect(extreme.params.a).toBeCloseTo(base.params.a / 1000, 12);
    const probe = [-6, -1, 0, 0.5, 3, 6];
    const p = base.predict(probe);
    const q = extreme.predict(probe.map((value) => 1000 * value + 500));
    for (let i = 0; i < probe.length; i++) expect(q[i]).toBeCloseTo(p[i] as number, 12);
  });

  it("log-odds near ±1e300 fit, converge and give probabilities in [0, 1]", () => {
    const { z, y } = drawnRows(22, 50);
    const huge = z.map((value) => value * 1e300);
    const { params, diagnostics } = fitPlatt(prepareFitData(huge, y));
    expect(diagnostics.converged).toBe(true);
    expect(Number.isFinite(params.a) && Number.isFinite(params.b)).toBe(true);
    const small = fitPlatt(prepareFitData(z, y)).params;
    expect(params.a * 1e300).toBeCloseTo(small.a, 10);
    expect(params.b).toBeCloseTo(small.b, 10);
  });
});

describe("diagnostics and serialisation", () => {
  it("fitPlatt reports the objective at the returned parameters; the fitted calibrator keeps only { a, b }", () => {
    const { z, y } = drawnRows(31);
    const { params, diagnostics } = fitPlatt(prepareFitData(z, y));
    expect(diagnostics.objective).toBeCloseTo(plainObjective(params, z, smoothedTargets(y)), 10);
    expect(diagnostics.iterations).toBeGreaterThan(2);
    expect(diagnostics.iterations).toBeLessThan(15);
    expect(diagnostics.relativeGradient).toBeLessThanOrEqual(1e-12);
    const fitted = platt().fit(z, y);
    expect(fitted.params).toEqual(params);
    expect(Object.keys(fitted.toJSON().params).sort()).toEqual(["a", "b"]);
    expect(fitted.toJSON().type).toBe("platt");
  });

  it("is found in a registry through its plugin, and explains itself", () => {
    const registry = createRegistry().use(plattPlugin);
    expect(registry.calibrator("platt")).toBe(plattCalibrator);
    const text = plattCalibrator.explain?.({ a: -0.5, b: 1 }) ?? "";
    expect(text).toContain("p = 1 / (1 + exp(-0.5·z + 1))");
    expect(text).toContain("calibrated log-odds 0.5·z − 1");
    expect(text).toContain("shrunk by a factor 0.5 (it was over-confident)");
    expect(text).toContain("p = 0.5 at z = 2");
    expect(plattCalibrator.explain?.({ a: -2, b: 0 })).toContain("stretched by a factor 2");
    expect(plattCalibrator.explain?.({ a: 1, b: 0 })).toContain("decreasing");
    expect(plattCalibrator.explain?.({ a: 0, b: 0 })).toContain("the same probability, 0.5");
  });
});

describe("validation errors", () => {
  it("rejects unknown targets and unknown option keys with E_INVALID_OPTIONS", () => {
    const unknownTargets = expectCalibraError(ErrorCodes.INVALID_OPTIONS, () =>
      platt({ targets: "probit" as "raw" }),
    );
    expect(unknownTargets.message).toContain("targets");
    const unknownKey = expectCalibraError(ErrorCodes.INVALID_OPTIONS, () =>
      platt({ maxIterations: 5 } as unknown as { targets: "raw" }),
    );
    expect(unknownKey.message).toContain("maxIterations");
    expectCalibraError(ErrorCodes.INVALID_OPTIONS, () =>
      fitPlatt(prepareFitData([0, 1], [0, 1]), { targets: 1 as unknown as "raw" }),
    );
    expect(platt().options).toEqual({ targets: "smoothed" });
  });

  it("rejects malformed parameters from a spec with E_SPEC_INVALID", () => {
    expectCalibraError(ErrorCodes.SPEC_INVALID, () => calibratorFromParams(plattCalibrator, { a: 1 }));
    expectCalibraError(ErrorCodes.SPEC_INVALID, () =>
      calibratorFromParams(plattCalibrator, { a: 1, b: 2, iterations: 3 }),
    );
    expectCalibraError(ErrorCodes.SPEC_INVALID, () =>
      calibratorFromParams(plattCalibrator, { a: "1", b: 2 }),
    );
  });
});
