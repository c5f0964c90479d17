import { describe, expect, it } from "vitest";
import type { PlattProblem } from "./objective.js";
import { standardiseLogOdds, writeStandardisedLogOdds } from "./standardise.js";
import { strideSubsample } from "./subsample.js";

const targets = { positive: 0.8, negative: 0.1, positiveRows: 4, negativeRows: 6 };

describe("every stride-th row", () => {
  it("takes the middle row of each block, standardised exactly as the full copy, with labels and targets", () => {
    const logOdds = Float64Array.from([5, -3, 8, 0.5, 2, -7, 1, 4, -1, 6]);
    const labels = Uint8Array.from([1, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
    const problem: PlattProblem = { logOdds, labels, weights: undefined, targets };
    const map = standardiseLogOdds(logOdds, undefined);
    if (map === undefined) throw new Error("expected a map");
    const full = new Float64Array(10);
    writeStandardisedLogOdds(map, logOdds, full);
    // stride 3: rows 1, 4, 7 (the middle of blocks 0–2, 3–5, 6–8; the last block, row 9, is incomplete but starts
    // a fourth pick only if row 10 existed).
    const sample = strideSubsample(problem, map, 3);
    expect(Array.from(sample.problem.logOdds)).toEqual([full[1], full[4], full[7]]);
    expect(Array.from(sample.problem.labels)).toEqual([0, 0, 1]);
    expect(sample.problem.weights).toBeUndefined();
    expect(sample.problem.targets).toBe(targets);
    expect([sample.positiveWeight, sample.negativeWeight]).toEqual([1, 2]);
    // stride 2: rows 1, 3, 5, 7, 9.
    expect(strideSubsample(problem, map, 2).problem.labels).toEqual(Uint8Array.from([0, 0, 0, 1, 0]));
  });

  it("carries the weights and sums them by class", () => {
    const logOdds = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const labels = Uint8Array.from([0, 1, 0, 1, 0, 0]);
    const weights = Float64Array.from([9, 2.5, 9, 0, 9, 4]);
    const map = standardiseLogOdds(logOdds, weights);
    if (map === undefined) throw new Error("expected a map");
    const sample = strideSubsample({ logOdds, labels, weights, targets }, map, 2);
    expect(Array.from(sample.problem.weights ?? [])).toEqual([2.5, 0, 4]);
    expect([sample.positiveWeight, sample.negativeWeight]).toEqual([2.5, 4]);
  });
});
