import { calibratorFromParams, isCalibraError, sigmoid } from "@calibra/core";
import { describe, expect, it } from "vitest";
import {
  plainBetaColumns,
  plainLogScore,
  plainNegativeLogComplement,
  plainRelativeGradient,
} from "../test/independent-log-loss.js";
import { beta } from "./beta.js";
import { betaCalibrator } from "./beta-calibrator.js";
import { BETACAL_C } from "./beta-fit.js";
import type { BetaParams } from "./beta-schemas.js";

/** Rows at the given log-odds, `rows` each, of which `positives[k]` are positive. */
function groups(logOdds: number[], rows: number, positives: number[]) {
  const z: number[] = [];
  const y: number[] = [];
  logOdds.forEach((value, k) => {
    for (let i = 0; i < rows; i++) {
      z.push(value);
      y.push(i < (positives[k] as number) ? 1 : 0);
    }
  });
  return { z: Float64Array.from(z), y: Uint8Array.from(y) };
}

/** Solves the 3 × 3 system M·x = t by Cramer's rule. */
function cramer3(m: number[][], t: number[]): number[] {
  const det = (q: number[][]) =>
    q[0]![0]! * (q[1]![1]! * q[2]![2]! - q[1]![2]! * q[2]![1]!) -
    q[0]![1]! * (q[1]![0]! * q[2]![2]! - q[1]![2]! * q[2]![0]!) +
    q[0]![2]! * (q[1]![0]! * q[2]![1]! - q[1]![1]! * q[2]![0]!);
  const d = det(m);
  return [0, 1, 2].map((column) => det(m.map((row, i) => row.map((v, j) => (j === column ? t[i]! : v)))) / d);
}

const logit = (p: number) => Math.log(p / (1 - p));

describe("saturated fits, where the maximum-likelihood answer is known by hand", () => {
  it('"am" on two score values: a·z + c goes through the two empirical log-odds (a = ln 3, c = 0)', () => {
    // At z = −1: 1 positive of 4 (log-odds −ln 3); at z = 1: 3 of 4 (ln 3). So a = ln 3, c = 0, m = ½.
    const { z, y } = groups([-1, 1], 4, [1, 3]);
    const fitted = beta({ parameters: "am" }).fit(z, y);
    expect(fitted.params.parameters).toBe("am");
    expect(fitted.params.a).toBeCloseTo(Math.log(3), 10);
    expect(fitted.params.b).toBe(fitted.params.a);
    expect(fitted.params.c).toBeCloseTo(0, 10);
    expect(fitted.params.m).toBeCloseTo(0.5, 10);
    const p = fitted.predict([-1, 1]);
    expect(p[0]).toBeCloseTo(0.25, 10);
    expect(p[1]).toBeCloseTo(0.75, 10);
  });

  it('"abm" on three symmetric score values: a = b = ln 2, c = 0 (Platt with slope ln 2)', () => {
    // Rates 0.2, 0.5, 0.8 at z = −2, 0, 2. With a = b the model is a·z + c, and 2a = logit(0.8) = ln 4.
    const { z, y } = groups([-2, 0, 2], 10, [2, 5, 8]);
    const fitted = beta().fit(z, y);
    expect(fitted.params.parameters).toBe("abm");
    expect(fitted.params.a).toBeCloseTo(Math.LN2, 10);
    expect(fitted.params.b).toBeCloseTo(Math.LN2, 10);
    expect(fitted.params.c).toBeCloseTo(0, 10);
    expect(fitted.params.m).toBeCloseTo(0.5, 10);
    const p = fitted.predict([-2, 0, 2]);
    expect(Array.from(p).map((v) => Number(v.toFixed(10)))).toEqual([0.2, 0.5, 0.8]);
  });

  it('"abm" on three asymmetric score values: a ≠ b, the solution of the 3 × 3 system of log-odds', () => {
    // Rates 1/5, 2/5, 3/5 at z = −2, 0, 2: a·ln s − b·ln(1 − s) + c = logit(rate) at each, by Cramer's rule.
    const scores = [-2, 0, 2];
    const rates = [0.2, 0.4, 0.6];
    const { z, y } = groups(scores, 5, [1, 2, 3]);
    const [a, b, c] = cramer3(
      scores.map((s) => [plainLogScore(s), plainNegativeLogComplement(s), 1]),
      rates.map(logit),
    ) as [number, number, number];
    expect(a).toBeCloseTo(0.545857, 5); // a > b > 0: a genuinely asymmetric beta map
    expect(b).toBeCloseTo(0.350022, 5);
    const fitted = beta().fit(z, y);
    expect(fitted.params.a).toBeCloseTo(a, 9);
    expect(fitted.params.b).toBeCloseTo(b, 9);
    expect(fitted.params.c).toBeCloseTo(c, 9);
    const p = fitted.predict(scores);
    for (const [k, rate] of rates.entries()) expect(p[k]).toBeCloseTo(rate, 10);
    // m solves a·ln m − b·ln(1 − m) + c = 0.
    const fit = fitted.params;
    expect(fit.a * Math.log(fit.m) - fit.b * Math.log1p(-fit.m) + fit.c).toBeCloseTo(0, 14);
  });
});

