import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../errors.js";
import { prepareFitData } from "./fit-data.js";

function errorOf(run: () => unknown): { code?: string; message: string; details?: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected an error");
}

describe("prepareFitData", () => {
  it("converts once and totals the classes, with and without weights", () => {
    const logOdds = Float64Array.from([-1, 0, 2]);
    const plain = prepareFitData(logOdds, Uint8Array.from([0, 1, 1]));
    expect(plain.logOdds).toBe(logOdds);
    expect(plain).toMatchObject({ rows: 3, positiveWeight: 2, negativeWeight: 1, weights: undefined });
    const weighted = prepareFitData([-1, 0, 2], [0, 1, 1], [0.5, 2, 3]);
    expect(weighted.logOdds).toBeInstanceOf(Float64Array);
    expect(weighted).toMatchObject({ positiveWeight: 5, negativeWeight: 0.5 });
  });

  it("counts NaN and infinite log-odds and names the first row", () => {
    const error = errorOf(() =>
      prepareFitData([0, 1, Number.NaN, Number.POSITIVE_INFINITY, 3], [0, 1, 0, 1, 0]),
    );
    expect(error.code).toBe(ErrorCodes.NAN_INPUT);
    expect(error.message).toMatch(/2 of 5 values are not finite.*row 2/);
    expect(error.details).toMatchObject({ count: 2, firstRow: 2 });
  });

  it("refuses mismatched lengths, empty input and bad labels", () => {
    expect(errorOf(() => prepareFitData([0, 1], [0, 1, 1])).code).toBe(ErrorCodes.LENGTH_MISMATCH);
    expect(errorOf(() => prepareFitData([], [])).code).toBe(ErrorCodes.EMPTY_INPUT);
    expect(errorOf(() => prepareFitData([0, 1], [0, 3])).code).toBe(ErrorCodes.LABEL_CLASSES);
    expect(errorOf(() => prepareFitData([0, 1], Uint8Array.from([0, 2]))).code).toBe(
      ErrorCodes.LABEL_CLASSES,
    );
    expect(errorOf(() => prepareFitData([0, 1], [1, 1])).code).toBe(ErrorCodes.ONE_CLASS);
    expect(errorOf(() => prepareFitData([0.5], [1])).code).toBe(ErrorCodes.ONE_CLASS);
  });

  it("refuses negative, NaN, infinite and one-class weights", () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = errorOf(() => prepareFitData([0, 1, 2], [0, 1, 0], [1, bad, 1]));
      expect(error.code).toBe(ErrorCodes.INVALID_WEIGHTS);
      expect(error.message).toMatch(/row 1/);
    }
    expect(errorOf(() => prepareFitData([0, 1, 2], [0, 1, 0], [1, 0, 1])).code).toBe(ErrorCodes.ONE_CLASS);
    expect(errorOf(() => prepareFitData([0, 1, 2], [0, 1, 0], [1e308, 1e308, 1e308])).message).toMatch(
      /overflows/,
    );
    expect(errorOf(() => prepareFitData([0, 1, 2], [0, 1, 0], [1, 1])).code).toBe(ErrorCodes.LENGTH_MISMATCH);
  });
});
