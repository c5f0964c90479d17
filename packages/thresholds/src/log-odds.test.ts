import {
  doubleToOrderedKey,
  logit,
  orderedKeyToDouble,
  Pipeline,
  sigmoid,
  sigmoidLogits,
} from "@calibra/core";
import { seededUniform } from "@calibra/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeOf } from "../test/error-code.js";
import { fixed } from "./fixed.js";
import { logOdds, logOddsThresholder } from "./log-odds.js";
import { logOddsCutoffFor } from "./log-odds-cutoff.js";

function nextDown(x: number): number {
  return orderedKeyToDouble(doubleToOrderedKey(x) - 1n);
}
function nextUp(x: number): number {
  return orderedKeyToDouble(doubleToOrderedKey(x) + 1n);
}

/** The cutoff is the smallest double at which the decision is positive: check it and its lower neighbour. */
function expectExactCutoff(t: number): number {
  const cutoff = logOddsCutoffFor(t);
  expect(sigmoid(cutoff) >= t).toBe(true);
  if (cutoff !== Number.NEGATIVE_INFINITY) expect(sigmoid(nextDown(cutoff)) >= t).toBe(false);
  return cutoff;
}

describe("logOddsCutoffFor", () => {
  it("is exact on adjacent doubles for a spread of thresholds", () => {
    const special = [
      0.5,
      0.1,
      0.9,
      0.25,
      1e-3,
      0.999,
      1e-12,
      1 - 1e-12,
      1e-300,
      5e-324,
      1 - 2 ** -53,
      0.7310585786300049,
    ];
    for (const t of special) expectExactCutoff(t);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (t) => {
        expectExactCutoff(t);
      }),
      { numRuns: 2000 },
    );
  });

  it("z >= cutoff ⇔ sigmoid(z) >= t on doubles around and away from the cutoff", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ noNaN: true }),
        fc.integer({ min: -50, max: 50 }),
        (t, far, step) => {
          const cutoff = logOddsCutoffFor(t);
          const near = Number.isFinite(cutoff)
            ? orderedKeyToDouble(doubleToOrderedKey(cutoff) + BigInt(step))
            : far;
          for (const z of [near, far]) expect(z >= cutoff).toBe(sigmoid(z) >= t);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is log(t / (1 − t)) up to rounding where σ does not saturate", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1 - 1e-9, noNaN: true }), (t) => {
        const cutoff = logOddsCutoffFor(t);
        const exact = Math.log(t / (1 - t));
        // σ(z) moves by one ulp of t when z moves by ulp(t) / (t(1 − t)): the cutoff can only be that precise.
        const ulpOfT = nextUp(t) - t;
        const tolerance = 4 * Number.EPSILON * Math.max(1, Math.abs(exact)) + (2 * ulpOfT) / (t * (1 - t));
        expect(Math.abs(cutoff - exact)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(cutoff - logit(t))).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 2000 },
    );
    expect(logOddsCutoffFor(0.8)).toBeCloseTo(Math.log(4), 15);
  });

  it("½ → −3.33e−16, not 0: σ(z) rounds to ½ for every z in [−3.33e−16, 0], so z >= 0 would disagree", () => {
    const cutoff = logOddsCutoffFor(0.5);
    expect(cutoff).toBe(-3.330669073875469e-16);
    expect(sigmoid(cutoff)).toBe(0.5);
    expect(sigmoid(nextDown(cutoff))).toBeLessThan(0.5);
    // The naive comparison with logit(½) = 0 calls a row negative whose probability is ½.
    expect(cutoff >= 0).toBe(false);
  });

  it("the saturated ends: 0 → −∞, 1 → the first z whose σ rounds to 1, tiny t → the first non-zero σ", () => {
    expect(logOddsCutoffFor(0)).toBe(Number.NEGATIVE_INFINITY);
    const one = expectExactCutoff(1);
    expect(one).toBeGreaterThan(36);
    expect(one).toBeLessThan(38);
    const tiny = expectExactCutoff(5e-324);
    expect(sigmoid(tiny)).toBe(5e-324);
    expect(tiny).toBeGreaterThan(-746);
  });

  it("E_INVALID_THRESHOLD outside [0, 1]", () => {
    for (const t of [-0.1, 1.1, Number.NaN])
      expect(codeOf(() => logOddsCutoffFor(t))).toBe("E_INVALID_THRESHOLD");
  });
});

