import { seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { expNonPositive } from "./exp-non-positive.js";

/** The distance between two positive normal doubles in units in the last place. */
function ulpDistance(x: number, y: number): number {
  const bits = new BigInt64Array(new Float64Array([x, y]).buffer);
  const difference = (bits[0] as bigint) - (bits[1] as bigint);
  return Number(difference < 0n ? -difference : difference);
}

describe("eˣ for x ≤ 0 (Tang's table-driven method)", () => {
  it("is within 2 ulp of Math.exp on 200 000 arguments in [−708, 0], and exact at 0", () => {
    const uniform = seededUniform(7);
    let worst = 0;
    let exact = 0;
    const count = 200_000;
    for (let i = 0; i < count; i++) {
      // Half spread over the whole normal range, half in [−2, 0] where Platt's curvature lives.
      const x = i % 2 === 0 ? -708 * uniform() : -2 * uniform();
      const distance = ulpDistance(expNonPositive(x), Math.exp(x));
      worst = Math.max(worst, distance);
      if (distance === 0) exact++;
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(exact / count).toBeGreaterThan(0.6);
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-0)).toBe(1);
  });

  it("hits the table points k·ln2/64 and the powers of two", () => {
    expect(expNonPositive(-Math.LN2)).toBeCloseTo(0.5, 16);
    expect(ulpDistance(expNonPositive(-Math.LN2), 0.5)).toBeLessThanOrEqual(1);
    expect(ulpDistance(expNonPositive(-10 * Math.LN2), 2 ** -10)).toBeLessThanOrEqual(1);
    expect(ulpDistance(expNonPositive(-Math.LN2 / 64), 2 ** (-1 / 64))).toBeLessThanOrEqual(1);
    expect(ulpDistance(expNonPositive(-1), Math.E ** -1)).toBeLessThanOrEqual(1);
  });

  it("underflows like Math.exp: subnormal results stay close, and 0 from −745 on", () => {
    expect(expNonPositive(-710) / Math.exp(-710)).toBeCloseTo(1, 10);
    expect(expNonPositive(-740) / Math.exp(-740)).toBeCloseTo(1, 3);
    expect(expNonPositive(-745.2)).toBe(0);
    expect(expNonPositive(-1e6)).toBe(0);
    expect(expNonPositive(Number.NEGATIVE_INFINITY)).toBe(0);
  });

  it("is non-decreasing across table boundaries", () => {
    let previous = 0;
    for (let x = -20; x <= 0; x += 1 / 1024) {
      const value = expNonPositive(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });
});
