import { prepareFitData } from "@calibra/core";
import { seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { negativeLogLikelihood } from "../test/negative-log-likelihood.js";
import { accumulateLogLossDerivatives, LogLossDerivatives } from "./log-loss-derivatives.js";

describe("accumulateLogLossDerivatives", () => {
  const uniform = seededUniform(42);
  const logOdds = Float64Array.from({ length: 300 }, () => (uniform() * 2 - 1) * 8);
  const labels = Uint8Array.from(logOdds, (z) => (uniform() < 1 / (1 + Math.exp(-z / 2)) ? 1 : 0));
  const weights = Float64Array.from(logOdds, () => uniform() * 2);
  weights[5] = 0;
  const data = prepareFitData(logOdds, labels, weights);
  const scale = 8;
  // ℓ(κ, c) with T = S / κ.
  const loss = (kappa: number, c: number) => negativeLogLikelihood(data, scale / kappa, c);

  it("matches central finite differences of the log loss", () => {
    const kappa = 3.7;
    const c = -0.4;
    const d = new LogLossDerivatives();
    accumulateLogLossDerivatives(data, 1 / scale, 0, kappa, c, d);
    const h = 1e-5;
    const dKappa = (loss(kappa + h, c) - loss(kappa - h, c)) / (2 * h);
    const dBias = (loss(kappa, c + h) - loss(kappa, c - h)) / (2 * h);
    expect(d.steepnessGradient).toBeCloseTo(dKappa, 6);
    expect(d.biasGradient).toBeCloseTo(dBias, 6);
    const second = (f: (x: number) => number, x: number) => (f(x + 1e-4) - 2 * f(x) + f(x - 1e-4)) / 1e-8;
    expect(d.steepnessCurvature).toBeCloseTo(
      second((k) => loss(k, c), kappa),
      2,
    );
    expect(d.biasCurvature).toBeCloseTo(
      second((b) => loss(kappa, b), c),
      2,
    );
    const cross =
      (loss(kappa + h, c + h) - loss(kappa + h, c - h) - loss(kappa - h, c + h) + loss(kappa - h, c - h)) /
      (4 * h * h);
    expect(d.crossCurvature).toBeCloseTo(cross, 2);
  });

  it("with a centre m: the derivatives of the same loss in (κ, c′ = c + κm), by the chain rule", () => {
    // ℓ(κ, c) = ℓ′(κ, c + κm), so ∂ℓ/∂κ = ∂ℓ′/∂κ + m·∂ℓ′/∂c′, ∂²ℓ/∂κ² = ∂²ℓ′/∂κ² + 2m·∂²ℓ′/∂κ∂c′ + m²·∂²ℓ′/∂c′², ...
    const kappa = 3.7;
    const c = -0.4;
    const m = 0.3;
    const plain = new LogLossDerivatives();
    const centred = new LogLossDerivatives();
    accumulateLogLossDerivatives(data, 1 / scale, 0, kappa, c, plain);
    accumulateLogLossDerivatives(data, 1 / scale, m, kappa, c + kappa * m, centred);
    expect(centred.biasGradient).toBeCloseTo(plain.biasGradient, 12);
    expect(centred.biasCurvature).toBeCloseTo(plain.biasCurvature, 12);
    expect(centred.steepnessGradient + m * centred.biasGradient).toBeCloseTo(plain.steepnessGradient, 12);
    expect(centred.crossCurvature + m * centred.biasCurvature).toBeCloseTo(plain.crossCurvature, 12);
    expect(
      centred.steepnessCurvature + 2 * m * centred.crossCurvature + m * m * centred.biasCurvature,
    ).toBeCloseTo(plain.steepnessCurvature, 12);
    // And a centre of 0 is bit for bit the uncentred loss.
    const zero = new LogLossDerivatives();
    accumulateLogLossDerivatives(data, 1 / scale, 0, kappa, c, zero);
    expect(zero).toEqual(plain);
  });

  it("centring removes the cancellation of scores crowded far from 0", () => {
    // z = 700 + δ with |δ| ≤ 1e-7. At κ ≈ 0 and c = logit(3/5) every p = 3/5 and p(1 − p) = 0.24. The profile
    // curvature Σ p(1 − p)(u − ū)² ≈ 1.2·10⁻²⁰ is the Schur complement ∂²ℓ/∂κ² − (∂²ℓ/∂κ∂c)² / ∂²ℓ/∂c²: uncentred
    // (every u ≈ 1) a difference of two sums ≈ 1.2, lost to rounding; centred, the first term alone, to full precision.
    const offsets = [-1e-7, -5e-8, 0, 5e-8, 1e-7];
    const crowdedLogOdds = offsets.map((o) => 700 + o);
    const crowded = prepareFitData(crowdedLogOdds, [0, 0, 1, 1, 1]);
    const inverseScale = 1 / (700 + 1e-7);
    let mean = 0;
    for (const z of crowdedLogOdds) mean += z * inverseScale;
    mean /= 5;
    let exactCurvature = 0;
    let exactGradient = 0;
    for (let i = 0; i < 5; i++) {
      // Σδ = 0, so u − ū = δ / S.
      const v = (offsets[i] as number) / (700 + 1e-7);
      exactCurvature += 0.24 * v * v;
      exactGradient += (0.6 - (i >= 2 ? 1 : 0)) * v;
    }
    const schur = (d: LogLossDerivatives) =>
      d.steepnessCurvature - (d.crossCurvature * d.crossCurvature) / d.biasCurvature;
    const centred = new LogLossDerivatives();
    accumulateLogLossDerivatives(crowded, inverseScale, mean, 1e-12, Math.log(1.5), centred);
    expect(schur(centred) / exactCurvature).toBeCloseTo(1, 4);
    expect(centred.steepnessGradient / exactGradient).toBeCloseTo(1, 4);
    const uncentred = new LogLossDerivatives();
    accumulateLogLossDerivatives(crowded, inverseScale, 0, 1e-12, Math.log(1.5), uncentred);
    expect(Math.abs(schur(uncentred) / exactCurvature - 1)).toBeGreaterThan(0.5);
  });

  it("keeps the tiny residuals of confidently right rows", () => {
    const d = new LogLossDerivatives();
    const separated = prepareFitData([-1, 1], [0, 1]);
    accumulateLogLossDerivatives(separated, 1, 0, 40, 0, d);
    // Both rows are right with probability 1 − σ(−40): each residual is ∓4.25e-18, not 0.
    expect(d.steepnessGradient).toBeCloseTo(-2 / (1 + Math.exp(40)), 30);
    expect(d.steepnessGradient).toBeLessThan(0);
    expect(d.biasGradient).toBe(0);
  });

  it("skips rows of weight 0, whatever their log-odds", () => {
    const d = new LogLossDerivatives();
    const withZero = prepareFitData([-1, 1, 1e308], [0, 1, 1], [1, 1, 0]);
    accumulateLogLossDerivatives(withZero, 1, 0, 1e6, 0, d);
    expect(Number.isFinite(d.steepnessCurvature)).toBe(true);
    expect(Number.isNaN(d.steepnessGradient)).toBe(false);
  });
});