describe("logOdds(t)", () => {
  it("records the cutoff and decides exactly as fixed(t)", () => {
    const rule = logOdds(0.8);
    expect(rule.id).toBe("log-odds");
    expect(rule.threshold).toBe(0.8);
    expect(rule.details).toEqual({ logOddsCutoff: logOddsCutoffFor(0.8) });
    const probabilities = [0.79, 0.8, nextDown(0.8), nextUp(0.8), 0, 1];
    expect(Array.from(rule.decide(probabilities))).toEqual(Array.from(fixed(0.8).decide(probabilities)));
    expect(Array.from(rule.decide(probabilities))).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it("defaults to ½; t = 0 stores no cutoff (−∞ has no JSON form)", () => {
    expect(logOdds().threshold).toBe(0.5);
    expect(logOdds().details).toEqual({ logOddsCutoff: -3.330669073875469e-16 });
    expect(logOdds(0).details).toEqual({});
    expect(Array.from(logOdds(0).decide([0, 0.5]))).toEqual([1, 1]);
  });

  it("probabilities, the log-odds cutoff and a pipeline's decide agree on every row", () => {
    const uniform = seededUniform(7);
    const rows = 20_000;
    for (const t of [0.5, 0.3, 0.97, 1e-6, 1 - 1e-7]) {
      const rule = logOdds(t);
      const cutoff = rule.details.logOddsCutoff as number;
      const z = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        // Half the rows spread widely, half within a few ulps of the cutoff.
        z[i] =
          i % 2 === 0
            ? (uniform() - 0.5) * 80
            : orderedKeyToDouble(doubleToOrderedKey(cutoff) + BigInt(Math.floor(uniform() * 17) - 8));
      }
      const probabilities = Float64Array.from(z, sigmoid);
      const fromProbabilities = rule.decide(probabilities);
      const pipeline = new Pipeline({
        classes: { positive: "yes", negative: "no" },
        activation: sigmoidLogits(),
        thresholder: rule,
      });
      expect(pipeline.logOddsCutoff()).toBe(cutoff);
      const fromPipeline = pipeline.decide(z);
      let disagreements = 0;
      for (let i = 0; i < rows; i++) {
        const fromCutoff = (z[i] as number) >= cutoff ? 1 : 0;
        if (fromCutoff !== fromProbabilities[i] || fromPipeline[i] !== fromProbabilities[i]) disagreements++;
      }
      expect(disagreements).toBe(0);
    }
  });

  it("explains itself with both forms of the rule", () => {
    expect(logOddsThresholder.explain?.({ threshold: 0.5 }, undefined)).toContain(
      "log-odds >= -3.330669073875469e-16",
    );
  });

  it.each([[1.5], [-0.5], [Number.NaN]])("threshold %s → E_INVALID_OPTIONS", (t) => {
    expect(codeOf(() => logOdds(t))).toBe("E_INVALID_OPTIONS");
    expect(codeOf(() => fixed(t))).toBe("E_INVALID_OPTIONS");
  });
});

describe("fixed(t)", () => {
  it("is core's fixed thresholder", () => {
    const rule = fixed(0.3);
    expect(rule.id).toBe("fixed");
    expect(rule.toJSON()).toEqual({ type: "fixed", params: { threshold: 0.3 }, value: 0.3 });
    expect(Array.from(rule.decide([0.1, 0.3, 0.9]))).toEqual([0, 1, 1]);
  });
});
