// Independent evaluations of the temperature-scaling objective for the tests: written from the formula, in terms
// of T and c as a user would evaluate the fitted model, sharing no code with the fit.
import { sigmoid, softplus } from "@calibra/core";

export type Rows = {
  readonly logOdds: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
  readonly weights?: ArrayLike<number> | undefined;
};

/** Σ wᵢ[softplus(zᵢ/T + c) − yᵢ(zᵢ/T + c)]: the weighted negative log-likelihood of p = σ(z/T + c). */
export function negativeLogLikelihood(rows: Rows, temperature: number, bias: number): number {
  let total = 0;
  for (let i = 0; i < rows.logOdds.length; i++) {
    const w = rows.weights === undefined ? 1 : (rows.weights[i] as number);
    const x = (rows.logOdds[i] as number) / temperature + bias;
    total += w * (softplus(x) - (rows.labels[i] as number) * x);
  }
  return total;
}

/**
 * Derivatives of the NLL with respect to β = 1/T and c at (T, c):
 * ∂/∂β = Σ wᵢ(pᵢ − yᵢ)zᵢ, ∂/∂c = Σ wᵢ(pᵢ − yᵢ).
 */
export function gradient(rows: Rows, temperature: number, bias: number): { beta: number; bias: number } {
  let beta = 0;
  let c = 0;
  for (let i = 0; i < rows.logOdds.length; i++) {
    const w = rows.weights === undefined ? 1 : (rows.weights[i] as number);
    const z = rows.logOdds[i] as number;
    const residual = sigmoid(z / temperature + bias) - (rows.labels[i] as number);
    beta += w * residual * z;
    c += w * residual;
  }
  return { beta, bias: c };
}

/** Golden-section search for the minimum of a unimodal function on [lower, upper]; derivative-free. */
export function goldenSectionMinimum(
  f: (x: number) => number,
  lower: number,
  upper: number,
  iterations = 64,
): { x: number; value: number } {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lower;
  let b = upper;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let k = 0; k < iterations; k++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return fc <= fd ? { x: c, value: fc } : { x: d, value: fd };
}
