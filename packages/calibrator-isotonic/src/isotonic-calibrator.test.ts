import { calibratorFromParams, isCalibraError } from "@calibra/core";
import { checkCalibrator } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { isotonic } from "./isotonic.js";
import { isotonicCalibrator } from "./isotonic-calibrator.js";
import type { IsotonicOptionsInput } from "./isotonic-options.js";
import { isotonicPlugin } from "./plugin.js";

const optionSets: IsotonicOptionsInput[] = [
  {},
  { increasing: "auto" },
  { interpolation: "step" },
  { increasing: "auto", interpolation: "step" },
];

describe.each(optionSets)("conformance kit with options %j", (options) => {
  it.each(
    checkCalibrator({ create: () => isotonic(options), plugin: isotonicPlugin }).map(
      (c) => [c.name, c] as const,
    ),
  )("%s", (_, c) => expect(c.detail).toBe(""));
});

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isCalibraError(error) ? error.code : `not a CalibraError: ${String(error)}`;
  }
  return undefined;
}

describe("options", () => {
  it("defaults to an increasing fit read by linear interpolation", () => {
    expect(isotonic().options).toEqual({ increasing: true, interpolation: "linear" });
    expect(isotonic({ increasing: "auto", interpolation: "step" }).options).toEqual({
      increasing: "auto",
      interpolation: "step",
    });
  });

  it.each([
    ["increasing: false", { increasing: false }],
    ["increasing: 'yes'", { increasing: "yes" }],
    ["interpolation: 'cubic'", { interpolation: "cubic" }],
    ["an unknown key", { outOfBounds: "nan" }],
  ])("rejects %s with E_INVALID_OPTIONS", (_, options) => {
    expect(errorCode(() => isotonic(options as IsotonicOptionsInput))).toBe("E_INVALID_OPTIONS");
  });
});

describe("fits computed by hand", () => {
  // scikit-learn's test_isotonic_regression_with_ties_in_differently_sized_groups (checked there against R's
  // isotone::gpava): the tie at x = 1 becomes one point of weight 2 and mean 1/2, then pools with x = 2, 3.
  const z = [0, 1, 1, 2, 3, 4];
  const y = [0, 0, 1, 0, 0, 1];

  it("merges ties, pools violators and keeps only the ends of a constant run", () => {
    const fitted = isotonic().fit(z, y);
    expect(fitted.params).toEqual({
      logOdds: [0, 1, 3, 4],
      probabilities: [0, 0.25, 0.25, 1],
      increasing: true,
      interpolation: "linear",
    });
    expect(fitted.monotone).toBe(true);
    expect(Array.from(fitted.predict(z))).toEqual([0, 0.25, 0.25, 0.25, 0.25, 1]);
  });

  it("interpolates linearly between thresholds and holds the end values outside them", () => {
    const fitted = isotonic().fit(z, y);
    const probe = [
      Number.NEGATIVE_INFINITY,
      -1e308,
      -5,
      0,
      0.5,
      2,
      3.5,
      3.75,
      4,
      9,
      Number.POSITIVE_INFINITY,
    ];
    expect(Array.from(fitted.predict(probe))).toEqual([0, 0, 0, 0, 0.125, 0.25, 0.625, 0.8125, 1, 1, 1]);
  });

  it("reads the value of the threshold at or below the log-odds with step interpolation", () => {
    const fitted = isotonic({ interpolation: "step" }).fit(z, y);
    const probe = [Number.NEGATIVE_INFINITY, -5, 0, 0.5, 1, 2, 3.5, 3.999, 4, 9, Number.POSITIVE_INFINITY];
    expect(Array.from(fitted.predict(probe))).toEqual([0, 0, 0, 0, 0.25, 0.25, 0.25, 0.25, 1, 1, 1]);
    expect(fitted.params.interpolation).toBe("step");
  });

  it("weights rows: (1, w 1), (0, w 3), (1, w 1) pool the first two to 1/4", () => {
    const fitted = isotonic().fit([0, 1, 2], [1, 0, 1], [1, 3, 1]);
    expect(fitted.params.logOdds).toEqual([0, 1, 2]);
    expect(fitted.params.probabilities).toEqual([0.25, 0.25, 1]);
    expect(Array.from(fitted.predict([1.5]))).toEqual([0.625]);
  });

  it("leaves zero-weight rows out of the thresholds, as scikit-learn does", () => {
    const weighted = isotonic().fit([-5, 0, 1, 2, 3], [0, 1, 0, 1, 0], [0, 1, 3, 1, 0]);
    expect(weighted.params.logOdds).toEqual([0, 1, 2]);
    expect(weighted.params.probabilities).toEqual([0.25, 0.25, 1]);
    // So the fitted range, and with it the clipping, is that of the weighted rows.
    expect(Array.from(weighted.predict([-5, 3]))).toEqual([0.25, 1]);
  });

  it("returns the prevalence, not NaN, when every score is equal", () => {
    const logOdds = new Float64Array(50).fill(1.5);
    const labels = Uint8Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const fitted = isotonic({ increasing: "auto" }).fit(logOdds, labels);
    expect(fitted.params).toEqual({
      logOdds: [1.5],
      probabilities: [0.2],
      increasing: true,
      interpolation: "linear",
    });
    expect(
      Array.from(fitted.predict([Number.NEGATIVE_INFINITY, 0, 1.5, 7, Number.POSITIVE_INFINITY])),
    ).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    const weighted = isotonic().fit([2, 2, 2, 2], [1, 0, 0, 1], [3, 1, 1, 0]);
    expect(weighted.params.probabilities).toEqual([0.6]);
  });

  it("merges log-odds closer than 1e-15 to a point's first value, without chaining", () => {
    // 4e-16 and 9e-16 join the point at 0; 1e-15 is 1e-15 away from 0 and starts a new point.
    const fitted = isotonic().fit([0, 4e-16, 9e-16, 1e-15, 2], [0, 1, 0, 1, 1]);
    expect(fitted.params.logOdds).toEqual([0, 1e-15, 2]);
    expect(fitted.params.probabilities).toEqual([1 / 3, 1, 1]);
    // Distance is measured from the point's first value: 1.8e-15 is not merged although 9e-16 → 1.8e-15 is < 1e-15.
    // (Chained, all three would form one point of mean 1/3.)
    const chained = isotonic().fit([0, 9e-16, 1.8e-15, 3], [0, 0, 1, 1]);
    expect(chained.params.logOdds).toEqual([0, 1.8e-15, 3]);
    expect(chained.params.probabilities).toEqual([0, 1, 1]);
    // The weighted path merges the same way.
    const weighted = isotonic().fit([0, 4e-16, 9e-16, 1e-15, 2], [0, 1, 0, 1, 1], [1, 1, 1, 1, 1]);
    expect(weighted.params).toEqual(fitted.params);
  });

  it("stores −0 as 0, so that parameters survive JSON unchanged", () => {
    const fitted = isotonic().fit([-0, 0, 1], [0, 1, 1]);
    expect(Object.is(fitted.params.logOdds[0], 0)).toBe(true);
    expect(fitted.params.probabilities).toEqual([0.5, 1]);
  });
});