describe("the negative-coefficient rule (betacal's way of keeping a, b ≥ 0)", () => {
  // Rates 0.2, 0.3, 0.8 at z = −2, 0, 2: the unconstrained 3-parameter fit needs a = −0.283 (a map that rises again
  // towards s = 0), so the rule refits on −ln(1 − s) alone and sets a = 0.
  const { z, y } = groups([-2, 0, 2], 10, [2, 3, 8]);

  it("sets a = 0 and fits b and c on −ln(1 − s) alone, to a stationary point", () => {
    const { params } = beta().fit(z, y);
    expect(params.a).toBe(0);
    expect(params.b).toBeGreaterThan(0);
    const gradient = plainRelativeGradient(
      { columns: [plainBetaColumns(z)[1]], coefficients: [params.b], intercept: params.c },
      y,
    );
    for (const component of gradient) expect(Math.abs(component)).toBeLessThan(1e-12);
    // With a = 0 the midpoint has the closed form m = 1 − exp(c/b).
    expect(params.m).toBeCloseTo(-Math.expm1(params.c / params.b), 14);
  });

  it("mirrored data (−z, 1 − y) set b = 0 instead, with (a, b, c) ↦ (b, a, −c)", () => {
    const direct = beta().fit(z, y).params;
    const mirrored = beta().fit(
      z.map((v) => -v),
      y.map((v) => 1 - v),
    ).params;
    expect(mirrored.b).toBe(0);
    expect(mirrored.a).toBeCloseTo(direct.b, 10);
    expect(mirrored.c).toBeCloseTo(-direct.c, 10);
    expect(mirrored.m).toBeCloseTo(1 - direct.m, 10);
  });

  it('"ab" applies the same rule (betacal does not), so its map stays non-decreasing', () => {
    // Rates 0.5, 0.2, 0.8: U-shaped, so the two-slope fit through (½, ½) wants a < 0.
    const uShaped = groups([-2, 0, 2], 10, [5, 2, 8]);
    const { params } = beta({ parameters: "ab" }).fit(uShaped.z, uShaped.y);
    expect(params.a).toBe(0);
    expect(params.b).toBeGreaterThan(0);
    expect(params.c).toBe(-params.b * Math.LN2);
    const gradient = plainRelativeGradient(
      { columns: [plainBetaColumns(uShaped.z, Math.LN2)[1]], coefficients: [params.b], intercept: 0 },
      uShaped.y,
    );
    expect(Math.abs(gradient[0]!)).toBeLessThan(1e-12);
    // Decreasing rates: both slopes would be negative, so the map is the constant ½.
    const decreasing = groups([-2, 0, 2], 10, [8, 3, 2]);
    expect(beta({ parameters: "ab" }).fit(decreasing.z, decreasing.y).params).toEqual({
      parameters: "ab",
      a: 0,
      b: 0,
      c: 0,
      m: 0.5,
    });
  });

  it('a slope that is negative in "am" (scores ranking backwards) becomes 0 with c = logit(prevalence)', () => {
    const backwards = groups([-1, 1], 4, [3, 1]);
    const { params } = beta({ parameters: "am" }).fit(backwards.z, backwards.y);
    expect(params).toEqual({ parameters: "am", a: 0, b: 0, c: 0, m: 0 });
    const abm = beta().fit(backwards.z, backwards.y).params;
    expect(abm.a).toBe(0);
    expect(abm.b).toBe(0);
    expect(abm.c).toBe(0);
  });
});

