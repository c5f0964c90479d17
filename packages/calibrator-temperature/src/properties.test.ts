import { calibratorFromParams, createRegistry } from "@calibra/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradient } from "../test/negative-log-likelihood.js";
import { temperaturePlugin } from "./plugin.js";
import { temperature } from "./temperature.js";
import { temperatureCalibrator } from "./temperature-calibrator.js";

/** Labelled rows with both classes, log-odds anywhere from tiny to ±3000, optional positive weights. */
const fitInput = fc
  .record({
    rows: fc.array(
      fc.record({
        z: fc.oneof(
          fc.double({ min: -10, max: 10, noNaN: true }),
          fc.double({ min: -3000, max: 3000, noNaN: true }),
          fc.constantFrom(0, -1e-300, 1e-300),
        ),
        y: fc.constantFrom(0, 1),
        w: fc.double({ min: 0.01, max: 5, noNaN: true }),
      }),
      { minLength: 2, maxLength: 60 },
    ),
    weighted: fc.boolean(),
    bias: fc.boolean(),
  })
  .map(({ rows, weighted, bias }) => {
    const labels = rows.map((r) => r.y);
    labels[0] = 1;
    labels[1] = 0;
    return {
      logOdds: Float64Array.from(rows, (r) => r.z),
      labels,
      weights: weighted ? Float64Array.from(rows, (r) => r.w) : undefined,
      bias,
    };
  });

const probe = fc.array(
  fc.oneof(
    fc.double({ noNaN: true }),
    fc.double({ min: -50, max: 50, noNaN: true }),
    fc.constantFrom(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 0, -0),
  ),
  { minLength: 1, maxLength: 40 },
);

describe("properties of fitted temperature scaling", () => {
  it("fits any valid data to T in (0, ∞) and finite c, at a stationary point unless at a limit", () => {
    fc.assert(
      fc.property(fitInput, ({ logOdds, labels, weights, bias }) => {
        const { temperature: t, bias: c } = temperature({ bias }).fit(logOdds, labels, weights).params;
        expect(t).toBeGreaterThan(0);
        expect(Number.isFinite(t)).toBe(true);
        expect(Number.isFinite(c)).toBe(true);
        if (!bias) expect(c).toBe(0);
        let scale = 1;
        for (const z of logOdds) scale = Math.max(scale, Math.abs(z));
        const atLimit = t <= scale * 1e-6 * (1 + 1e-12) || t >= scale * 1e12 * (1 - 1e-12);
        if (!atLimit) {
          let total = 0;
          for (const w of weights ?? logOdds.map(() => 1)) total += w;
          const g = gradient({ logOdds, labels, weights }, t, c);
          expect(Math.abs(g.beta) / (total * scale)).toBeLessThan(1e-9);
          if (bias) expect(Math.abs(g.bias) / total).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("predicts probabilities in [0, 1], never NaN, non-decreasing in the log-odds", () => {
    fc.assert(
      fc.property(fitInput, probe, ({ logOdds, labels, weights, bias }, zs) => {
        const fitted = temperature({ bias }).fit(logOdds, labels, weights);
        expect(fitted.monotone).toBe(true);
        const sorted = Float64Array.from(zs).sort();
        const p = fitted.predict(sorted);
        for (let i = 0; i < p.length; i++) {
          expect((p[i] as number) >= 0 && (p[i] as number) <= 1).toBe(true);
          if (i > 0) expect(p[i] as number).toBeGreaterThanOrEqual(p[i - 1] as number);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips toJSON → JSON text → calibratorFromParams bit for bit", () => {
    const registry = createRegistry().use(temperaturePlugin);
    fc.assert(
      fc.property(fitInput, probe, ({ logOdds, labels, weights, bias }, zs) => {
        const fitted = temperature({ bias }).fit(logOdds, labels, weights);
        const json = JSON.parse(JSON.stringify(fitted.toJSON())) as { type: string; params: unknown };
        expect(json.type).toBe("temperature");
        const loaded = calibratorFromParams(registry.calibrator(json.type), json.params);
        const direct = calibratorFromParams(temperatureCalibrator, json.params);
        const expected = fitted.predict(zs);
        for (const again of [loaded.predict(zs), direct.predict(zs)]) {
          for (let i = 0; i < zs.length; i++) expect(Object.is(again[i], expected[i])).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the decision p ≥ ½ exactly where z ≥ 0 without the bias", () => {
    fc.assert(
      fc.property(fitInput, probe, ({ logOdds, labels, weights }, zs) => {
        const p = temperature().fit(logOdds, labels, weights).predict(zs);
        for (let i = 0; i < zs.length; i++) {
          const z = zs[i] as number;
          if (z > 0) expect(p[i] as number).toBeGreaterThanOrEqual(0.5);
          if (z < 0) expect(p[i] as number).toBeLessThanOrEqual(0.5);
          if (z === 0) expect(p[i]).toBe(0.5);
        }
      }),
      { numRuns: 200 },
    );
  });
});