describe('increasing: "auto"', () => {
  it("fits a decreasing map when the scores rank the labels backwards, and says it is not monotone", () => {
    const fitted = isotonic({ increasing: "auto" }).fit([0, 1, 2, 3], [1, 0, 1, 0]);
    expect(fitted.params.increasing).toBe(false);
    // Reversed, the labels are 0 1 0 1: the middle pair pools to 1/2.
    expect(fitted.params.logOdds).toEqual([0, 1, 2, 3]);
    expect(fitted.params.probabilities).toEqual([1, 0.5, 0.5, 0]);
    expect(fitted.monotone).toBe(false);
    expect(
      Array.from(fitted.predict([Number.NEGATIVE_INFINITY, 0.5, 1.5, 2.5, Number.POSITIVE_INFINITY])),
    ).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });

  it("fits increasing when Spearman's correlation is exactly 0", () => {
    // Positives at ranks 1 and 4 of 4: (2·1 − 5) + (2·4 − 5) = 0.
    const fitted = isotonic({ increasing: "auto" }).fit([0, 1, 2, 3], [1, 0, 0, 1]);
    expect(fitted.params.increasing).toBe(true);
    expect(fitted.params.probabilities).toEqual([1 / 3, 1 / 3, 1]);
  });

  it("ranks with ties and ignores weights, as scikit-learn's check_increasing(X, y) does", () => {
    // Ranks: 1, 2.5, 2.5, 4, 5; positives at 1 and 2.5 → (2 − 6) + (5 − 6) < 0: decreasing, whatever the weights.
    const logOdds = [0, 1, 1, 2, 3];
    const labels = [1, 1, 0, 0, 0];
    expect(isotonic({ increasing: "auto" }).fit(logOdds, labels).params.increasing).toBe(false);
    expect(isotonic({ increasing: "auto" }).fit(logOdds, labels, [1, 1, 1, 1, 1]).params.increasing).toBe(
      false,
    );
    // Zero-weight rows count towards the direction although they are left out of the fit: without the row at
    // −1, positives sit at ranks 1 and 4 of 4 (ρ = 0, increasing); with it they sit at 1, 2 and 5 of 5 (ρ < 0).
    const withIgnoredRow = isotonic({ increasing: "auto" }).fit(
      [-1, 0, 1, 2, 3],
      [1, 1, 0, 0, 1],
      [0, 1, 1, 1, 1],
    );
    expect(withIgnoredRow.params.increasing).toBe(false);
    expect(isotonic({ increasing: "auto" }).fit([0, 1, 2, 3], [1, 0, 0, 1]).params.increasing).toBe(true);
  });

  it("keeps the increasing fit when forced, even on backward scores", () => {
    const fitted = isotonic().fit([0, 1, 2, 3], [1, 1, 0, 0]);
    expect(fitted.params).toEqual({
      logOdds: [0, 3],
      probabilities: [0.5, 0.5],
      increasing: true,
      interpolation: "linear",
    });
    expect(fitted.monotone).toBe(true);
  });
});

