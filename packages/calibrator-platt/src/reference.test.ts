import { prepareFitData } from "@calibra/core";
import { loadReference, type Reference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { fitPlatt, platt } from "./index.js";

/** Test probabilities must match scikit-learn (where it converged) and the exact optimum to this. */
const PROBABILITY_TOLERANCE = 1e-6;
/**
 * Relative objective tolerance. The brief allows 1e-9; the fit reaches the exact optimum to ~1e-15, so a much
 * tighter bound still leaves three orders of magnitude for differences between JavaScript engines' exp/log1p.
 */
const OBJECTIVE_TOLERANCE = 1e-12;

interface Outcome {
  readonly reference: Reference;
  readonly objective: number;
  readonly testProba: Float64Array;
}

function fitCase(dataset: string, model: string): Outcome {
  const reference = loadReference(dataset, model);
  const { calibration, test } = reference;
  const { diagnostics } = fitPlatt(prepareFitData(calibration.logit, calibration.label));
  const testProba = platt().fit(calibration.logit, calibration.label).predict(test.logit);
  return { reference, objective: diagnostics.objective, testProba };
}

function maxAbsDifference(actual: Float64Array, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let largest = 0;
  for (let i = 0; i < actual.length; i++) {
    largest = Math.max(largest, Math.abs((actual[i] as number) - (expected[i] as number)));
  }
  return largest;
}

const cases = referenceCases().map(
  ({ dataset, model }) => [`${dataset} / ${model}`, dataset, model] as const,
);

describe("Platt scaling against scikit-learn 1.2.1 and the exact optimum, every reference file", () => {
  it("covers all ten reference files, three of which scikit-learn did not fit to convergence", () => {
    expect(cases).toHaveLength(10);
    const unconverged = cases.filter(([, d, m]) => !loadReference(d, m).platt.sklearn_converged);
    expect(unconverged.map(([name]) => name).sort()).toEqual([
      "breast_cancer / linear_svm",
      "breast_cancer / logreg",
      "breast_cancer / naive_bayes",
    ]);
  });

  it.each(cases)("%s: objective at the exact optimum, never above scikit-learn's", (_, dataset, model) => {
    const { reference, objective } = fitCase(dataset, model);
    const { objective_sklearn: sklearnObjective, exact } = reference.platt;
    expect(objective).toBeLessThanOrEqual(sklearnObjective * (1 + OBJECTIVE_TOLERANCE));
    expect(Math.abs(objective - exact.objective) / exact.objective).toBeLessThanOrEqual(OBJECTIVE_TOLERANCE);
  });

  it.each(cases)("%s: test probabilities equal the exact optimum's", (_, dataset, model) => {
    const { reference, testProba } = fitCase(dataset, model);
    expect(maxAbsDifference(testProba, reference.platt.exact.test_proba)).toBeLessThanOrEqual(
      PROBABILITY_TOLERANCE,
    );
  });

  it.each(cases)("%s: test probabilities equal scikit-learn's where it converged", (_, dataset, model) => {
    const { reference, testProba } = fitCase(dataset, model);
    const difference = maxAbsDifference(testProba, reference.platt.test_proba);
    if (reference.platt.sklearn_converged) {
      expect(difference).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
    } else {
      // Where scikit-learn stopped short its probabilities are off by more than the tolerance: we must differ.
      expect(difference).toBeGreaterThan(PROBABILITY_TOLERANCE);
    }
  });

  it("fitted parameters reproduce the exact optimum's a and b", () => {
    for (const [, dataset, model] of cases) {
      const reference = loadReference(dataset, model);
      const { params } = fitPlatt(prepareFitData(reference.calibration.logit, reference.calibration.label));
      expect(params.a).toBeCloseTo(reference.platt.exact.a, 7);
      expect(params.b).toBeCloseTo(reference.platt.exact.b, 7);
    }
  });
});

describe("Gaussian naive Bayes: logits up to ~2900, where scikit-learn's BFGS stops short", () => {
  const naiveBayes = cases.filter(([, , model]) => model === "naive_bayes");

  it("breast_cancer: a strictly (42%) lower objective than scikit-learn's, equal to the exact optimum", () => {
    const { reference, objective } = fitCase("breast_cancer", "naive_bayes");
    expect(Math.max(...reference.calibration.logit)).toBeGreaterThan(2800);
    expect(reference.platt.sklearn_converged).toBe(false);
    expect(objective).toBeLessThan(reference.platt.objective_sklearn);
    expect(objective).toBeCloseTo(36.615424521542, 10);
    expect(reference.platt.objective_sklearn).toBeCloseTo(63.720209033336, 10);
    expect(Math.abs(objective - reference.platt.exact.objective) / objective).toBeLessThanOrEqual(
      OBJECTIVE_TOLERANCE,
    );
  });

  it.each(naiveBayes)(
    "%s: strictly lower than scikit-learn where it stopped short, equal where it converged",
    (_, dataset, model) => {
      const { reference, objective } = fitCase(dataset, model);
      const { objective_sklearn: sklearnObjective, exact, sklearn_converged: converged } = reference.platt;
      expect(Math.abs(objective - exact.objective) / exact.objective).toBeLessThanOrEqual(
        OBJECTIVE_TOLERANCE,
      );
      if (converged) {
        // telco_churn: scikit-learn reached the optimum here; both objectives agree to rounding.
        expect(Math.abs(objective - sklearnObjective) / sklearnObjective).toBeLessThanOrEqual(
          OBJECTIVE_TOLERANCE,
        );
      } else {
        expect(objective).toBeLessThan(sklearnObjective * (1 - 1e-3));
      }
    },
  );
});