describe("degenerate data stop safely with the right answer", () => {
  it("all scores equal: a = b = 0 and the calibrated probability is the prevalence", () => {
    const z = new Float64Array(50).fill(1.5);
    const y = Uint8Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    for (const parameters of ["abm", "am"] as const) {
      const { params } = beta({ parameters }).fit(z, y);
      expect(params).toEqual({ parameters, a: 0, b: 0, c: Math.log(10) - Math.log(40), m: 1 });
    }
    for (const p of beta().fit(z, y).predict([1.5, -800, 800])) expect(p).toBeCloseTo(0.2, 15);
    // "ab" cannot leave p(½) = ½, and both features are positive at s = σ(1.5): p = ½ is its constrained optimum.
    expect(beta({ parameters: "ab" }).fit(z, y).params).toEqual({
      parameters: "ab",
      a: 0,
      b: 0,
      c: 0,
      m: 0.5,
    });
  });

  it("two rows, perfectly separated: finite slopes, probabilities within 1e-9 of the labels", () => {
    for (const parameters of ["abm", "am", "ab"] as const) {
      const fitted = beta({ parameters }).fit([-1, 2], [0, 1]);
      for (const value of [fitted.params.a, fitted.params.b, fitted.params.c])
        expect(Number.isFinite(value)).toBe(true);
      const [low, high] = fitted.predict([-1, 2]);
      expect(low).toBeLessThan(1e-9);
      expect(high).toBeGreaterThan(1 - 1e-9);
    }
  });

  it("separated data stop where betacal's penalty 1/(2C)·a² balances the log loss (C = 99 999 999 999)", () => {
    // "am" on z = [−1, 2], y = [0, 1]: at the penalised optimum Σ(p − y) = 0 and Σ(p − y)·z + a/C = 0, where
    // p − y = σ(η) for the negative row and −σ(−η) for the positive one (computed without cancellation).
    const z = [-1, 2];
    const { a, c } = beta({ parameters: "am" }).fit(z, [0, 1]).params;
    const negative = 1 / (1 + Math.exp(-(a * z[0]! + c)));
    const positive = -1 / (1 + Math.exp(a * z[1]! + c));
    expect(Math.abs(negative + positive) / negative).toBeLessThan(1e-6);
    expect((negative * z[0]! + positive * z[1]!) / (-a / BETACAL_C)).toBeCloseTo(1, 6);
    expect(a).toBeGreaterThan(5); // a margin of about ln(C) ≈ 25 in log-odds over the gap of 3
  });

  it("log-odds in the thousands: features come from z, not from a clipped s", () => {
    // Positives at z = 1000, 2000, 3000, negatives at 500, 1500, 2500 and one positive at 0: s would round to 1 for
    // every row but one, and ln(1 − s) to −∞, yet −ln(1 − s) = softplus(z) keeps the order.
    const z = [500, 1000, 1500, 2000, 2500, 3000, 0, -3000];
    const y = [0, 1, 0, 1, 0, 1, 1, 0];
    const fitted = beta().fit(z, y);
    const { a, b, c } = fitted.params;
    expect(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c)).toBe(true);
    const gradient = plainRelativeGradient(
      {
        columns: plainBetaColumns(z).filter((_, j) => [a, b][j]! > 0),
        coefficients: [a, b].filter((v) => v > 0),
        intercept: c,
      },
      y,
    );
    for (const component of gradient) expect(Math.abs(component)).toBeLessThan(1e-10);
    const p = fitted.predict([Number.NEGATIVE_INFINITY, -3000, 3000, Number.POSITIVE_INFINITY]);
    for (const value of p) expect(value >= 0 && value <= 1).toBe(true);
  });

  it("weights act as replicated rows", () => {
    const z = [-2, -1, -0.5, 0, 0.3, 1, 1.7, 2.5];
    const y = [0, 1, 0, 0, 1, 0, 1, 1];
    const w = [1, 2, 3, 1, 2, 1, 3, 2];
    const replicatedZ = z.flatMap((v, i) => new Array<number>(w[i]!).fill(v));
    const replicatedY = y.flatMap((v, i) => new Array<number>(w[i]!).fill(v));
    for (const parameters of ["abm", "am", "ab"] as const) {
      const weighted = beta({ parameters }).fit(z, y, w).params;
      const replicated = beta({ parameters }).fit(replicatedZ, replicatedY).params;
      for (const key of ["a", "b", "c", "m"] as const) expect(weighted[key]).toBeCloseTo(replicated[key], 10);
    }
  });
});

