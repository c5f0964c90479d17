import { calibratorFromParams, isCalibraError, prepareFitData, sigmoid } from "@calibra/core";
import { conformanceDatasets, seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { gradient, negativeLogLikelihood } from "../test/negative-log-likelihood.js";
import { fitTemperatureScaling } from "./fit-temperature.js";
import { MAX_STEEPNESS, MIN_STEEPNESS, temperatureLimits } from "./limits.js";
import { temperature } from "./temperature.js";
import { temperatureCalibrator } from "./temperature-calibrator.js";

function expectCalibraError(code: string, run: () => unknown): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(isCalibraError(thrown, code as never), String(thrown)).toBe(true);
}

/** Rows whose labels are drawn from P(y = 1) = σ(z / trueTemperature + trueBias), z uniform on ±range. */
function drawRows(rows: number, range: number, trueTemperature: number, trueBias: number, seed: number) {
  const uniform = seededUniform(seed);
  const logOdds = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    logOdds[i] = (2 * uniform() - 1) * range;
    labels[i] = uniform() < sigmoid((logOdds[i] as number) / trueTemperature + trueBias) ? 1 : 0;
  }
  return { logOdds, labels };
}

describe("exact fits on hand-computable data", () => {
  // z = +1: 3 positives, 1 negative; z = −1: 3 negatives, 1 positive. ∂/∂β = 2(4σ(β) − 3) = 0 gives σ(β) = 3/4,
  // so β = ln 3 and T = 1 / ln 3; with the bias, symmetry keeps c = 0.
  const symmetric = {
    logOdds: [1, 1, 1, 1, -1, -1, -1, -1],
    labels: [1, 1, 1, 0, 0, 0, 0, 1],
  };

  it("T = 1 / ln 3 on symmetric data, with or without the bias", () => {
    const plain = temperature().fit(symmetric.logOdds, symmetric.labels);
    expect(plain.params.temperature).toBeCloseTo(1 / Math.log(3), 14);
    expect(plain.params.bias).toBe(0);
    expect(plain.predict([1, -1, 0])).toEqual(
      Float64Array.from([sigmoid(1 / plain.params.temperature), sigmoid(-1 / plain.params.temperature), 0.5]),
    );
    expect(plain.predict([1])[0]).toBeCloseTo(0.75, 14);
    const biased = temperature({ bias: true }).fit(symmetric.logOdds, symmetric.labels);
    expect(biased.params.temperature).toBeCloseTo(1 / Math.log(3), 14);
    expect(Math.abs(biased.params.bias)).toBeLessThan(1e-14);
  });

  it("with the bias and two distinct scores it reproduces both empirical rates: T = 2 / ln 6, c = −ln 3", () => {
    // z = 0: 1 positive in 4 → σ(c) = 1/4; z = 2: 2 positives in 3 → σ(2/T + c) = 2/3.
    const fitted = temperature({ bias: true }).fit([0, 0, 0, 0, 2, 2, 2], [1, 0, 0, 0, 1, 1, 0]);
    expect(fitted.params.temperature).toBeCloseTo(2 / Math.log(6), 13);
    expect(fitted.params.bias).toBeCloseTo(-Math.log(3), 13);
    const [p0, p2] = fitted.predict([0, 2]);
    expect(p0).toBeCloseTo(1 / 4, 14);
    expect(p2).toBeCloseTo(2 / 3, 14);
  });

  it("without the bias, equal non-zero scores still fit the prevalence through T: T = 1 / ln 2", () => {
    // Every z = 2, 4 positives in 5: σ(2/T) = 4/5 gives 2/T = ln 4.
    const fitted = temperature().fit([2, 2, 2, 2, 2], [1, 1, 0, 1, 1]);
    expect(fitted.params.temperature).toBeCloseTo(1 / Math.log(2), 14);
    expect(fitted.predict([2])[0]).toBeCloseTo(0.8, 14);
  });

  it("weights count like repeated rows in the closed form: weight 3 on the right rows gives T = 1 / ln 3", () => {
    const fitted = temperature().fit([1, 1, -1, -1], [1, 0, 0, 1], [3, 1, 3, 1]);
    expect(fitted.params.temperature).toBeCloseTo(1 / Math.log(3), 14);
  });
});

