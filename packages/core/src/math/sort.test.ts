import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededUniform } from "./random.js";
import { sortFloat64 } from "./sort.js";

/** Sorts a copy with sortFloat64 and compares it with the native sort: same values in the same order (−0 == +0). */
function expectSortsLikeNative(keys: Float64Array): void {
  const sorted = Float64Array.from(keys);
  sortFloat64(sorted);
  const expected = Float64Array.from(keys).sort();
  expect(sorted.length).toBe(expected.length);
  const firstDifference = sorted.findIndex((v, i) => v !== expected[i]);
  expect(firstDifference).toBe(-1);
  // Signed zeros may swap places, but none is lost or made.
  const negativeZeros = (a: Float64Array) => a.filter((v) => Object.is(v, -0)).length;
  expect(negativeZeros(sorted)).toBe(negativeZeros(keys));
}

describe("sortFloat64", () => {
  const uniform = seededUniform(7);

  it("sorts random, normal-with-outliers and heavily tied log-odds", () => {
    expectSortsLikeNative(Float64Array.from({ length: 50_000 }, () => (uniform() * 2 - 1) * 6));
    expectSortsLikeNative(
      Float64Array.from({ length: 50_000 }, (_, i) => {
        const gauss = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
        return (i % 10 === 0 ? 300 : 1) * gauss;
      }),
    );
    expectSortsLikeNative(Float64Array.from({ length: 50_000 }, () => Math.round(uniform() * 20) / 4 - 2));
  });

  it("refines skewed buckets recursively and hands adversarial spacing to the native sort", () => {
    // Powers of two: nearly every key lands in the first bucket at every level, until the depth limit.
    expectSortsLikeNative(
      Float64Array.from({ length: 4_000 }, (_, i) => 2 ** ((i * 7919) % 1000) * (i % 2 ? 1 : -1)),
    );
    // Many copies of a few values, and a reversed run longer than the insertion-sort limit.
    expectSortsLikeNative(
      Float64Array.from({ length: 3_000 }, (_, i) => [5, -0, 0, 1e-300, -1e-300][i % 5] as number),
    );
    expectSortsLikeNative(Float64Array.from({ length: 1_000 }, (_, i) => 1_000 - i));
  });

  it("falls back to the native sort when the range overflows or is subnormal", () => {
    expectSortsLikeNative(
      Float64Array.from({ length: 2_000 }, (_, i) => ((i * 37) % 2000) * (i % 2 ? 8e304 : -8e304)),
    );
    expectSortsLikeNative(
      Float64Array.from([
        Number.NEGATIVE_INFINITY,
        ...Array.from({ length: 300 }, () => uniform()),
        Number.POSITIVE_INFINITY,
      ]),
    );
    expectSortsLikeNative(Float64Array.from({ length: 500 }, (_, i) => ((i * 13) % 3) * Number.MIN_VALUE));
  });

  it("sorts whatever fast-check draws", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true }),
            fc.double({ min: -1, max: 1, noNaN: true }),
            fc.integer({ min: -3, max: 3 }),
            fc.constantFrom(-0, 0),
          ),
          { maxLength: 2_000 },
        ),
        (values) => expectSortsLikeNative(Float64Array.from(values)),
      ),
      { numRuns: 200 },
    );
  });
});
