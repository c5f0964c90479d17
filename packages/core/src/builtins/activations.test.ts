import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../errors.js";
import { logit, sigmoid } from "../math/stable.js";
import { PROBABILITY_CLIP_EPSILON } from "./activations.js";
import { probabilities, sigmoidLogits, softmax2Logits, twoSigmoids } from "./factories.js";

function errorOf(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected an error");
}

describe("sigmoid activation (one logit per row)", () => {
  it("passes logits through as log-odds, including ±Infinity", () => {
    const z = sigmoidLogits().toLogOdds([-800, -2.5, 0, 3, Number.POSITIVE_INFINITY]);
    expect(Array.from(z)).toEqual([-800, -2.5, 0, 3, Number.POSITIVE_INFINITY]);
    expect(Array.from(sigmoidLogits().toLogOdds(Float32Array.from([0.25])))).toEqual([0.25]);
  });

  it("names the NaN row", () => {
    const error = errorOf(() => sigmoidLogits().toLogOdds([0, 1, Number.NaN]));
    expect(error.code).toBe(ErrorCodes.NAN_INPUT);
    expect(error.message).toMatch(/row 2/);
  });

  it("refuses two columns", () => {
    expect(errorOf(() => sigmoidLogits().toLogOdds([[1, 2]])).code).toBe(ErrorCodes.OUTPUT_SHAPE);
    expect(errorOf(() => sigmoidLogits().toLogOdds({ data: [1, 2], rows: 1, columns: 2 })).code).toBe(
      ErrorCodes.OUTPUT_SHAPE,
    );
  });
});

describe("softmax2 activation (two logits per row)", () => {
  it("gives z_pos - z_neg, so that sigmoid of it equals the two-class softmax", () => {
    const rows = [
      [0.3, 2.1],
      [5, -5],
      [1000, 1001],
    ];
    const z = softmax2Logits().toLogOdds(rows);
    expect(Array.from(z)).toEqual([2.1 - 0.3, -10, 1]);
    for (const [i, [neg, pos]] of rows.entries()) {
      const shift = Math.max(neg as number, pos as number);
      const softmax =
        Math.exp((pos as number) - shift) /
        (Math.exp((neg as number) - shift) + Math.exp((pos as number) - shift));
      expect(sigmoid(z[i] as number)).toBeCloseTo(softmax, 15);
    }
  });

  it("reads the positive column where told to, from a row-major matrix", () => {
    const z = softmax2Logits({ positiveColumn: 0 }).toLogOdds({
      data: Float32Array.from([2, 0.5, -1, 1]),
      rows: 2,
      columns: 2,
    });
    expect(Array.from(z)).toEqual([1.5, -2]);
  });

  it("refuses flat arrays, rows of the wrong width and NaN, naming the row", () => {
    expect(errorOf(() => softmax2Logits().toLogOdds([1, 2])).code).toBe(ErrorCodes.OUTPUT_SHAPE);
    expect(errorOf(() => softmax2Logits().toLogOdds([[1, 2], [3]])).message).toMatch(/row 1/);
    expect(errorOf(() => softmax2Logits().toLogOdds({ data: [1, 2, 3], rows: 2, columns: 2 })).code).toBe(
      ErrorCodes.OUTPUT_SHAPE,
    );
    const nan = errorOf(() =>
      softmax2Logits().toLogOdds([
        [0, 1],
        [Number.NaN, 1],
      ]),
    );
    expect(nan.code).toBe(ErrorCodes.NAN_INPUT);
    expect(nan.message).toMatch(/row 1/);
    const infinite = errorOf(() =>
      softmax2Logits().toLogOdds([[Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]]),
    );
    expect(infinite.code).toBe(ErrorCodes.NAN_INPUT);
  });

  it("refuses an invalid column option", () => {
    expect(errorOf(() => softmax2Logits({ positiveColumn: 2 as 0 })).code).toBe(ErrorCodes.INVALID_OPTIONS);
  });
});

describe("probability activation", () => {
  it("takes log-odds of probabilities, clipped to [ε, 1 − ε]", () => {
    const z = probabilities().toLogOdds([0.5, 0.9, 0, 1, 1e-3]);
    expect(z[0]).toBe(0);
    expect(z[1]).toBeCloseTo(Math.log(9), 14);
    expect(z[2]).toBe(logit(PROBABILITY_CLIP_EPSILON));
    expect(z[3]).toBe(logit(1 - PROBABILITY_CLIP_EPSILON));
    expect(z[4]).toBe(logit(1e-3));
    const coarse = probabilities({ epsilon: 1e-6 }).toLogOdds([0, 1]);
    expect(coarse[0]).toBeCloseTo(-13.815509557963773, 12);
    expect(coarse[1]).toBeCloseTo(13.815509557963773, 6);
  });

  it("names the row of a value outside [0, 1] or NaN", () => {
    const outside = errorOf(() => probabilities().toLogOdds([0.2, 1.5]));
    expect(outside.code).toBe(ErrorCodes.PROBABILITY_RANGE);
    expect(outside.message).toMatch(/row 1: 1.5 is not a probability/);
    expect(errorOf(() => probabilities().toLogOdds([-0.1])).code).toBe(ErrorCodes.PROBABILITY_RANGE);
    expect(errorOf(() => probabilities().toLogOdds([Number.NaN])).code).toBe(ErrorCodes.NAN_INPUT);
  });
});

describe("two-sigmoids activation (independent per-class sigmoids)", () => {
  it("normalises to p_pos / (p_pos + p_neg)", () => {
    const rows = [
      [0.2, 0.6],
      [0.9, 0.9],
      [0.05, 0.01],
    ];
    const z = twoSigmoids().toLogOdds(rows);
    for (const [i, [pNeg, pPos]] of rows.entries()) {
      const expected = (pPos as number) / ((pPos as number) + (pNeg as number));
      expect(sigmoid(z[i] as number)).toBeCloseTo(expected, 15);
    }
    expect(z[1]).toBe(0);
  });

  it("honours the column order and clamps certain rows", () => {
    const z = twoSigmoids({ positiveColumn: 0 }).toLogOdds([
      [0.6, 0.2],
      [0, 0.7],
      [0.4, 0],
    ]);
    expect(z[0]).toBeCloseTo(Math.log(3), 15);
    expect(z[1]).toBe(logit(PROBABILITY_CLIP_EPSILON));
    expect(z[2]).toBe(logit(1 - PROBABILITY_CLIP_EPSILON));
  });

  it("refuses probabilities outside [0, 1], NaN, and rows where both are 0", () => {
    const outside = errorOf(() =>
      twoSigmoids().toLogOdds([
        [0.2, 0.3],
        [0.2, 1.2],
      ]),
    );
    expect(outside.code).toBe(ErrorCodes.PROBABILITY_RANGE);
    expect(outside.message).toMatch(/row 1, column 1/);
    expect(errorOf(() => twoSigmoids().toLogOdds([[Number.NaN, 0.3]])).code).toBe(ErrorCodes.NAN_INPUT);
    const zeros = errorOf(() => twoSigmoids().toLogOdds([[0, 0]]));
    expect(zeros.code).toBe(ErrorCodes.PROBABILITY_RANGE);
    expect(zeros.message).toMatch(/row 0: both class probabilities are 0/);
  });
});