describe("the floor: reversed or uninformative scores", () => {
  const limits = temperatureLimits(2);

  it("reversed scores without the bias stop at β_min: T = S·10¹², predictions ½", () => {
    const rows = { logOdds: [-2, -1, 1, 2], labels: [1, 1, 0, 0] };
    const fit = fitTemperatureScaling(prepareFitData(rows.logOdds, rows.labels), false);
    expect(fit.limit).toBe("floor");
    expect(fit.steepness).toBe(MIN_STEEPNESS);
    expect(fit.temperature).toBe(2e12);
    expect(limits.maxTemperature).toBe(2e12);
    const fitted = temperature().fit(rows.logOdds, rows.labels);
    expect(fitted.params).toEqual({ temperature: 2e12, bias: 0 });
    for (const p of fitted.predict([-2, -1, 0, 1, 2])) expect(Math.abs(p - 0.5)).toBeLessThan(2.6e-13);
    // Still monotone and still T > 0: reversed scores are never turned around.
    const [low, high] = fitted.predict([-1e9, 1e9]);
    expect(low).toBeLessThan(0.5);
    expect(high).toBeGreaterThan(0.5);
  });

  it("reversed scores with the bias stop at β_min and predict the prevalence", () => {
    const rows = { logOdds: [-2, -1, 1, 2], labels: [1, 1, 1, 0] };
    const fitted = temperature({ bias: true }).fit(rows.logOdds, rows.labels);
    expect(fitted.params.temperature).toBe(2e12);
    expect(fitted.params.bias).toBeCloseTo(Math.log(3), 11);
    for (const p of fitted.predict(rows.logOdds)) expect(Math.abs(p - 0.75)).toBeLessThan(1e-12);
    // At the floor the likelihood still decreases towards β ≤ 0, i.e. ∂NLL/∂β > 0: the constraint is active.
    expect(gradient(rows, fitted.params.temperature, fitted.params.bias).beta).toBeGreaterThan(0.1);
  });

  it("all scores equal with the bias: β cannot be identified, so the floor, predicting the prevalence", () => {
    const labels = Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const fit = fitTemperatureScaling(prepareFitData(new Float64Array(50).fill(1.5), labels), true);
    expect(fit.limit).toBe("floor");
    expect(fit.temperature).toBe(1.5e12);
    expect(fit.bias).toBeCloseTo(Math.log(0.2 / 0.8), 11);
    const fitted = temperature({ bias: true }).fit(new Float64Array(50).fill(1.5), labels);
    for (const p of fitted.predict([-100, 0, 1.5, 100])) expect(p).toBeCloseTo(0.2, 10);
  });

  it("all log-odds 0 without the bias: T has no effect, so the floor (scale 1: T = 10¹²)", () => {
    const fitted = temperature().fit([0, 0, 0], [1, 0, 1]);
    expect(fitted.params).toEqual({ temperature: 1e12, bias: 0 });
    expect(fitted.predict([0, 5])[0]).toBe(0.5);
  });

  it("all scores equal on the wrong side without the bias (the kit's tied data): the floor", () => {
    const labels = Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const fit = fitTemperatureScaling(prepareFitData(new Float64Array(50).fill(1.5), labels), false);
    expect(fit.limit).toBe("floor");
    expect(fit.temperature).toBe(1.5e12);
  });
});

