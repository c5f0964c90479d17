import { seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { plainBetaColumns } from "../test/independent-log-loss.js";
import { beta } from "./beta.js";
import type { BetaParameterisation } from "./beta-schemas.js";

const ROWS = 200_000;

/** Scores s uniform on (0, 1) (so z = logit(s) is logistic), labels drawn from the true beta map. */
function draw(truth: { a: number; b: number; c: number }, seed: number) {
  const uniform = seededUniform(seed);
  const logOdds = new Float64Array(ROWS);
  const labels = new Uint8Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const s = uniform();
    const z = Math.log(s) - Math.log1p(-s);
    logOdds[i] = z;
    const eta = truth.a * Math.log(s) - truth.b * Math.log1p(-s) + truth.c;
    labels[i] = uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { logOdds, labels };
}

/** Standard errors from the inverse Fisher information Σ p(1 − p)·x·xᵀ of the free parameters, by plain code. */
function standardErrors(columns: Float64Array[], coefficients: number[], intercept: number | undefined) {
  const all = intercept === undefined ? columns : [...columns, new Float64Array(ROWS).fill(1)];
  const k = all.length;
  const information = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < ROWS; i++) {
    let eta = intercept ?? 0;
    columns.forEach((column, j) => {
      eta += coefficients[j]! * column[i]!;
    });
    const p = 1 / (1 + Math.exp(-eta));
    for (let j = 0; j < k; j++) {
      for (let l = 0; l < k; l++) information[j]![l]! += p * (1 - p) * all[j]![i]! * all[l]![i]!;
    }
  }
  // Gauss–Jordan inverse of the k × k information matrix.
  const inverse = information.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < k; col++) {
    const pivot = inverse[col]![col]!;
    inverse[col] = inverse[col]!.map((v) => v / pivot);
    for (let row = 0; row < k; row++) {
      if (row === col) continue;
      const factor = inverse[row]![col]!;
      inverse[row] = inverse[row]!.map((v, j) => v - factor * inverse[col]![j]!);
    }
  }
  return inverse.map((row, i) => Math.sqrt(row[k + i]!));
}

describe("recovering a known beta map from 200 000 rows", () => {
  it.each<[BetaParameterisation, { a: number; b: number; c: number }, number]>([
    // An inverse-S map (a, b < 1): what over-confident naive Bayes scores need.
    ["abm", { a: 0.4, b: 0.7, c: 0.3 }, 20261123],
    // An S-shaped, asymmetric map.
    ["abm", { a: 1.8, b: 1.2, c: -0.5 }, 20261124],
    ["am", { a: 1.5, b: 1.5, c: -0.4 }, 20261125],
    ["ab", { a: 0.6, b: 1.3, c: (0.6 - 1.3) * Math.LN2 }, 20261126],
  ])("%s, true map %o: every estimate within 4 standard errors and 0.05", (parameters, truth, seed) => {
    const { logOdds, labels } = draw(truth, seed);
    const { params } = beta({ parameters }).fit(logOdds, labels);
    const [lnS, negLn1mS] = plainBetaColumns(logOdds, parameters === "ab" ? Math.LN2 : 0);
    const errors =
      parameters === "am"
        ? standardErrors([logOdds], [params.a], params.c)
        : standardErrors([lnS, negLn1mS], [params.a, params.b], parameters === "ab" ? undefined : params.c);
    const estimates =
      parameters === "am"
        ? [params.a, params.c]
        : parameters === "ab"
          ? [params.a, params.b]
          : [params.a, params.b, params.c];
    const truths =
      parameters === "am"
        ? [truth.a, truth.c]
        : parameters === "ab"
          ? [truth.a, truth.b]
          : [truth.a, truth.b, truth.c];
    estimates.forEach((estimate, j) => {
      expect(Math.abs(estimate - truths[j]!)).toBeLessThan(0.05);
      expect(Math.abs(estimate - truths[j]!)).toBeLessThan(4 * errors[j]!);
    });
  });
});