describe("predictions from parameters", () => {
  const load = (params: BetaParams) => calibratorFromParams(betaCalibrator, params);

  it("a = b = 1, c = 0 is the identity: p = σ(z)", () => {
    const z = [-30, -2, -0.1, 0, 0.7, 5, 40];
    const p = load({ parameters: "abm", a: 1, b: 1, c: 0, m: 0.5 }).predict(z);
    for (const [i, value] of z.entries()) expect(p[i]).toBeCloseTo(sigmoid(value), 14);
  });

  it("a = 0 or b = 0 at ±∞: the zero term drops, never 0·∞ = NaN", () => {
    const onlyComplement = load({ parameters: "abm", a: 0, b: 2, c: -1, m: -Math.expm1(-0.5) });
    const p = onlyComplement.predict([Number.NEGATIVE_INFINITY, 0, Number.POSITIVE_INFINITY]);
    // z = −∞: s = 0, η = c; z = 0: s = ½, η = 2·ln 2 − 1; z = +∞: η = +∞.
    expect(p[0]).toBeCloseTo(sigmoid(-1), 15);
    expect(p[1]).toBeCloseTo(sigmoid(2 * Math.LN2 - 1), 15);
    expect(p[2]).toBe(1);
    const onlyScore = load({ parameters: "abm", a: 3, b: 0, c: 0.5, m: 1 });
    const q = onlyScore.predict([Number.NEGATIVE_INFINITY, 0, Number.POSITIVE_INFINITY]);
    expect(q[0]).toBe(0);
    expect(q[1]).toBeCloseTo(sigmoid(-3 * Math.LN2 + 0.5), 15);
    expect(q[2]).toBeCloseTo(sigmoid(0.5), 15);
    const constant = load({ parameters: "am", a: 0, b: 0, c: 0.25, m: 0 });
    expect(constant.predict([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY])).toEqual(
      Float64Array.from([sigmoid(0.25), sigmoid(0.25)]),
    );
  });

  it('"am" evaluates σ(a·z + c) exactly', () => {
    const p = load({ parameters: "am", a: 0.5, b: 0.5, c: -1, m: sigmoid(2) }).predict([-4, 2, 1e300]);
    expect(p[0]).toBe(sigmoid(-3));
    expect(p[1]).toBe(0.5);
    expect(p[2]).toBe(1);
  });

  it("explains the fitted map in words", () => {
    const text = betaCalibrator.explain?.({ parameters: "abm", a: 0.25, b: 0.5, c: 0.1, m: 0.4 });
    expect(text).toBe(
      "Beta calibration (abm): p = sigmoid(0.250000·ln s − 0.500000·ln(1 − s) + 0.100000), s = sigmoid(log-odds); " +
        "a, b < 1: an inverse-S map that pulls over-confident scores towards the middle; calibrated probability ½ at s = 0.400000.",
    );
    expect(betaCalibrator.explain?.({ parameters: "am", a: 2, b: 2, c: 0, m: 0.5 })).toContain(
      "a = b: Platt scaling of the log-odds with slope 2",
    );
  });
});

describe("validation", () => {
  const code = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return isCalibraError(error) ? error.code : `not a CalibraError: ${String(error)}`;
    }
    return "nothing thrown";
  };

  it("fills the default options", () => {
    expect(beta().options).toEqual({ parameters: "abm" });
    expect(beta({ parameters: "ab" }).options).toEqual({ parameters: "ab" });
    expect(beta().id).toBe("beta");
  });

  it("rejects unknown options and values with E_INVALID_OPTIONS", () => {
    expect(code(() => beta({ parameters: "abc" as never }))).toBe("E_INVALID_OPTIONS");
    expect(code(() => beta({ parameter: "am" } as never))).toBe("E_INVALID_OPTIONS");
    expect(code(() => beta({ parameters: 3 as never }))).toBe("E_INVALID_OPTIONS");
  });

  it("rejects malformed parameters from a spec with E_SPEC_INVALID", () => {
    const good = { parameters: "abm", a: 0.5, b: 0.7, c: 0.1, m: 0.45 };
    expect(calibratorFromParams(betaCalibrator, good).params).toEqual(good);
    for (const bad of [
      { ...good, a: -0.1 },
      { ...good, b: Number.POSITIVE_INFINITY },
      { ...good, m: 1.5 },
      { ...good, parameters: "abcm" },
      { ...good, extra: 1 },
      { parameters: "abm", a: 0.5, b: 0.7, c: 0.1 },
      { ...good, parameters: "am" }, // a ≠ b
    ]) {
      expect(code(() => calibratorFromParams(betaCalibrator, bad))).toBe("E_SPEC_INVALID");
    }
  });
});