describe("the cap: perfectly separated data", () => {
  it("stops at T = S·10⁻⁶ and predicts the training labels exactly", () => {
    const logOdds = [-3, -1, 2, 5];
    const labels = [0, 0, 1, 1];
    for (const bias of [false, true]) {
      const fit = fitTemperatureScaling(prepareFitData(logOdds, labels), bias);
      expect(fit.limit).toBe("cap");
      expect(fit.steepness).toBe(MAX_STEEPNESS);
      expect(fit.temperature).toBe(5e-6);
      expect(fit.converged).toBe(true);
      expect(fit.iterations).toBeLessThan(20);
      const fitted = temperature({ bias }).fit(logOdds, labels);
      expect(fitted.params.temperature).toBe(5e-6);
      expect(Array.from(fitted.predict(logOdds))).toEqual(labels);
    }
  });

  it("two rows are separated: the cap, and the decision still flips between them", () => {
    const fitted = temperature({ bias: true }).fit([-1, 2], [0, 1]);
    expect(fitted.params.temperature).toBe(2e-6);
    // The intercept lies in the gap: −1/T + c < 0 < 2/T + c.
    expect(-1 / 2e-6 + fitted.params.bias).toBeLessThan(-745);
    expect(2 / 2e-6 + fitted.params.bias).toBeGreaterThan(745);
    expect(Array.from(fitted.predict([-1, 2]))).toEqual([0, 1]);
  });

  it("two reversed rows: the floor", () => {
    expect(temperature().fit([-1, 2], [1, 0]).params.temperature).toBe(2e12);
  });

  it("separated with a gap only with the bias: interior without it", () => {
    // Every positive is above every negative, but the boundary is at z = 3, not 0: without the bias two negatives
    // sit on the positive side, so the optimum is finite; with the bias it is the cap.
    const logOdds = [-1, 1, 2, 4, 6];
    const labels = [0, 0, 0, 1, 1];
    expect(fitTemperatureScaling(prepareFitData(logOdds, labels), false).limit).toBe("none");
    const withBias = temperature({ bias: true }).fit(logOdds, labels);
    expect(withBias.params.temperature).toBe(6e-6);
    expect(Array.from(withBias.predict(logOdds))).toEqual(labels);
  });
});

describe("the cap with the bias: classes that do not overlap", () => {
  it("a tie at the boundary: the cap, and the tied rows predict their own rate (c = ln 2 for 2 positives in 3)", () => {
    // Every negative is at or below 0 and every positive at or above it: as T → 0 with the boundary at 0 the NLL falls
    // towards the tied rows' entropy, so the optimum is the cap, with σ(c) = 2/3 at z = 0.
    const fit = fitTemperatureScaling(prepareFitData([-1, 0, 0, 0, 1], [0, 0, 1, 1, 1]), true);
    expect(fit.limit).toBe("cap");
    expect(fit.temperature).toBe(1e-6);
    expect(fit.bias).toBeCloseTo(Math.log(2), 14);
    const fitted = temperature({ bias: true }).fit([-1, 0, 0, 0, 1], [0, 0, 1, 1, 1]);
    const [below, tie, above] = fitted.predict([-1, 0, 1]);
    expect(below).toBe(0);
    expect(tie).toBeCloseTo(2 / 3, 14);
    expect(above).toBe(1);
  });

  it("a gap too narrow for the cap to classify with certainty: c balances the two closest rows", () => {
    // Negatives at −1 and 0, positives at 1e-4 (weight 3) and 1; S = 1, so T = 10⁻⁶. Only the rows at 0 and 1e-4 have
    // residuals that count: σ(c) = 3·σ(−100 − c), so e^(2c) = 3e^(−100) and c = −50 + ln(3)/2 (to about e^(−50)).
    // Their residuals are about 10⁻²², far below ε times the total weight: the intercept fit must not stop on that.
    const fit = fitTemperatureScaling(prepareFitData([-1, 0, 1e-4, 1], [0, 0, 1, 1], [1, 1, 3, 1]), true);
    expect(fit.limit).toBe("cap");
    expect(fit.temperature).toBe(1e-6);
    expect(fit.bias).toBeCloseTo(-50 + Math.log(3) / 2, 12);
  });

  it("goes to the cap in one pass when the boundary in the middle of the gap classifies every row with certainty", () => {
    const fit = fitTemperatureScaling(prepareFitData([-3, -1, 2, 5], [0, 0, 1, 1]), true);
    expect(fit.passes).toBe(1);
    // The boundary z = −cT is the middle of the gap (−1, 2).
    expect(-fit.bias * fit.temperature).toBeCloseTo(0.5, 12);
  });
});

describe("the bias with scores far from zero", () => {
  // The model is shift-invariant: moving every log-odds value by a leaves T alone and moves c by −a/T. The fit works
  // on scores centred at their mean, so a shift costs nothing in precision or in passes (uncentred, κ and c would be
  // almost collinear: this fit took over 200 passes and lost up to three digits at a = 10⁶).
  const rows = drawRows(500, 6, 2, -0.3, 3);
  const base = fitTemperatureScaling(prepareFitData(rows.logOdds, rows.labels), true);

  it.each([1e3, 1e5, 1e6])("a shift of %d changes only c, by −a/T", (shift) => {
    const shifted = fitTemperatureScaling(
      prepareFitData(
        rows.logOdds.map((z) => z + shift),
        rows.labels,
      ),
      true,
    );
    expect(shifted.limit).toBe("none");
    expect(shifted.temperature / base.temperature).toBeCloseTo(1, 11);
    expect(shifted.bias + shift / shifted.temperature).toBeCloseTo(base.bias, 9);
    expect(shifted.passes).toBeLessThanOrEqual(base.passes + 1);
  });
});

