import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argsortFloat64 } from "./argsort.js";

function reference(keys: Float64Array): number[] {
  return Array.from(keys.keys()).sort((a, b) => {
    const ka = keys[a] as number;
    const kb = keys[b] as number;
    if (ka !== kb) return ka - kb;
    // −0 before +0, as the bit patterns order them.
    const za = Object.is(ka, -0) ? 0 : 1;
    const zb = Object.is(kb, -0) ? 0 : 1;
    return za - zb || a - b;
  });
}

describe("argsortFloat64", () => {
  it("matches a stable comparator sort on any doubles, small and large", () => {
    const key = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer({ min: -5, max: 5 }).map((v) => v / 2),
      fc.constantFrom(0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE),
    );
    fc.assert(
      fc.property(fc.array(key, { minLength: 0, maxLength: 1200 }), (values) => {
        const keys = Float64Array.from(values);
        expect(Array.from(argsortFloat64(keys))).toEqual(reference(keys));
      }),
      { numRuns: 150 },
    );
  });

  it("sorts a million keys in a narrow range, where high digits are all equal", () => {
    const n = 1_000_000;
    const keys = new Float64Array(n);
    let state = 12345;
    for (let i = 0; i < n; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      keys[i] = 1 + state / 2 ** 32;
    }
    const order = argsortFloat64(keys);
    let ordered = true;
    for (let i = 1; i < n; i++) ordered &&= keys[order[i] as number]! >= keys[order[i - 1] as number]!;
    expect(ordered).toBe(true);
    expect(new Set(order).size).toBe(n);
  });

  it("writes into a given array and refuses one that is too short", () => {
    const out = new Uint32Array(3);
    expect(argsortFloat64(Float64Array.from([3, 1, 2]), out)).toBe(out);
    expect(Array.from(out)).toEqual([1, 2, 0]);
    expect(() => argsortFloat64(Float64Array.from([1, 2]), new Uint32Array(1))).toThrow(RangeError);
  });
});
