import { type FitData, logSigmoid, softplus } from "@calibra/core";
import type { BetaParameterisation, BetaParams } from "./beta-schemas.js";
import { fitLogisticRegression } from "./logistic-regression.js";
import { amMidpoint, betaMidpoint } from "./midpoint.js";

/**
 * The inverse regularisation strength betacal passes to scikit-learn: `LogisticRegression(C=99999999999)`.
 */
export const BETACAL_C = 99_999_999_999;

/**
 * The L2 penalty λ = 1/C ≈ 1e-11 on the slopes (never the intercept), mirroring betacal: the objective is
 * Σ wᵢ·logloss + (λ/2)·‖slopes‖². It moves ordinary fits by about 1e-11 relative, far below any statistical
 * error, and keeps the slopes finite on perfectly separated data, where the unpenalised optimum is at infinity
 * (the fit then stops at a log-odds margin near ln(C) ≈ 25, i.e. probabilities within ~1e-11 of 0 and 1).
 */
export const BETA_L2 = 1 / BETACAL_C;

/** The two beta features of every row, computed from z without forming s = σ(z). */
interface BetaFeatures {
  /** ln(s) = logSigmoid(z). */
  readonly logScore: Float64Array;
  /** −ln(1 − s) = softplus(z). */
  readonly negativeLogComplement: Float64Array;
}

function betaFeatures(logOdds: Float64Array, shift: number): BetaFeatures {
  const logScore = new Float64Array(logOdds.length);
  const negativeLogComplement = new Float64Array(logOdds.length);
  for (let i = 0; i < logOdds.length; i++) {
    const z = logOdds[i] as number;
    logScore[i] = logSigmoid(z) + shift;
    negativeLogComplement[i] = softplus(z) - shift;
  }
  return { logScore, negativeLogComplement };
}

/** A slope that came out negative (or −0) is set to 0: the constraint a, b ≥ 0 of the beta family. */
function atLeastZero(slope: number): number {
  return slope > 0 ? slope : 0;
}

/** logit of the weighted prevalence: the maximum-likelihood intercept when no slope is fitted. */
function prevalenceLogOdds(data: FitData): number {
  return Math.log(data.positiveWeight) - Math.log(data.negativeWeight);
}

/** One weighted logistic regression of the labels on `features`, with betacal's penalty. */
function regress(data: FitData, features: Float64Array[], fitIntercept: boolean) {
  return fitLogisticRegression({
    features,
    labels: data.labels,
    weights: data.weights,
    fitIntercept,
    l2: BETA_L2,
  });
}

/**
 * betacal's rule for a two-slope fit (a on `first`, b on `second`): fit both; if the slope of `first` is negative,
 * refit on `second` alone with a = 0; else if the slope of `second` is negative, refit on `first` alone with b = 0.
 * When the remaining slope is negative too, it is set to 0 and only the intercept is fitted — the constrained
 * maximum likelihood of that one-slope model, since its log loss is convex (betacal would keep the negative slope
 * and a decreasing map; this package guarantees a, b ≥ 0).
 */
function fitTwoSlopes(
  data: FitData,
  first: Float64Array,
  second: Float64Array,
  fitIntercept: boolean,
): { a: number; b: number; intercept: number } {
  const interceptOnly = fitIntercept ? prevalenceLogOdds(data) : 0;
  const both = regress(data, [first, second], fitIntercept);
  const a = both.coefficients[0] as number;
  const b = both.coefficients[1] as number;
  if (a < 0) {
    const refit = regress(data, [second], fitIntercept);
    const slope = refit.coefficients[0] as number;
    return slope > 0
      ? { a: 0, b: slope, intercept: refit.intercept }
      : { a: 0, b: 0, intercept: interceptOnly };
  }
  if (b < 0) {
    const refit = regress(data, [first], fitIntercept);
    const slope = refit.coefficients[0] as number;
    return slope > 0
      ? { a: slope, b: 0, intercept: refit.intercept }
      : { a: 0, b: 0, intercept: interceptOnly };
  }
  return { a: atLeastZero(a), b: atLeastZero(b), intercept: both.intercept };
}

/**
 * Fits beta calibration (Kull, Silva Filho & Flach 2017; the `betacal` reference implementation) on validated
 * data, by maximum likelihood with betacal's penalty {@link BETA_L2}:
 * - `"abm"`: logistic regression with intercept on [ln s, −ln(1 − s)]; c is the intercept;
 * - `"am"`: logistic regression with intercept on z = ln s − ln(1 − s); a = b = its slope (0 if negative);
 * - `"ab"`: logistic regression without intercept on [ln 2s, −ln 2(1 − s)], so c = (a − b)·ln 2 and m = ½.
 * Features are computed from z by logSigmoid and softplus, never from a clipped s (betacal clips s to
 * [ε, 1 − ε], i.e. |z| ≤ 36.04: scores beyond keep their order here).
 */
export function fitBeta(data: FitData, parameters: BetaParameterisation): BetaParams {
  if (parameters === "am") {
    const fit = regress(data, [data.logOdds], true);
    const slope = fit.coefficients[0] as number;
    const a = atLeastZero(slope);
    const c = slope > 0 ? fit.intercept : prevalenceLogOdds(data);
    return { parameters, a, b: a, c, m: amMidpoint(a, c) };
  }
  if (parameters === "ab") {
    const features = betaFeatures(data.logOdds, Math.LN2);
    const { a, b } = fitTwoSlopes(data, features.logScore, features.negativeLogComplement, false);
    return { parameters, a, b, c: (a - b) * Math.LN2, m: 0.5 };
  }
  const features = betaFeatures(data.logOdds, 0);
  const { a, b, intercept } = fitTwoSlopes(data, features.logScore, features.negativeLogComplement, true);
  return { parameters, a, b, c: intercept, m: betaMidpoint(a, b, intercept) };
}
