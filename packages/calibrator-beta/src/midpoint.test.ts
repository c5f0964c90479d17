import { sigmoid } from "@calibra/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainLogScore, plainNegativeLogComplement } from "../test/independent-log-loss.js";
import { amMidpoint, betaMidpoint, betaMidpointLogOdds } from "./midpoint.js";

const slope = fc.double({ min: 1e-3, max: 50, noNaN: true });
const intercept = fc.double({ min: -50, max: 50, noNaN: true });

describe("betaMidpoint: where the calibrated probability reaches ½", () => {
  it("agrees with the closed forms: a = b gives σ(−c/a)", () => {
    expect(betaMidpoint(1, 1, 0)).toBe(0.5);
    expect(betaMidpoint(2, 2, 2)).toBeCloseTo(sigmoid(-1), 15);
    fc.assert(
      fc.property(slope, intercept, (a, c) => {
        expect(betaMidpoint(a, a, c)).toBeCloseTo(sigmoid(-c / a), 12);
      }),
    );
  });

  it("a = 0: m = 1 − exp(c/b) for c < 0, and 0 when p ≥ ½ everywhere (c ≥ 0)", () => {
    expect(betaMidpoint(0, 2, -2 * Math.LN2)).toBeCloseTo(0.5, 15); // −2·ln(1 − m) = 2·ln 2
    expect(betaMidpoint(0, 2, 0)).toBe(0);
    expect(betaMidpoint(0, 2, 3)).toBe(0);
    fc.assert(
      fc.property(slope, intercept, (b, c) => {
        const expected = c >= 0 ? 0 : -Math.expm1(c / b);
        expect(Math.abs(betaMidpoint(0, b, c) - expected)).toBeLessThan(1e-14);
      }),
    );
  });

  it("b = 0: m = exp(−c/a) for c ≥ 0, and 1 when p < ½ everywhere (c < 0)", () => {
    expect(betaMidpoint(2, 0, 2 * Math.LN2)).toBeCloseTo(0.5, 15);
    expect(betaMidpoint(2, 0, 0)).toBe(1);
    expect(betaMidpoint(2, 0, -1)).toBe(1);
    fc.assert(
      fc.property(slope, intercept, (a, c) => {
        const expected = c < 0 ? 1 : Math.exp(-c / a);
        expect(Math.abs(betaMidpoint(a, 0, c) - expected)).toBeLessThan(1e-14);
      }),
    );
  });

  it("a = b = 0: a constant map, m = 0 if σ(c) ≥ ½ else 1", () => {
    expect(betaMidpoint(0, 0, 0)).toBe(0);
    expect(betaMidpoint(0, 0, 1)).toBe(0);
    expect(betaMidpoint(0, 0, -1)).toBe(1);
  });

  it("in general is the root of a·ln m − b·ln(1 − m) + c to the last bit of t = logit(m)", () => {
    fc.assert(
      fc.property(slope, slope, fc.double({ min: -5, max: 5, noNaN: true }), (a, b, c) => {
        const t = betaMidpointLogOdds(a, b, c);
        expect(Number.isFinite(t)).toBe(true);
        expect(betaMidpoint(a, b, c)).toBe(sigmoid(t));
        // Evaluated with independent formulas: the left side changes sign between t's neighbouring doubles, up
        // to the rounding of its three terms.
        const left = (x: number) => a * plainLogScore(x) + b * plainNegativeLogComplement(x) + c;
        const rounding =
          8 *
          Number.EPSILON *
          (Math.abs(a * plainLogScore(t)) + Math.abs(b * plainNegativeLogComplement(t)) + Math.abs(c));
        const step = Math.max(Math.abs(t) * Number.EPSILON, Number.MIN_VALUE);
        expect(left(t + 2 * step)).toBeGreaterThan(-rounding);
        expect(left(t - 2 * step)).toBeLessThan(rounding);
        expect(Math.abs(left(t))).toBeLessThan(rounding + (a + b) * 2 * step);
      }),
    );
  });

  it("stays in [0, 1] for roots far in the tails, without NaN", () => {
    expect(betaMidpoint(1e-3, 1e-3, 5)).toBe(sigmoid(-5000));
    expect(betaMidpoint(1e-3, 2e-3, -1000)).toBe(1);
    expect(betaMidpoint(1e-3, 2e-3, 1000)).toBe(0);
  });
});

describe("amMidpoint: betacal's m = 1 / (1 + exp(c/a))", () => {
  it("matches the formula and handles a = 0", () => {
    expect(amMidpoint(2, -1)).toBe(1 / (1 + Math.exp(-0.5)));
    expect(amMidpoint(0, 0.3)).toBe(0);
    expect(amMidpoint(0, -0.3)).toBe(1);
  });
});
