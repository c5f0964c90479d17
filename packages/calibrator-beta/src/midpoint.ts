import { sigmoid, smallestDoubleWhere } from "@calibra/core";
import { betaLinearPredictor } from "./beta-map.js";

/**
 * The midpoint m of a beta map: the uncalibrated probability at which the calibrated probability is ½, the root of
 *   a·ln(m) − b·ln(1 − m) + c = 0   on (0, 1),
 * which betacal finds with `minimize_scalar(|b·ln(1 − m) − a·ln(m) − c|, bounds=[0, 1], method="Bounded")`.
 *
 * Here it is found exactly instead. In log-odds t = logit(m) the left side is g(t) = a·logSigmoid(t) +
 * b·softplus(t) + c, non-decreasing (a, b ≥ 0; see `beta-map.ts`), so m = σ(t*) with t* the smallest double where
 * g(t) ≥ 0, found by bisection over the ordered doubles (core's `smallestDoubleWhere`, at most 64 evaluations of
 * g; no bracket, tolerance or iteration count to choose, and no loss of precision when m is within 1e-300 of 0
 * or 1). Where no root exists the same definition, m = inf{ s : p(s) ≥ ½ }, gives m = 0 when p(s) ≥ ½ everywhere
 * (for instance a = 0 and c ≥ 0) and m = 1 when p(s) < ½ everywhere (b = 0 and c < 0). Closed forms exist in the
 * special cases (a = b: m = σ(−c/a); a = 0: m = −expm1(c/b); b = 0: m = exp(−c/a)); the tests check the search
 * against them.
 */
export function betaMidpoint(a: number, b: number, c: number): number {
  const m = sigmoid(betaMidpointLogOdds(a, b, c));
  return m === 0 ? 0 : m; // never −0 in a spec
}

/**
 * The midpoint in log-odds, t* = logit(m): the smallest double t with a·logSigmoid(t) + b·softplus(t) + c ≥ 0,
 * −∞ when that holds everywhere and +∞ when it holds nowhere. Keeps the precision that m loses near 0 and 1.
 */
export function betaMidpointLogOdds(a: number, b: number, c: number): number {
  const root = smallestDoubleWhere((t) => betaLinearPredictor(t, a, b, c) >= 0);
  return root ?? Number.POSITIVE_INFINITY;
}

/**
 * The midpoint of the `"am"` family, as betacal computes it: m = 1 / (1 + exp(c/a)) = σ(−c/a). With a = 0 the map
 * is constant and m follows the general rule (0 when σ(c) ≥ ½, else 1).
 */
export function amMidpoint(a: number, c: number): number {
  if (a === 0) return c >= 0 ? 0 : 1;
  const m = sigmoid(-c / a);
  return m === 0 ? 0 : m;
}