describe("extreme and awkward inputs", () => {
  it("log-odds of ±3000 (T ≈ 500 for labels drawn with slope 0.002) converge to a stationary point", () => {
    const rows = drawRows(4000, 3000, 500, 0, 7);
    for (const bias of [false, true]) {
      const fit = fitTemperatureScaling(prepareFitData(rows.logOdds, rows.labels), bias);
      expect(fit.limit).toBe("none");
      expect(fit.converged).toBe(true);
      expect(fit.temperature).toBeGreaterThan(400);
      expect(fit.temperature).toBeLessThan(600);
      const g = gradient(rows, fit.temperature, fit.bias);
      expect(Math.abs(g.beta) / (4000 * 3000)).toBeLessThan(1e-12);
      if (bias) expect(Math.abs(g.bias) / 4000).toBeLessThan(1e-12);
      else expect(fit.bias).toBe(0);
    }
  });

  it("recovers the temperature of an over-confident model (labels drawn with T = 3, c = 0.5)", () => {
    const rows = drawRows(20000, 12, 3, 0.5, 11);
    const fitted = temperature({ bias: true }).fit(rows.logOdds, rows.labels);
    expect(fitted.params.temperature).toBeGreaterThan(2.8);
    expect(fitted.params.temperature).toBeLessThan(3.2);
    expect(fitted.params.bias).toBeGreaterThan(0.4);
    expect(fitted.params.bias).toBeLessThan(0.6);
    // Without the bias the shift cannot be represented; the likelihood is lower.
    const plain = temperature().fit(rows.logOdds, rows.labels);
    expect(negativeLogLikelihood(rows, plain.params.temperature, 0)).toBeGreaterThan(
      negativeLogLikelihood(rows, fitted.params.temperature, fitted.params.bias) + 10,
    );
  });

  it("log-odds near the largest double fit without overflow and keep T finite", () => {
    const logOdds = [-1e308, -5e307, 5e307, 1e308, 2e307, -2e307];
    const labels = [0, 1, 0, 1, 1, 0];
    for (const bias of [false, true]) {
      const fitted = temperature({ bias }).fit(logOdds, labels);
      expect(Number.isFinite(fitted.params.temperature)).toBe(true);
      expect(fitted.params.temperature).toBeGreaterThan(1e306);
      for (const p of fitted.predict([...logOdds, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY])) {
        expect(p >= 0 && p <= 1).toBe(true);
      }
    }
  });

  it("tiny log-odds: T follows their scale (here S = 1 applies, so T is found relative to 1)", () => {
    const rows = drawRows(2000, 0.5, 0.1, 0, 5);
    const fitted = temperature().fit(rows.logOdds, rows.labels);
    expect(fitted.params.temperature).toBeGreaterThan(0.08);
    expect(fitted.params.temperature).toBeLessThan(0.12);
  });

  it("predicts ±Infinity as 1 and 0, and never NaN", () => {
    for (const bias of [false, true]) {
      const fitted = temperature({ bias }).fit([-2, -1, 0, 1, 2, 3], [0, 0, 1, 0, 1, 1]);
      expect(Array.from(fitted.predict([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]))).toEqual([
        0, 1,
      ]);
    }
    const capped = temperature({ bias: true }).fit([-1, 2], [0, 1]);
    expect(Array.from(capped.predict([-1e308, 1e308, -Infinity, Infinity]))).toEqual([0, 1, 0, 1]);
  });
});

