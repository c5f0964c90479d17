import { calibratorFromParams } from "@calibra/core";
import { probeLogOdds } from "@calibra/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isotonic } from "./isotonic.js";
import { isotonicCalibrator } from "./isotonic-calibrator.js";
import type { IsotonicOptionsInput } from "./isotonic-options.js";

const logOddsValue = fc.oneof(
  fc.double({ min: -60, max: 60, noNaN: true }),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(-0, 1e-16, -3000, 3000, -1e300, 1e300, 7.5e-16),
);
const dataset = fc
  .record({
    rows: fc.array(
      fc.tuple(logOddsValue, fc.constantFrom(0, 1), fc.double({ min: 0, max: 4, noNaN: true })),
      {
        minLength: 2,
        maxLength: 300,
      },
    ),
    weighted: fc.boolean(),
  })
  .filter(({ rows, weighted }) =>
    [0, 1].every((label) => rows.some(([, y, w]) => y === label && (!weighted || w > 0))),
  );
const options = fc.record({
  increasing: fc.constantFrom<true | "auto">(true, "auto"),
  interpolation: fc.constantFrom<"linear" | "step">("linear", "step"),
});

function fit(
  { rows, weighted }: { rows: [number, number, number][]; weighted: boolean },
  chosen: IsotonicOptionsInput,
) {
  return isotonic(chosen).fit(
    rows.map(([z]) => z),
    rows.map(([, y]) => y),
    weighted ? rows.map(([, , w]) => w) : undefined,
  );
}

/** Where predictions are checked: core's probe grid (±1e308, ±∞ included) and every training log-odds value. */
function probeFor(rows: [number, number, number][]): Float64Array {
  return Float64Array.from([...probeLogOdds(), ...rows.map(([z]) => z)]).sort();
}

describe("properties", () => {
  it("predicts probabilities in [0, 1], never NaN", () => {
    fc.assert(
      fc.property(dataset, options, (data, chosen) => {
        const predictions = fit(data, chosen).predict(probeFor(data.rows));
        expect(predictions.filter((p) => !(p >= 0 && p <= 1))).toHaveLength(0);
      }),
      { numRuns: 200 },
    );
  });

  it("is non-decreasing in the log-odds whenever it says it is monotone, and always with increasing: true", () => {
    fc.assert(
      fc.property(dataset, options, (data, chosen) => {
        const fitted = fit(data, chosen);
        if (chosen.increasing === true) expect(fitted.monotone).toBe(true);
        const probe = probeFor(data.rows);
        const predictions = fitted.predict(probe);
        let nonDecreasing = true;
        let nonIncreasing = true;
        for (let i = 1; i < predictions.length; i++) {
          if ((predictions[i] as number) < (predictions[i - 1] as number)) nonDecreasing = false;
          if ((predictions[i] as number) > (predictions[i - 1] as number)) nonIncreasing = false;
        }
        if (fitted.monotone) expect(nonDecreasing).toBe(true);
        // A decreasing fit is non-increasing instead.
        if (!fitted.params.increasing) expect(nonIncreasing).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("reproduces every prediction bit for bit after toJSON → JSON text → calibratorFromParams", () => {
    fc.assert(
      fc.property(dataset, options, (data, chosen) => {
        const fitted = fit(data, chosen);
        const json = JSON.parse(JSON.stringify(fitted.toJSON())) as { type: string; params: unknown };
        expect(json.type).toBe("isotonic");
        const loaded = calibratorFromParams(isotonicCalibrator, json.params);
        expect(loaded.params).toStrictEqual(fitted.params);
        const probe = probeFor(data.rows);
        const before = fitted.predict(probe);
        const after = loaded.predict(probe);
        expect(after.every((p, i) => Object.is(p, before[i]))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the order of the rows without weights", () => {
    fc.assert(
      fc.property(dataset, options, fc.integer({ min: 1, max: 1000 }), (data, chosen, shift) => {
        const rotated = {
          ...data,
          rows: data.rows.map((_, i) => data.rows[(i + shift) % data.rows.length]!),
        };
        const unweighted = { ...data, weighted: false };
        expect(fit({ ...rotated, weighted: false }, chosen).params).toStrictEqual(
          fit(unweighted, chosen).params,
        );
      }),
      { numRuns: 100 },
    );
  });

  it("passes through the training points' pooled means: prediction at a threshold is its probability", () => {
    fc.assert(
      fc.property(dataset, options, (data, chosen) => {
        const fitted = fit(data, chosen);
        const { logOdds, probabilities } = fitted.params;
        expect(Array.from(fitted.predict(logOdds))).toStrictEqual(probabilities);
      }),
      { numRuns: 100 },
    );
  });
});
