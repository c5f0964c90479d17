import { describe, expect, it } from "vitest";
import { formatCsvNumber, formatJsonNumber, parseNumberText } from "./number-text.js";

describe("parseNumberText", () => {
  it("reads numbers as Number() does", () => {
    expect(parseNumberText("0.25")).toBe(0.25);
    expect(parseNumberText(" -1.5e-3 ")).toBe(-0.0015);
    expect(parseNumberText("+7")).toBe(7);
    expect(parseNumberText("0")).toBe(0);
    expect(Object.is(parseNumberText("-0"), -0)).toBe(true);
    expect(parseNumberText("Infinity")).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumberText("-Infinity")).toBe(Number.NEGATIVE_INFINITY);
  });

  it("reads empty and all-space fields and NaN spellings as NaN (missing)", () => {
    for (const text of ["", " ", "\t", "NaN", "nan", " NAN ", "-nan"]) {
      expect(parseNumberText(text)).toBeNaN();
    }
  });

  it("reads Python's inf spellings", () => {
    expect(parseNumberText("inf")).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumberText("-inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(parseNumberText("+INF")).toBe(Number.POSITIVE_INFINITY);
  });

  it("is undefined for text that is not a number", () => {
    for (const text of ["abc", "1,5", "0.5.1", "1e", "--1", "yes"])
      expect(parseNumberText(text)).toBeUndefined();
  });
});

describe("formatCsvNumber and formatJsonNumber", () => {
  it("write the shortest round-trip decimal, -0, and NaN as missing", () => {
    expect(formatCsvNumber(0.1)).toBe("0.1");
    expect(formatCsvNumber(1 / 3)).toBe("0.3333333333333333");
    expect(formatCsvNumber(5e-324)).toBe("5e-324");
    expect(formatCsvNumber(-0)).toBe("-0");
    expect(formatCsvNumber(Number.NaN)).toBe("");
    expect(formatCsvNumber(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
    expect(formatJsonNumber(Number.NaN)).toBe("null");
    expect(formatJsonNumber(-0)).toBe("-0");
    expect(formatJsonNumber(Number.POSITIVE_INFINITY)).toBe('"Infinity"');
    expect(JSON.parse(formatJsonNumber(1e-300))).toBe(1e-300);
  });

  it("round-trip every double bit for bit through parseNumberText", () => {
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    for (let k = 0; k < 5000; k++) {
      words[0] = (Math.random() * 2 ** 32) >>> 0;
      words[1] = (Math.random() * 2 ** 32) >>> 0;
      const value = bits[0] as number;
      if (Number.isNaN(value)) continue;
      expect(Object.is(parseNumberText(formatCsvNumber(value)), value)).toBe(true);
      const json: unknown = JSON.parse(formatJsonNumber(value));
      expect(Object.is(typeof json === "string" ? parseNumberText(json) : json, value)).toBe(true);
    }
  });
});
