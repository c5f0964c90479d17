import { describe, expect, it } from "vitest";
import { standardiseLogOdds, unstandardise } from "./standardise.js";

describe("standardised log-odds", () => {
  it("have weighted mean 0 and weighted mean square 1", () => {
    const z = Float64Array.from([-3, 0.5, 2, 2900, -47]);
    const w = Float64Array.from([1, 2, 0.5, 1, 3]);
    const out = new Float64Array(5);
    expect(standardiseLogOdds(z, w, out)).toBeDefined();
    let total = 0;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < 5; i++) {
      total += w[i] as number;
      sum += (w[i] as number) * (out[i] as number);
      squares += (w[i] as number) * (out[i] as number) ** 2;
    }
    expect(sum / total).toBeCloseTo(0, 14);
    expect(squares / total).toBeCloseTo(1, 14);
  });

  it("map (a′, b′) back so that a·z + b = a′·z′ + b′", () => {
    const z = Float64Array.from([-1e3, -5, 0, 12, 2.5e3]);
    const out = new Float64Array(5);
    const map = standardiseLogOdds(z, undefined, out);
    if (map === undefined) throw new Error("expected a map");
    const { a, b } = unstandardise(map, -1.7, 0.4);
    for (let i = 0; i < 5; i++) {
      expect(a * (z[i] as number) + b).toBeCloseTo(-1.7 * (out[i] as number) + 0.4, 12);
    }
  });

  it("do not overflow near the largest doubles", () => {
    const z = Float64Array.from([-1.7e308, 1.7e308, 0]);
    const out = new Float64Array(3);
    const map = standardiseLogOdds(z, undefined, out);
    expect(map?.prescale).toBe(2 ** -1024);
    expect(Array.from(out).every(Number.isFinite)).toBe(true);
    expect(out[1]).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  it("are undefined when every row with positive weight has the same value", () => {
    const out = new Float64Array(4);
    expect(standardiseLogOdds(Float64Array.from([2, 2, 2, 2]), undefined, out)).toBeUndefined();
    expect(
      standardiseLogOdds(Float64Array.from([2, 9, 2, -4]), Float64Array.from([1, 0, 3, 0]), out),
    ).toBeUndefined();
    expect(
      standardiseLogOdds(Float64Array.from([2, 9, 2, -4]), Float64Array.from([1, 1, 3, 0]), out),
    ).toBeDefined();
  });

  it("reach max|z′| over the weighted rows, and give unit weights the same map, bit for bit, as no weights", () => {
    const z = Float64Array.from([-3, 0.5, 2, 29, -47, 1000]);
    const out = new Float64Array(6);
    const map = standardiseLogOdds(z, undefined, out);
    const weighted = standardiseLogOdds(z, new Float64Array(6).fill(1));
    expect(weighted).toEqual(map);
    let largest = 0;
    for (const value of out) largest = Math.max(largest, Math.abs(value));
    expect(map?.standardisedReach).toBeCloseTo(largest, 13);
    // A zero-weight row at 1000 reaches nowhere.
    const w = Float64Array.from([1, 1, 1, 1, 1, 0]);
    const partial = standardiseLogOdds(z, w, out);
    expect(partial?.standardisedReach).toBeCloseTo(
      Math.max(Math.abs(out[3] as number), Math.abs(out[4] as number)),
      13,
    );
    expect(partial?.standardisedReach).toBeLessThan(Math.abs(out[5] as number));
  });
});