describe("invariances", () => {
  const rows = drawRows(500, 6, 2, -0.3, 3);

  it("multiplying every log-odds value by k multiplies T by k and leaves c and the predictions alone", () => {
    for (const bias of [false, true]) {
      const base = temperature({ bias }).fit(rows.logOdds, rows.labels);
      for (const k of [1e-3 * 6, 7.5, 1e4]) {
        // k = 0.006 keeps max|z| ≥ 1, where the scale-relative search applies.
        const scaled = rows.logOdds.map((z) => z * k);
        if (Math.max(...scaled.map(Math.abs)) < 1) continue;
        const fitted = temperature({ bias }).fit(scaled, rows.labels);
        expect(fitted.params.temperature / (k * base.params.temperature)).toBeCloseTo(1, 12);
        expect(fitted.params.bias).toBeCloseTo(base.params.bias, 12);
      }
    }
  });

  it("integer weights equal repeated rows, and weight 0 equals a removed row", () => {
    const uniform = seededUniform(99);
    const weights = Float64Array.from(rows.logOdds, () => Math.floor(uniform() * 4));
    weights[0] = 1;
    weights[1] = 2;
    const repeatedLogOdds: number[] = [];
    const repeatedLabels: number[] = [];
    for (let i = 0; i < rows.logOdds.length; i++) {
      for (let k = 0; k < (weights[i] as number); k++) {
        repeatedLogOdds.push(rows.logOdds[i] as number);
        repeatedLabels.push(rows.labels[i] as number);
      }
    }
    for (const bias of [false, true]) {
      const weighted = temperature({ bias }).fit(rows.logOdds, rows.labels, weights);
      const repeated = temperature({ bias }).fit(repeatedLogOdds, repeatedLabels);
      expect(weighted.params.temperature).toBeCloseTo(repeated.params.temperature, 12);
      expect(weighted.params.bias).toBeCloseTo(repeated.params.bias, 12);
      // And the weighted gradient is 0 at the weighted fit.
      const g = gradient({ ...rows, weights }, weighted.params.temperature, weighted.params.bias);
      expect(Math.abs(g.beta) / repeatedLogOdds.length).toBeLessThan(1e-11);
    }
  });

  it("weights near the largest or smallest double give the unweighted fit (no overflow, no lost digits)", () => {
    const logOdds = [-2, -1, 0, 1, 2, 3];
    const labels = [0, 0, 1, 0, 1, 1];
    // Core refuses weights whose total overflows; each of these totals is still a finite double.
    for (const bias of [false, true]) {
      const unweighted = temperature({ bias }).fit(logOdds, labels).params;
      for (const weight of [1e307, 1e-320]) {
        const weighted = temperature({ bias }).fit(logOdds, labels, new Float64Array(6).fill(weight)).params;
        expect(weighted.temperature).toBeCloseTo(unweighted.temperature, 14);
        expect(weighted.bias).toBeCloseTo(unweighted.bias, 14);
      }
    }
  });

  it("a zero-weight row with an extreme log-odds value changes nothing", () => {
    const logOdds = [...rows.logOdds, 1e300];
    const labels = [...rows.labels, 0];
    const weights = [...Array.from(rows.logOdds, () => 1), 0];
    const without = temperature({ bias: true }).fit(rows.logOdds, rows.labels);
    const withZero = temperature({ bias: true }).fit(logOdds, labels, weights);
    expect(withZero.params).toEqual(without.params);
  });
});