describe("parameters read from a spec", () => {
  const load = (params: unknown) => calibratorFromParams(isotonicCalibrator, params);

  it("reads repeated thresholds as np.interp does: the last repeat's value at the repeated log-odds", () => {
    const inner = load({
      logOdds: [0, 1, 1, 2],
      probabilities: [0, 0.2, 0.6, 1],
      increasing: true,
      interpolation: "linear",
    });
    expect(Array.from(inner.predict([0.5, 1, 1.5, 2]))).toEqual([0.1, 0.6, 0.8, 1]);
    const atStart = load({
      logOdds: [0, 0, 1],
      probabilities: [0.2, 0.4, 1],
      increasing: true,
      interpolation: "linear",
    });
    // np.clip sends −1 to 0, where np.interp returns the value of the last threshold equal to 0.
    expect(Array.from(atStart.predict([-1, 0, 0.5]))).toEqual([0.4, 0.4, 0.7]);
    const allEqual = load({
      logOdds: [3, 3],
      probabilities: [0.1, 0.3],
      increasing: true,
      interpolation: "step",
    });
    expect(Array.from(allEqual.predict([Number.NEGATIVE_INFINITY, 3, 4]))).toEqual([0.3, 0.3, 0.3]);
  });

  it.each([
    [
      "different lengths",
      { logOdds: [0, 1], probabilities: [0.5], increasing: true, interpolation: "linear" },
    ],
    [
      "descending thresholds",
      { logOdds: [1, 0], probabilities: [0, 1], increasing: true, interpolation: "linear" },
    ],
    [
      "a probability above 1",
      { logOdds: [0, 1], probabilities: [0, 1.5], increasing: true, interpolation: "linear" },
    ],
    [
      "probabilities against the direction",
      { logOdds: [0, 1], probabilities: [0.9, 0.1], increasing: true, interpolation: "linear" },
    ],
    ["no thresholds", { logOdds: [], probabilities: [], increasing: true, interpolation: "linear" }],
    [
      "an unknown key",
      { logOdds: [0], probabilities: [0.5], increasing: true, interpolation: "linear", x: 1 },
    ],
    [
      "an unknown interpolation",
      { logOdds: [0], probabilities: [0.5], increasing: true, interpolation: "cubic" },
    ],
  ])("rejects %s with E_SPEC_INVALID", (_, params) => {
    expect(errorCode(() => load(params))).toBe("E_SPEC_INVALID");
  });

  it("accepts a decreasing fit whose probabilities fall", () => {
    const loaded = load({
      logOdds: [0, 1],
      probabilities: [0.9, 0.1],
      increasing: false,
      interpolation: "linear",
    });
    expect(loaded.monotone).toBe(false);
    expect(Array.from(loaded.predict([0.5]))).toEqual([0.5]);
  });
});

describe("explain", () => {
  it("describes the thresholds, the direction and the reading", () => {
    const fitted = isotonic().fit([0, 1, 1, 2, 3, 4], [0, 0, 1, 0, 0, 1]);
    expect(isotonicCalibrator.explain?.(fitted.params)).toBe(
      "isotonic regression (increasing): 4 thresholds from log-odds 0 to 4, linear interpolation between them; " +
        "P(positive) goes from 0 to 1 and stays at those values outside that range.",
    );
    const constant = isotonic().fit([2, 2, 2, 2], [1, 0, 0, 1]);
    expect(isotonicCalibrator.explain?.(constant.params)).toBe(
      "isotonic regression: a constant P(positive) = 0.5 (every calibration score was equal).",
    );
  });
});
