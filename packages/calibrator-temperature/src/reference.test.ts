// Temperature scaling on every reference case (real classifier scores, see tooling/fixtures/reference/README.md).
// scikit-learn has no temperature scaling, so optimality is checked from the definition, and the bias form is
// cross-checked against an independent derivative-free minimisation of the same objective (it is Platt's model
// with raw 0/1 targets).
import { prepareFitData } from "@calibra/core";
import { loadReference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import {
  goldenSectionMinimum,
  gradient,
  negativeLogLikelihood,
  type Rows,
} from "../test/negative-log-likelihood.js";
import { fitTemperatureScaling } from "./fit-temperature.js";
import { temperature } from "./temperature.js";

const cases = referenceCases().map(({ dataset, model }) => {
  const reference = loadReference(dataset, model);
  const rows = { logOdds: reference.calibration.logit, labels: reference.calibration.label } satisfies Rows;
  return { name: `${dataset} / ${model}`, dataset, model, reference, rows };
});

function maxAbs(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i] as number));
  return largest;
}

describe.each(cases)("$name", ({ model, reference, rows }) => {
  const n = rows.logOdds.length;
  const scale = maxAbs(rows.logOdds);
  const plain = temperature().fit(rows.logOdds, rows.labels);
  const biased = temperature({ bias: true }).fit(rows.logOdds, rows.labels);

  it.each([
    ["without bias", plain.params],
    ["with bias", biased.params],
  ] as const)("is the likelihood optimum %s", (_, params) => {
    const { temperature: t, bias: c } = params;
    expect(t).toBeGreaterThan(0);
    expect(Number.isFinite(t)).toBe(true);
    // Stationary: the derivative in β = 1/T (in units of the largest |z|), and in c with the bias, vanish.
    const g = gradient(rows, t, c);
    expect(Math.abs(g.beta) / (n * scale)).toBeLessThan(1e-10);
    if (params === biased.params) expect(Math.abs(g.bias) / n).toBeLessThan(1e-10);
    // A minimum: moving T by a relative 1e-4 either way (and c by 1e-4) does not lower the NLL.
    const best = negativeLogLikelihood(rows, t, c);
    expect(negativeLogLikelihood(rows, t * (1 + 1e-4), c)).toBeGreaterThan(best);
    expect(negativeLogLikelihood(rows, t * (1 - 1e-4), c)).toBeGreaterThan(best);
    if (params === biased.params) {
      expect(negativeLogLikelihood(rows, t, c + 1e-4)).toBeGreaterThan(best);
      expect(negativeLogLikelihood(rows, t, c - 1e-4)).toBeGreaterThan(best);
    } else {
      expect(c).toBe(0);
    }
  });

  it("with the bias: fits at least as well, and the mean prediction equals the prevalence", () => {
    const withBias = negativeLogLikelihood(rows, biased.params.temperature, biased.params.bias);
    const withoutBias = negativeLogLikelihood(rows, plain.params.temperature, 0);
    expect(withBias).toBeLessThanOrEqual(withoutBias);
    const predictions = biased.predict(rows.logOdds);
    let meanPrediction = 0;
    let prevalence = 0;
    for (let i = 0; i < n; i++) {
      meanPrediction += predictions[i] as number;
      prevalence += rows.labels[i] as number;
    }
    expect(Math.abs(meanPrediction / n - prevalence / n)).toBeLessThan(1e-10);
  });

  it("with the bias: an interior optimum in at most 12 passes over the data (joint Newton steps, one pass each)", () => {
    const fit = fitTemperatureScaling(prepareFitData(rows.logOdds, rows.labels), true);
    expect(fit.limit).toBe("none");
    expect(fit.converged).toBe(true);
    expect(fit.passes).toBeLessThanOrEqual(12);
    expect(fit.temperature).toBe(biased.params.temperature);
  });

  it("never changes the ranking, and without the bias keeps every decision at 0.5", () => {
    const z = Float64Array.from(reference.test.logit);
    const order = Array.from(z.keys()).sort((i, j) => (z[i] as number) - (z[j] as number));
    for (const fitted of [plain, biased]) {
      const p = fitted.predict(z);
      for (let k = 1; k < order.length; k++) {
        expect(p[order[k] as number]).toBeGreaterThanOrEqual(p[order[k - 1] as number] as number);
      }
    }
    const p = plain.predict(z);
    for (let i = 0; i < z.length; i++) expect((p[i] as number) >= 0.5).toBe((z[i] as number) >= 0);
  });

  if (model === "naive_bayes") {
    it("softens the over-confident naive Bayes log-odds (T > 1) and lowers the test log loss", () => {
      expect(plain.params.temperature).toBeGreaterThan(1);
      expect(biased.params.temperature).toBeGreaterThan(1);
      // scikit-learn's log loss of the raw probabilities on the test split, with its 1e-15 clipping.
      const uncalibrated = reference.metrics_test.uncalibrated.log_loss;
      const p = plain.predict(reference.test.logit);
      let loss = 0;
      for (let i = 0; i < p.length; i++) {
        const q = Math.min(Math.max(p[i] as number, 1e-15), 1 - 1e-15);
        loss -= reference.test.label[i] === 1 ? Math.log(q) : Math.log(1 - q);
      }
      expect(loss / p.length).toBeLessThan(uncalibrated / 2);
    });
  }

  if (model === "logreg") {
    it("with the bias equals Platt's model with 0/1 targets, minimised by brute force", () => {
      // scikit-learn's parametrisation p = 1 / (1 + exp(a·z + b)): temperature with bias is a = −1/T, b = −c.
      const objective = (a: number, b: number) => negativeLogLikelihood(rows, -1 / a, -b);
      const profile = (a: number) => goldenSectionMinimum((b) => objective(a, b), -10, 10).value;
      const a = goldenSectionMinimum(profile, -10, -1e-3).x;
      const b = goldenSectionMinimum((bb) => objective(a, bb), -10, 10).x;
      expect(-1 / biased.params.temperature).toBeCloseTo(a, 6);
      expect(-biased.params.bias).toBeCloseTo(b, 6);
      const ours = negativeLogLikelihood(rows, biased.params.temperature, biased.params.bias);
      expect(ours).toBeLessThanOrEqual(objective(a, b) + 1e-12 * n);
      // Platt's smoothed targets give a different, nearby optimum: scikit-learn's exact a, b are not ours.
      expect(Math.abs(-1 / biased.params.temperature - reference.platt.exact.a)).toBeGreaterThan(1e-3);
    });
  }
});
