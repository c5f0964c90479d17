import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isotonic } from "./isotonic.js";

interface SklearnCase {
  logOdds: number[];
  labels: number[];
  weights: number[] | null;
  increasing: true | "auto";
  expected: {
    X_thresholds_: number[];
    y_thresholds_: number[];
    increasing_: boolean;
    probe: number[];
    predict: number[];
  };
}

// Written by test/fixtures/sklearn-isotonic-cases.py with scikit-learn 1.2.1: weights (zero weights included),
// ties and near-ties within 1e-15, signed zeros, increasing="auto" both ways, heavy tails.
const fixture = JSON.parse(
  readFileSync(new URL("../test/fixtures/sklearn-isotonic-cases.json", import.meta.url), "utf8"),
) as { sklearn: string; cases: SklearnCase[] };

const describeCase = (c: SklearnCase, index: number) =>
  `case ${index}: ${c.logOdds.length} rows, ${c.weights ? "weighted" : "unweighted"}, increasing=${c.increasing}`;

describe(`scikit-learn ${fixture.sklearn} on weighted, tied and decreasing fits`, () => {
  it("covers the cases it claims to", () => {
    expect(fixture.cases).toHaveLength(40);
    expect(fixture.cases.some((c) => c.weights?.includes(0))).toBe(true);
    expect(fixture.cases.some((c) => !c.expected.increasing_)).toBe(true);
    expect(fixture.cases.some((c) => c.logOdds.some((z) => Object.is(z, -0)))).toBe(true);
  });

  it.each(fixture.cases.map((c, index) => [describeCase(c, index), c] as const))(
    "%s: identical thresholds, direction and predictions",
    (_, c) => {
      const fitted = isotonic({ increasing: c.increasing }).fit(c.logOdds, c.labels, c.weights ?? undefined);
      // Bit for bit: the same operations in the same order as scikit-learn. (A threshold scikit-learn keeps as −0
      // is stored as +0, hence `+ 0` on its side.)
      expect(fitted.params.logOdds).toEqual(c.expected.X_thresholds_.map((x) => x + 0));
      expect(fitted.params.probabilities).toEqual(c.expected.y_thresholds_);
      expect(fitted.params.increasing).toBe(c.expected.increasing_);
      expect(fitted.monotone).toBe(c.expected.increasing_);
      expect(Array.from(fitted.predict(c.expected.probe))).toEqual(c.expected.predict);
    },
  );
});
