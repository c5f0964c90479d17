import { describe, expect, it } from "vitest";
import { seededUniform } from "./random.js";
import { sortByClass } from "./sort-by-class.js";

/** The expected result: each class's log-odds sorted by the engine's own sort. */
function expectSortedByClass(logOdds: Float64Array, labels: Uint8Array): void {
  const { negatives, positives } = sortByClass(logOdds, labels);
  const expectedNegatives = Float64Array.from(logOdds.filter((_, i) => labels[i] === 0)).sort();
  const expectedPositives = Float64Array.from(logOdds.filter((_, i) => labels[i] === 1)).sort();
  expect(negatives.length).toBe(expectedNegatives.length);
  expect(positives.length).toBe(expectedPositives.length);
  // The same values in the same order; −0 and +0 compare equal and may swap.
  expect(negatives.findIndex((v, i) => v !== expectedNegatives[i])).toBe(-1);
  expect(positives.findIndex((v, i) => v !== expectedPositives[i])).toBe(-1);
}

function drawLabels(rows: number, seed: number): Uint8Array {
  const uniform = seededUniform(seed);
  return Uint8Array.from({ length: rows }, () => (uniform() < 0.3 ? 1 : 0));
}

describe("sortByClass", () => {
  it("sorts each class of uniform log-odds", () => {
    const uniform = seededUniform(1);
    const logOdds = Float64Array.from({ length: 20_000 }, () => (uniform() * 2 - 1) * 8);
    expectSortedByClass(logOdds, drawLabels(logOdds.length, 2));
  });

  it("sorts skewed, tied and signed-zero log-odds", () => {
    const uniform = seededUniform(3);
    const logOdds = Float64Array.from({ length: 5_000 }, (_, i) => {
      if (i % 7 === 0) return 2500 * (uniform() - 0.5); // a few far-out values …
      if (i % 5 === 0) return i % 2 === 0 ? -0 : 0; // … signed zeros …
      if (i % 3 === 0) return 1.25; // … a big tie …
      return uniform() * 1e-9; // … and most of the mass in one bucket.
    });
    expectSortedByClass(logOdds, drawLabels(logOdds.length, 4));
  });

  it("sorts extreme, subnormal, all-equal and tiny inputs", () => {
    const labels = drawLabels(1_000, 5);
    const huge = Float64Array.from(
      { length: 1_000 },
      (_, i) => (i % 2 === 0 ? -1e308 : 1e308) * ((i % 13) / 13),
    );
    expectSortedByClass(huge, labels);
    const tiny = Float64Array.from({ length: 1_000 }, (_, i) => (i % 3) * Number.MIN_VALUE);
    expectSortedByClass(tiny, labels);
    expectSortedByClass(new Float64Array(1_000).fill(-3), labels);
    expectSortedByClass(Float64Array.from([2, -1, 0.5]), Uint8Array.from([1, 0, 1]));
  });
});
