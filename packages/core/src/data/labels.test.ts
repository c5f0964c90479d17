import { describe, expect, it } from "vitest";
import { ErrorCodes } from "../errors.js";
import { assertBinaryLabels, encodeLabels } from "./labels.js";

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe("encodeLabels", () => {
  it("maps class names to 1 = positive and keeps both names", () => {
    const encoded = encodeLabels(["imminent", "non-imminent", "imminent", " non-imminent "], {
      positive: "imminent",
    });
    expect(Array.from(encoded.labels)).toEqual([1, 0, 1, 0]);
    expect(encoded.classes).toEqual({ positive: "imminent", negative: "non-imminent" });
    expect(encoded.positives).toBe(2);
    expect(encoded.negatives).toBe(2);
  });

  it("can make the first class seen the positive one", () => {
    const encoded = encodeLabels(["Yes", "No", "No"], { positive: "No" });
    expect(Array.from(encoded.labels)).toEqual([0, 1, 1]);
    expect(encoded.classes).toEqual({ positive: "No", negative: "Yes" });
  });

  it("defaults to 1 / true as positive for 0/1 and boolean labels, and matches numbers with text", () => {
    expect(Array.from(encodeLabels([0, 1, 1, 0]).labels)).toEqual([0, 1, 1, 0]);
    expect(encodeLabels([0, 1]).classes).toEqual({ positive: "1", negative: "0" });
    expect(Array.from(encodeLabels([true, false, true]).labels)).toEqual([1, 0, 1]);
    expect(Array.from(encodeLabels(["1", "0"], { positive: 1 }).labels)).toEqual([1, 0]);
    expect(Array.from(encodeLabels([1, 0], { positive: 0 }).labels)).toEqual([0, 1]);
  });

  it("rejects a third class, naming it and its row", () => {
    expect(() => encodeLabels(["a", "b", "a", "c"], { positive: "a" })).toThrow(/third class "c" at row 3/);
    expect(codeOf(() => encodeLabels([0, 1, 2]))).toBe(ErrorCodes.LABEL_CLASSES);
  });

  it("rejects missing values with their row", () => {
    for (const missing of [null, undefined, "", "  ", Number.NaN]) {
      expect(codeOf(() => encodeLabels(["a", missing, "b"], { positive: "a" }))).toBe(
        ErrorCodes.MISSING_LABEL,
      );
    }
    expect(() => encodeLabels(["a", "b", null], { positive: "a" })).toThrow(/row 2/);
  });

  it("rejects an unknown positive label, listing the classes", () => {
    expect(() => encodeLabels(["Yes", "No"], { positive: "yes" })).toThrow(
      /"yes" does not occur.*"Yes" and "No"/,
    );
    expect(codeOf(() => encodeLabels(["Yes", "No"]))).toBe(ErrorCodes.UNKNOWN_POSITIVE);
  });

  it("rejects one class unless the other's name is given", () => {
    expect(codeOf(() => encodeLabels(["Yes", "Yes"], { positive: "Yes" }))).toBe(ErrorCodes.ONE_CLASS);
    const scoring = encodeLabels(["Yes", "Yes"], { positive: "Yes", negative: "No" });
    expect(Array.from(scoring.labels)).toEqual([1, 1]);
    expect(scoring.classes).toEqual({ positive: "Yes", negative: "No" });
    const onlyNegative = encodeLabels(["No"], { positive: "Yes", negative: "No" });
    expect(Array.from(onlyNegative.labels)).toEqual([0]);
    expect(codeOf(() => encodeLabels(["Maybe"], { positive: "Yes", negative: "No" }))).toBe(
      ErrorCodes.LABEL_CLASSES,
    );
    expect(codeOf(() => encodeLabels(["Yes", "No"], { positive: "Yes", negative: "Nope" }))).toBe(
      ErrorCodes.LABEL_CLASSES,
    );
  });

  it("rejects empty input", () => {
    expect(codeOf(() => encodeLabels([]))).toBe(ErrorCodes.EMPTY_INPUT);
  });
});

describe("assertBinaryLabels", () => {
  it("counts both classes", () => {
    expect(assertBinaryLabels(Uint8Array.from([1, 0, 0, 1, 1]))).toEqual({ positives: 3, negatives: 2 });
  });

  it("names the first row that is not 0 or 1", () => {
    expect(() => assertBinaryLabels([0, 1, 2])).toThrow(/row 2 is 2/);
    expect(codeOf(() => assertBinaryLabels([0, 1, 0.5]))).toBe(ErrorCodes.LABEL_CLASSES);
  });

  it("refuses one class", () => {
    expect(codeOf(() => assertBinaryLabels([1, 1, 1]))).toBe(ErrorCodes.ONE_CLASS);
    expect(codeOf(() => assertBinaryLabels(new Uint8Array(4)))).toBe(ErrorCodes.ONE_CLASS);
  });
});
