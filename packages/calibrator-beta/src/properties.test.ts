import { calibratorFromParams } from "@calibra/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { beta } from "./beta.js";
import { betaCalibrator } from "./beta-calibrator.js";
import type { BetaParameterisation, BetaParams } from "./beta-schemas.js";

const parameterisation = fc.constantFrom<BetaParameterisation>("abm", "am", "ab");

/** Any log-odds a user can pass to predict: ordinary, huge, subnormal, ±0 and ±∞. */
const anyLogOdds = fc.oneof(
  fc.double({ min: -60, max: 60, noNaN: true }),
  fc.double({ noNaN: true }),
  fc.constantFrom(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -0, 0, 5e-324, -745, 745, 1e308),
);

/** Parameters as a fit or a spec can hold them, zero slopes included. */
const anyParams: fc.Arbitrary<BetaParams> = fc
  .record({
    parameters: parameterisation,
    a: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
    b: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
    c: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
    m: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((p) => (p.parameters === "am" ? { ...p, b: p.a } : p));

/** Small labelled data sets with both classes, log-odds from ordinary to extreme, optionally weighted. */
const dataset = fc
  .record({
    logOdds: fc.array(
      fc.oneof(
        fc.double({ min: -8, max: 8, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.constantFrom(0, 1.5, -1.5),
      ),
      { minLength: 2, maxLength: 40 },
    ),
    labelBits: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    weighted: fc.boolean(),
    weightValues: fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 40, maxLength: 40 }),
  })
  .map(({ logOdds, labelBits, weighted, weightValues }) => {
    const labels = logOdds.map((_, i) => (i === 0 ? 1 : i === 1 ? 0 : labelBits[i] ? 1 : 0));
    const weights = weighted ? weightValues.slice(0, logOdds.length) : undefined;
    return { logOdds, labels, weights };
  });

describe("predictions from any valid parameters", () => {
  it("are probabilities in [0, 1], never NaN, for any log-odds including ±∞", () => {
    fc.assert(
      fc.property(anyParams, fc.array(anyLogOdds, { minLength: 1, maxLength: 30 }), (params, z) => {
        const p = calibratorFromParams(betaCalibrator, params).predict(z);
        for (const value of p) expect(value >= 0 && value <= 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("are non-decreasing in the log-odds (a, b ≥ 0: d logit(p)/dz = a·(1 − s) + b·s ≥ 0)", () => {
    fc.assert(
      fc.property(anyParams, fc.array(anyLogOdds, { minLength: 2, maxLength: 40 }), (params, z) => {
        const sorted = Float64Array.from(z).sort();
        const p = calibratorFromParams(betaCalibrator, params).predict(sorted);
        for (let i = 1; i < p.length; i++) expect(p[i]!).toBeGreaterThanOrEqual(p[i - 1]!);
      }),
      { numRuns: 300 },
    );
  });

  it("are non-decreasing between neighbouring doubles too", () => {
    fc.assert(
      fc.property(anyParams, fc.double({ min: -800, max: 800, noNaN: true }), (params, z) => {
        const next = z + Math.max(Math.abs(z) * Number.EPSILON, Number.MIN_VALUE);
        const [low, high] = calibratorFromParams(betaCalibrator, params).predict([z, next]);
        expect(high!).toBeGreaterThanOrEqual(low!);
      }),
      { numRuns: 500 },
    );
  });
});

describe("fits on arbitrary small data sets", () => {
  it("give valid parameters: finite, a, b ≥ 0, m in [0, 1], accepted by the params schema", () => {
    fc.assert(
      fc.property(parameterisation, dataset, (parameters, { logOdds, labels, weights }) => {
        const fitted = beta({ parameters }).fit(logOdds, labels, weights);
        const { a, b, c, m } = fitted.params;
        expect([a, b, c, m].every(Number.isFinite)).toBe(true);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(m >= 0 && m <= 1).toBe(true);
        expect(calibratorFromParams(betaCalibrator, fitted.params).params).toEqual(fitted.params);
      }),
      { numRuns: 200 },
    );
  });

  it("survive toJSON → JSON text → calibratorFromParams → predict bit for bit", () => {
    fc.assert(
      fc.property(
        parameterisation,
        dataset,
        fc.array(anyLogOdds, { minLength: 1, maxLength: 30 }),
        (parameters, { logOdds, labels, weights }, probe) => {
          const fitted = beta({ parameters }).fit(logOdds, labels, weights);
          const json = JSON.parse(JSON.stringify(fitted.toJSON())) as { type: string; params: unknown };
          expect(json.type).toBe("beta");
          const loaded = calibratorFromParams(betaCalibrator, json.params);
          const expected = fitted.predict(probe);
          const actual = loaded.predict(probe);
          for (let i = 0; i < probe.length; i++) expect(Object.is(actual[i], expected[i])).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
