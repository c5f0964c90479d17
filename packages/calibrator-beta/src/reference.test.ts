import { readFileSync } from "node:fs";
import { loadReference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import {
  type LinearModel,
  meanLogLoss,
  plainBetaColumns,
  plainBetaLogLoss,
  plainRelativeGradient,
} from "../test/independent-log-loss.js";
import { beta } from "./beta.js";
import type { BetaParameterisation, BetaParams } from "./beta-schemas.js";

interface ReferenceFit {
  a: number;
  b: number;
  c: number;
  refit: "a" | "b" | null;
  log_loss: number;
}
interface BetacalReference {
  cases: Record<string, Record<BetaParameterisation, { exact: ReferenceFit; betacal: ReferenceFit }>>;
}
const betacal = JSON.parse(
  readFileSync(new URL("../test/fixtures/betacal-reference.json", import.meta.url), "utf8"),
) as BetacalReference;

const variants: BetaParameterisation[] = ["abm", "am", "ab"];

/** The model whose parameters the fit left free (non-zero slopes, and the intercept unless "ab"). */
function freeModel(params: BetaParams, logOdds: Float64Array): { model: LinearModel; intercept: boolean } {
  if (params.parameters === "am") {
    const columns = params.a > 0 ? [logOdds] : [];
    return {
      model: { columns, coefficients: columns.map(() => params.a), intercept: params.c },
      intercept: true,
    };
  }
  const shift = params.parameters === "ab" ? Math.LN2 : 0;
  const [first, second] = plainBetaColumns(logOdds, shift);
  const columns: Float64Array[] = [];
  const coefficients: number[] = [];
  if (params.a > 0) {
    columns.push(first);
    coefficients.push(params.a);
  }
  if (params.b > 0) {
    columns.push(second);
    coefficients.push(params.b);
  }
  const intercept = params.parameters === "abm";
  return { model: { columns, coefficients, intercept: intercept ? params.c : 0 }, intercept };
}

describe.each(referenceCases())("reference case $dataset / $model", ({ dataset, model }) => {
  const reference = loadReference(dataset, model);
  const logOdds = Float64Array.from(reference.calibration.logit);
  const labels = Uint8Array.from(reference.calibration.label);
  const expected = betacal.cases[`${dataset}__${model}`];

  it.each(variants)(
    "%s: a stationary point of the log loss, a, b ≥ 0, as scikit-learn solves it",
    (variant) => {
      const { params } = beta({ parameters: variant }).fit(logOdds, labels);
      expect(params.parameters).toBe(variant);
      expect(params.a).toBeGreaterThanOrEqual(0);
      expect(params.b).toBeGreaterThanOrEqual(0);
      if (variant === "am") expect(params.b).toBe(params.a);
      if (variant === "ab") {
        expect(params.m).toBe(0.5);
        expect(params.c).toBe((params.a - params.b) * Math.LN2);
      }

      // Stationary in every parameter the fit left free (measured: at most 7.3e-13 relative over all 30 fits).
      const { model: free, intercept } = freeModel(params, logOdds);
      const gradient = plainRelativeGradient(free, labels);
      if (!intercept) gradient.pop();
      for (const component of gradient) expect(Math.abs(component)).toBeLessThan(1e-10);

      // The same optimum as scikit-learn's Newton–Cholesky solver run to tol = 1e-15 (measured: 1.2e-13 at most).
      const exact = expected![variant].exact;
      expect(params.a === 0).toBe(exact.a === 0);
      expect(params.b === 0).toBe(exact.b === 0);
      for (const key of ["a", "b", "c"] as const) {
        expect(Math.abs(params[key] - exact[key])).toBeLessThan(1e-10 * (1 + Math.abs(exact[key])));
      }
      const loss = plainBetaLogLoss(params, logOdds, labels);
      expect(Math.abs(loss - exact.log_loss)).toBeLessThan(1e-12 * loss);

      // Never worse than betacal's own lbfgs fit (tol 1e-4), wherever betacal's answer is in the beta family.
      const reference = expected![variant].betacal;
      if (reference.a >= 0 && reference.b >= 0)
        expect(loss).toBeLessThanOrEqual(reference.log_loss * (1 + 1e-14));
    },
  );
});

describe("betacal's negative-coefficient rule on the reference data", () => {
  const refits = Object.entries(betacal.cases).flatMap(([name, entry]) =>
    (["abm", "ab"] as const)
      .filter((variant) => entry[variant].exact.refit !== null)
      .map((variant) => ({ name, variant, refit: entry[variant].exact.refit })),
  );

  it("fires where scikit-learn's fits say it must (four fits: breast cancer logreg and linear SVM)", () => {
    expect(refits.map(({ name, variant }) => `${name} ${variant}`)).toEqual([
      "breast_cancer__logreg abm",
      "breast_cancer__logreg ab",
      "breast_cancer__linear_svm abm",
      "breast_cancer__linear_svm ab",
    ]);
  });

  it.each(refits)(
    "$name $variant: a = 0, and that is the constrained (a ≥ 0) optimum",
    ({ name, variant }) => {
      const [dataset, model] = name.split("__") as [string, string];
      const reference = loadReference(dataset, model);
      const logOdds = Float64Array.from(reference.calibration.logit);
      const labels = Uint8Array.from(reference.calibration.label);
      const { params } = beta({ parameters: variant }).fit(logOdds, labels);
      expect(params.a).toBe(0);
      expect(params.b).toBeGreaterThan(1);
      // Karush–Kuhn–Tucker: at a = 0 the log loss must grow as a grows from 0, so refitting without ln s is not a
      // heuristic here but the exact constrained maximum likelihood.
      const shift = variant === "ab" ? Math.LN2 : 0;
      const gradient = plainRelativeGradient(
        {
          columns: plainBetaColumns(logOdds, shift),
          coefficients: [0, params.b],
          intercept: variant === "ab" ? 0 : params.c,
        },
        labels,
      );
      expect(gradient[0]).toBeGreaterThan(1e-3);
    },
  );
});

/**
 * Minimises the log loss of σ(a·z + c) over a 9 × 9 grid that halves around its best point each round: no
 * derivatives, no Newton, nothing shared with the package. The loss is convex, so the optimum stays inside.
 */
function gridSearchLogisticOnLogOdds(logOdds: Float64Array, labels: Uint8Array): { a: number; c: number } {
  const loss = (a: number, c: number) => {
    let sum = 0;
    for (let i = 0; i < logOdds.length; i++) {
      const u = (labels[i] === 1 ? -1 : 1) * (a * (logOdds[i] as number) + c);
      sum += u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }
    return sum;
  };
  let center = { a: 5, c: 0 };
  let halfWidth = { a: 5, c: 10 };
  const points = 4;
  for (let round = 0; round < 60; round++) {
    let best = { a: center.a, c: center.c, loss: loss(center.a, center.c) };
    for (let i = -points; i <= points; i++) {
      for (let j = -points; j <= points; j++) {
        const a = center.a + (i / points) * halfWidth.a;
        const c = center.c + (j / points) * halfWidth.c;
        const value = loss(a, c);
        if (value < best.loss) best = { a, c, loss: value };
      }
    }
    center = { a: best.a, c: best.c };
    halfWidth = { a: halfWidth.a / 2, c: halfWidth.c / 2 };
  }
  return center;
}

describe('"am" is logistic regression on the log-odds with raw 0/1 targets', () => {
  it.each([
    ["telco_churn", "logreg"],
    ["breast_cancer", "naive_bayes"],
    ["breast_cancer", "linear_svm"],
  ])("%s / %s: the fitted a, c agree with a derivative-free grid search", (dataset, model) => {
    const reference = loadReference(dataset, model);
    const logOdds = Float64Array.from(reference.calibration.logit);
    const labels = Uint8Array.from(reference.calibration.label);
    const { params } = beta({ parameters: "am" }).fit(logOdds, labels);
    const grid = gridSearchLogisticOnLogOdds(logOdds, labels);
    expect(Math.abs(params.a - grid.a)).toBeLessThan(1e-6);
    expect(Math.abs(params.c - grid.c)).toBeLessThan(1e-6);
    expect(params.m).toBeCloseTo(1 / (1 + Math.exp(params.c / params.a)), 15);
  });
});

describe("beta calibration on the over-confident naive Bayes scores", () => {
  it.each([
    ["breast_cancer", 0.6502],
    ["telco_churn", 2.3959],
  ] as const)(
    "%s: every variant lowers the test log loss well below the uncalibrated sigmoid's",
    (dataset, published) => {
      const reference = loadReference(dataset, "naive_bayes");
      const testLogOdds = Float64Array.from(reference.test.logit);
      const testLabels = reference.test.label;
      const uncalibrated = meanLogLoss(
        Array.from(testLogOdds, (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))),
        testLabels,
      );
      // Our own evaluation agrees with scikit-learn's metrics in the reference file.
      expect(uncalibrated).toBeCloseTo(reference.metrics_test.uncalibrated.log_loss, 10);
      expect(uncalibrated).toBeCloseTo(published, 4);
      const losses = variants.map((variant) => {
        const fitted = beta({ parameters: variant }).fit(
          reference.calibration.logit,
          reference.calibration.label,
        );
        return meanLogLoss(fitted.predict(testLogOdds), testLabels);
      });
      for (const loss of losses) expect(loss).toBeLessThan(0.75 * uncalibrated);
    },
  );
});