describe("options, parameters and explanations", () => {
  it("defaults to no bias", () => {
    expect(temperature().options).toEqual({ bias: false });
    expect(temperature({ bias: true }).options).toEqual({ bias: true });
  });

  it.each([
    ["a non-boolean bias", { bias: "yes" }],
    ["a numeric bias", { bias: 1 }],
    ["an unknown option", { temperature: 2 }],
    ["null", null],
  ])("rejects %s with E_INVALID_OPTIONS", (_, options) => {
    expectCalibraError("E_INVALID_OPTIONS", () => temperature(options as never));
  });

  it.each([
    ["temperature 0", { temperature: 0, bias: 0 }],
    ["a negative temperature", { temperature: -1, bias: 0 }],
    ["an infinite temperature", { temperature: Number.POSITIVE_INFINITY, bias: 0 }],
    ["a missing bias", { temperature: 1 }],
    ["a string", { temperature: "2", bias: 0 }],
    ["an extra field", { temperature: 1, bias: 0, slope: 1 }],
  ])("refuses parameters with %s (E_SPEC_INVALID)", (_, params) => {
    expectCalibraError("E_SPEC_INVALID", () => calibratorFromParams(temperatureCalibrator, params));
  });

  it("rebuilds from parameters and predicts σ(z / T + c)", () => {
    const fitted = calibratorFromParams(temperatureCalibrator, { temperature: 2, bias: -0.5 });
    expect(fitted.monotone).toBe(true);
    expect(Array.from(fitted.predict([0, 1, -3]))).toEqual([sigmoid(-0.5), sigmoid(0), sigmoid(-2)]);
    expect(fitted.toJSON()).toEqual({ type: "temperature", params: { temperature: 2, bias: -0.5 } });
  });

  it("explains what the temperature and the bias do", () => {
    const explain = temperatureCalibrator.explain!;
    expect(explain({ temperature: 2.5, bias: 0 })).toBe(
      "p = sigmoid(logOdds / 2.5): temperature 2.5 > 1 softens the log-odds (the model was over-confident); " +
        "no bias, so p = 0.5 stays at log-odds 0. The ranking of the scores is unchanged.",
    );
    expect(explain({ temperature: 0.5, bias: -0.25 })).toBe(
      "p = sigmoid(logOdds / 0.5 − 0.25): temperature 0.5 < 1 sharpens the log-odds (the model was " +
        "under-confident); then adds -0.25, so p = 0.5 moves to log-odds 0.125. The ranking of the scores is unchanged.",
    );
  });
});

describe("the conformance kit's data sets", () => {
  it.each(conformanceDatasets().map((d) => [d.name, d] as const))("%s: stationary or at a limit", (_, d) => {
    for (const bias of [false, true]) {
      const fit = fitTemperatureScaling(prepareFitData(d.logOdds, d.labels, d.weights), bias);
      expect(fit.converged).toBe(true);
      expect(fit.iterations).toBeLessThan(20);
      if (bias) expect(fit.passes).toBeLessThanOrEqual(12);
      if (fit.limit === "none") {
        const g = gradient({ ...d, weights: d.weights }, fit.temperature, fit.bias);
        expect(Math.abs(g.beta) / (d.logOdds.length * fit.scale)).toBeLessThan(1e-11);
      }
      const expected =
        d.name === "perfectly separated" || d.name === "two rows"
          ? "cap"
          : d.name === "all scores equal"
            ? "floor"
            : d.name.startsWith("crowded")
              ? // Scores at 700 ± 1e-7. Without the bias the optimum β ≈ logit(prevalence)/700 is ≤ 0 (prevalence
                // 0.45): the floor. With it only the spread carries information, and the labels follow it with a slope
                // of about 9·10⁶ per log-odds unit, so the unconstrained κ = 700·β ≈ 6·10⁹ is beyond the cap (10⁶).
                bias
                ? "cap"
                : "floor"
              : "none";
      expect(fit.limit).toBe(expected);
    }
  });

  it("crowded far from zero, with the bias: the cap is binding and the intercept is optimal there", () => {
    const d = conformanceDatasets().find((set) => set.name.startsWith("crowded"));
    if (d === undefined) throw new Error("the conformance kit has no crowded data set");
    const fit = fitTemperatureScaling(prepareFitData(d.logOdds, d.labels), true);
    expect(fit.limit).toBe("cap");
    expect(fit.temperature).toBe(fit.scale / MAX_STEEPNESS);
    // By shift invariance, z/T + c = (z − 700)/T + (700/T + c), and z − 700 is exact: the derivatives in β and c there
    // are those of the NLL, without the cancellation of two terms near 10⁶.
    const shift = 700 / fit.temperature + fit.bias;
    let beta = 0;
    let c = 0;
    for (let i = 0; i < d.logOdds.length; i++) {
      const offset = (d.logOdds[i] as number) - 700;
      const residual = sigmoid(offset / fit.temperature + shift) - (d.labels[i] as number);
      beta += residual * offset;
      c += residual;
    }
    // ∂NLL/∂β < 0 at the cap (in units of n·10⁻⁷, the size of the offsets: about −0.07): a larger β would still fit
    // better, so the constraint is active; and c is at its optimum for this β.
    expect(beta / (d.logOdds.length * 1e-7)).toBeLessThan(-0.05);
    expect(Math.abs(c) / d.logOdds.length).toBeLessThan(1e-10);
    // Two passes: the floor, then Newton points beyond the cap, which is evaluated at once.
    expect(fit.passes).toBe(2);
  });
});
