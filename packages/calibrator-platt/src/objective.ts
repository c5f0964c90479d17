import { softplus } from "@calibra/core";
import type { ClassTargets } from "./targets.js";

/**
 * The rows of a Platt fit: log-odds (possibly standardised), labels, optional weights and the class targets.
 * Plain typed arrays, read-only; nothing here allocates per row.
 */
export interface PlattProblem {
  readonly logOdds: Float64Array;
  readonly labels: Uint8Array;
  readonly weights: Float64Array | undefined;
  readonly targets: ClassTargets;
}

/**
 * The gradient and Hessian of f(a, b) = Σᵢ φᵢ(a·zᵢ + b), filled in place. The Hessian of such a function is
 * Σᵢ cᵢ [[zᵢ², zᵢ], [zᵢ, 1]] with curvatures cᵢ = φᵢ″ ≥ 0, and is kept in moment form — total curvature
 * S = Σ cᵢ, curvature-weighted mean μ = Σ cᵢzᵢ / S and centred spread M = Σ cᵢ (zᵢ − μ)² — so that
 *
 *   H = [[M + S·μ², S·μ], [S·μ, S]],   det H = S·M,
 *
 * with the determinant free of the cancellation in h_aa·h_bb − h_ab² that destroys it when the curvature sits on
 * nearly equal z values (separated classes, where it concentrates on the few rows near the boundary).
 */
export interface Derivatives2 {
  /** ∂f/∂a */
  gradientA: number;
  /** ∂f/∂b */
  gradientB: number;
  /** S = Σ cᵢ = ∂²f/∂b² */
  curvature: number;
  /** μ = Σ cᵢ zᵢ / S (0 when S = 0) */
  curvatureMean: number;
  /** M = Σ cᵢ (zᵢ − μ)² */
  curvatureSpread: number;
}

/** A zeroed {@link Derivatives2}, to be filled (and reused) by the fit. */
export function emptyDerivatives(): Derivatives2 {
  return { gradientA: 0, gradientB: 0, curvature: 0, curvatureMean: 0, curvatureSpread: 0 };
}

/** The Hessian entries [∂²f/∂a², ∂²f/∂a∂b, ∂²f/∂b²] of a {@link Derivatives2} in moment form. */
export function hessianEntries(derivatives: Derivatives2): [number, number, number] {
  const { curvature, curvatureMean, curvatureSpread } = derivatives;
  return [curvatureSpread + curvature * curvatureMean * curvatureMean, curvature * curvatureMean, curvature];
}

/**
 * Platt's objective, the weighted cross-entropy between the targets tᵢ and p(zᵢ) = σ(−uᵢ), uᵢ = a·zᵢ + b:
 *
 *   f(a, b) = Σᵢ wᵢ · [ tᵢ · softplus(uᵢ) + (1 − tᵢ) · softplus(−uᵢ) ]
 *
 * (−log p = softplus(u), −log(1 − p) = softplus(−u)): the function scikit-learn's `_sigmoid_calibration`
 * minimises, −Σ wᵢ [tᵢ log pᵢ + (1 − tᵢ) log(1 − pᵢ)], without the logarithms of rounded probabilities.
 *
 * When `derivatives` is given, the same pass also writes the gradient and the exact Hessian,
 *
 *   ∇f = Σ wᵢ (tᵢ − pᵢ) (zᵢ, 1),   ∇²f = Σ cᵢ [[zᵢ², zᵢ], [zᵢ, 1]],  cᵢ = wᵢ σ(uᵢ) σ(−uᵢ),
 *
 * the Hessian in the moment form of {@link Derivatives2}, accumulated with West's weighted update of the mean and
 * centred sum of squares (D. H. D. West, "Updating mean and variance estimates", CACM 22(9), 1979): one pass, no
 * cancellation.
 *
 * Stability: everything comes from one E = exp(−|u|) ∈ (0, 1] per row, the quantity core's `softplus` and
 * `sigmoid` branch on (the value-only pass calls core's softplus(−|u|); the pass with derivatives evaluates the
 * same formulas from one shared E instead of three exponentials):
 * softplus(±u) = max(±u, 0) + log1p(E), σ(−|u|) = E/(1 + E), σ(|u|) = 1/(1 + E). So the loss is a sum of
 * non-negative terms (no cancellation, no overflow for |u| in the thousands), and the curvature σ(u)σ(−u) keeps
 * full relative precision where p(1 − p) would round to 0. Rows with weight 0 are skipped. O(n), no allocation.
 */
export function evaluatePlatt(
  problem: PlattProblem,
  a: number,
  b: number,
  derivatives?: Derivatives2,
): number {
  const { logOdds, labels, weights, targets } = problem;
  const positive = targets.positive;
  const negative = targets.negative;
  const rows = logOdds.length;
  let value = 0;
  if (derivatives === undefined) {
    for (let i = 0; i < rows; i++) {
      const weight = weights === undefined ? 1 : (weights[i] as number);
      if (weight === 0) continue;
      const u = a * (logOdds[i] as number) + b;
      const target = labels[i] === 1 ? positive : negative;
      const hinge = u > 0 ? target * u : (target - 1) * u;
      value += weight * (hinge + softplus(-Math.abs(u)));
    }
    return value;
  }
  let gradientA = 0;
  let gradientB = 0;
  let curvatureSum = 0;
  let curvatureMean = 0;
  let curvatureSpread = 0;
  for (let i = 0; i < rows; i++) {
    const weight = weights === undefined ? 1 : (weights[i] as number);
    if (weight === 0) continue;
    const z = logOdds[i] as number;
    const u = a * z + b;
    const target = labels[i] === 1 ? positive : negative;
    const e = Math.exp(-Math.abs(u));
    const large = 1 / (1 + e); // σ(|u|) ∈ [½, 1)
    const small = e * large; // σ(−|u|) ∈ (0, ½]
    const hinge = u > 0 ? target * u : (target - 1) * u;
    value += weight * (hinge + Math.log1p(e)); // softplus(−|u|), reusing e
    const residual = weight * (target - (u > 0 ? small : large)); // wᵢ (tᵢ − pᵢ), pᵢ = σ(−uᵢ)
    gradientA += residual * z;
    gradientB += residual;
    const curvature = weight * small * large; // cᵢ = wᵢ σ(uᵢ) σ(−uᵢ)
    if (curvature > 0) {
      const previous = curvatureSum;
      curvatureSum = previous + curvature;
      const deviation = z - curvatureMean;
      const shift = (deviation * curvature) / curvatureSum;
      curvatureMean += shift;
      curvatureSpread += previous * deviation * shift;
    }
  }
  derivatives.gradientA = gradientA;
  derivatives.gradientB = gradientB;
  derivatives.curvature = curvatureSum;
  derivatives.curvatureMean = curvatureMean;
  derivatives.curvatureSpread = curvatureSpread;
  return value;
}
