import { sigmoidArray } from "@calibra/core";
import { loadReference, type MetricsReference, type Reference, referenceCases } from "@calibra/fixtures";
import { afterAll, describe, expect, it } from "vitest";
import { brier } from "./brier.js";
import { calibrationCurve } from "./calibration-curve.js";
import { ace, ece } from "./calibration-error.js";
import { debiasedCalibrationError } from "./debiased-calibration-error.js";
import verified from "./fixtures/verified-calibration.json";
import { logLoss } from "./log-loss.js";

/** Agreement demanded with scikit-learn 1.2.1's values. */
const TOLERANCE = 1e-12;

/**
 * The three probability sets of `metrics_test`, on the test split. The uncalibrated probabilities are the raw score
 * when the model outputs a probability (σ of the stored logit would differ: that logit was clipped to
 * [1e-6, 1 − 1e-6] first) and σ(logit) for logits and margins — the choice that reproduces the reference values.
 */
function probabilitySets(reference: Reference): Record<keyof Reference["metrics_test"], Float64Array> {
  const { test } = reference;
  return {
    uncalibrated:
      reference.score_kind === "probability" ? Float64Array.from(test.score) : sigmoidArray(test.logit),
    platt: Float64Array.from(reference.platt.test_proba),
    isotonic: Float64Array.from(reference.isotonic.test_proba),
  };
}

/** Largest absolute difference seen per quantity, printed with METRICS_REFERENCE_REPORT=1. */
const worst: Record<string, number> = {};
function record(what: string, actual: number, expected: number): void {
  worst[what] = Math.max(worst[what] ?? 0, Math.abs(actual - expected));
}
afterAll(() => {
  if (process.env.METRICS_REFERENCE_REPORT === "1") console.log(JSON.stringify(worst, null, 1));
});

function expectCurve(
  actual: { probTrue: Float64Array; probPred: Float64Array },
  expected: MetricsReference["calibration_curve_10_uniform"],
  what: string,
): void {
  expect(actual.probTrue).toHaveLength(expected.prob_true.length);
  expect(actual.probPred).toHaveLength(expected.prob_pred.length);
  expected.prob_true.forEach((value, k) => {
    record(`${what}.prob_true`, actual.probTrue[k] as number, value);
    expect(Math.abs((actual.probTrue[k] as number) - value)).toBeLessThanOrEqual(TOLERANCE);
  });
  expected.prob_pred.forEach((value, k) => {
    record(`${what}.prob_pred`, actual.probPred[k] as number, value);
    expect(Math.abs((actual.probPred[k] as number) - value)).toBeLessThanOrEqual(TOLERANCE);
  });
}

const cases = referenceCases().flatMap(({ dataset, model }) =>
  (["uncalibrated", "platt", "isotonic"] as const).map(
    (set) => [`${dataset} / ${model} / ${set}`, dataset, model, set] as const,
  ),
);

describe.each(cases)("scikit-learn 1.2.1 reference: %s", (_, dataset, model, set) => {
  const reference = loadReference(dataset, model);
  const p = probabilitySets(reference)[set];
  const y = Uint8Array.from(reference.test.label);
  const expected = reference.metrics_test[set];

  it("brier score = brier_score_loss", () => {
    const score = brier(p, y).score;
    record("brier", score, expected.brier);
    expect(Math.abs(score - expected.brier)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("logLoss = log_loss (eps 1e-15)", () => {
    const loss = logLoss(p, y);
    record("log_loss", loss, expected.log_loss);
    expect(Math.abs(loss - expected.log_loss)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("ece (defaults) = ece_15_equal_width", () => {
    const value = ece(p, y);
    record("ece_15_equal_width", value, expected.ece_15_equal_width);
    expect(Math.abs(value - expected.ece_15_equal_width)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("calibrationCurve(n_bins=10) = calibration_curve for both strategies", () => {
    expectCurve(
      calibrationCurve(p, y, { bins: 10, strategy: "uniform" }),
      expected.calibration_curve_10_uniform,
      "calibration_curve_10_uniform",
    );
    expectCurve(
      calibrationCurve(p, y, { bins: 10, strategy: "quantile" }),
      expected.calibration_curve_10_quantile,
      "calibration_curve_10_quantile",
    );
  });
});

interface VerifiedCase {
  bins: number;
  debiased: number;
  debiasedSquared: number;
  ace: number;
  rmsceEqualMass: number;
}

const verifiedCases = Object.entries(verified.cases as Record<string, VerifiedCase>).map(([key, values]) => {
  const [name, set, bins] = key.split("/") as [string, "uncalibrated" | "platt" | "isotonic", string];
  const [dataset, model] = name.split("__") as [string, string];
  return [key, dataset, model, set, Number(bins), values] as const;
});

describe.each(verifiedCases)("Kumar, Liang & Ma's estimators: %s", (_, dataset, model, set, bins, values) => {
  const reference = loadReference(dataset, model);
  const p = probabilitySets(reference)[set];
  const y = Uint8Array.from(reference.test.label);

  it("debiasedCalibrationError = unbiased_l2_ce over get_equal_bins (and its square, unclamped)", () => {
    const root = debiasedCalibrationError(p, y, { bins });
    const squared = debiasedCalibrationError(p, y, { bins, squared: true });
    record("debiased", root, values.debiased);
    record("debiasedSquared", squared, values.debiasedSquared);
    expect(Math.abs(root - values.debiased)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(squared - values.debiasedSquared)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("ace = get_ece_em (plugin_ce, power 1, over get_equal_bins); equal-mass l2 = plugin_ce power 2", () => {
    const adaptive = ace(p, y, { bins });
    const rms = ece(p, y, { bins, strategy: "equal-mass", norm: "l2" });
    record("ace", adaptive, values.ace);
    record("rmsceEqualMass", rms, values.rmsceEqualMass);
    expect(Math.abs(adaptive - values.ace)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(rms - values.rmsceEqualMass)).toBeLessThanOrEqual(TOLERANCE);
  });
});
