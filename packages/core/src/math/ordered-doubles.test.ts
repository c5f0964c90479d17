import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { doubleToOrderedKey, orderedKeyToDouble, smallestDoubleWhere } from "./ordered-doubles.js";

describe("ordered doubles", () => {
  it("orders keys like the doubles and round-trips", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const ka = doubleToOrderedKey(a);
        const kb = doubleToOrderedKey(b);
        if (a < b) expect(ka < kb).toBe(true);
        if (a === b) expect(ka === kb).toBe(true);
        expect(Object.is(orderedKeyToDouble(ka), a === 0 ? 0 : a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("puts neighbouring doubles on neighbouring keys across zero", () => {
    expect(doubleToOrderedKey(Number.MIN_VALUE)).toBe(1n);
    expect(doubleToOrderedKey(-Number.MIN_VALUE)).toBe(-1n);
    expect(orderedKeyToDouble(doubleToOrderedKey(1) + 1n)).toBe(1 + Number.EPSILON);
  });

  it("finds the exact smallest double where a monotone predicate turns true", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (t) => {
        const found = smallestDoubleWhere((z) => z >= t);
        expect(found === t || (t === 0 && found === 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(smallestDoubleWhere(() => true)).toBe(Number.NEGATIVE_INFINITY);
    expect(smallestDoubleWhere(() => false)).toBeUndefined();
    expect(smallestDoubleWhere((z) => z > 1)).toBe(1 + Number.EPSILON);
  });
});
