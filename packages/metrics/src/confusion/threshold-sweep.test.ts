import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bruteCounts,
  columns,
  distinctDescending,
  rowsArbitrary,
} from "../ranking/brute-force.test-support.js";
import { thresholdSweep } from "./threshold-sweep.js";

/** Runs per property: enough to reach ties, zero weights and two-row data while the file stays fast. */
const RUNS = 300;

const plain = (counts: ReturnType<typeof thresholdSweep>) => ({
  thresholds: Array.from(counts.thresholds),
  truePositives: Array.from(counts.truePositives),
  falsePositives: Array.from(counts.falsePositives),
  positives: counts.positives,
  negatives: counts.negatives,
});

describe("thresholdSweep, by hand", () => {
  it("gives one entry per distinct score, descending, tied rows moving together", () => {
    // Groups from the top: 0.9 {+}, 0.8 {+, −}, 0.6 {+, −, −}, 0.3 {+}, 0.1 {−}.
    const p = [0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1];
    const y = [1, 1, 0, 1, 0, 0, 1, 0];
    expect(plain(thresholdSweep(p, y))).toEqual({
      thresholds: [0.9, 0.8, 0.6, 0.3, 0.1],
      truePositives: [1, 2, 3, 4, 4],
      falsePositives: [0, 1, 3, 3, 4],
      positives: 4,
      negatives: 4,
    });
  });

  it("sums weights and leaves out rows of weight 0, as scikit-learn does", () => {
    // The row at 0.9 has weight 0: 0.9 is not a threshold. 0.8 {+2, −1}, 0.5 {+0.5, −1.5}, 0.2 {−1}.
    const p = [0.8, 0.8, 0.5, 0.5, 0.2, 0.9];
    const y = [1, 0, 1, 0, 0, 1];
    const w = [2, 1, 0.5, 1.5, 1, 0];
    expect(plain(thresholdSweep(p, y, w))).toEqual({
      thresholds: [0.8, 0.5, 0.2],
      truePositives: [2, 2.5, 2.5],
      falsePositives: [1, 2.5, 3.5],
      positives: 2.5,
      negatives: 3.5,
    });
  });

  it("sums tied weights in descending row order, scikit-learn's stable_cumsum order, to the last bit", () => {
    // 0.3 + 0.2 + 0.1 = 0.6 but 0.1 + 0.2 + 0.3 = 0.6000000000000001; scikit-learn 1.2 gives exactly these.
    const p = [0.5, 0.5, 0.5, 0.2];
    const y = [1, 1, 1, 0];
    expect(thresholdSweep(p, y, [0.1, 0.2, 0.3, 1]).positives).toBe(0.6);
    expect(thresholdSweep(p, y, [0.3, 0.2, 0.1, 1]).positives).toBe(0.6000000000000001);
  });

  it("accepts a single class and a single row", () => {
    expect(plain(thresholdSweep([0.2, 0.7, 0.2], [0, 0, 0]))).toEqual({
      thresholds: [0.7, 0.2],
      truePositives: [0, 0],
      falsePositives: [1, 3],
      positives: 0,
      negatives: 3,
    });
    expect(plain(thresholdSweep([1], [1]))).toEqual({
      thresholds: [1],
      truePositives: [1],
      falsePositives: [0],
      positives: 1,
      negatives: 0,
    });
  });

  it("returns typed arrays", () => {
    const sweep = thresholdSweep(Float64Array.of(0.3, 0.6), Uint8Array.of(0, 1));
    expect(sweep.thresholds).toBeInstanceOf(Float64Array);
    expect(sweep.truePositives).toBeInstanceOf(Float64Array);
    expect(sweep.falsePositives).toBeInstanceOf(Float64Array);
  });
});

describe("thresholdSweep, properties", () => {
  it("equals the counts of p >= s summed over every row, at every distinct score (weighted and not)", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.boolean(), (rows, weighted) => {
        const used = weighted ? rows : rows.map((r) => ({ ...r, w: 1 }));
        const { p, y, w } = columns(used);
        const sweep = thresholdSweep(p, y, weighted ? w : undefined);
        const expected = distinctDescending(used);
        expect(Array.from(sweep.thresholds)).toEqual(expected);
        expected.forEach((threshold, k) => {
          const counts = bruteCounts(used, threshold);
          expect(sweep.truePositives[k]).toBe(counts.tp);
          expect(sweep.falsePositives[k]).toBe(counts.fp);
        });
        const totals = bruteCounts(used, 0);
        expect(sweep.positives).toBe(totals.positives);
        expect(sweep.negatives).toBe(totals.negatives);
      }),
      { numRuns: RUNS },
    );
  });

  it("with integer weights, equals the unweighted sweep of the rows repeated that many times", () => {
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const { p, y, w } = columns(rows);
        const repeated = rows.flatMap((r) => Array.from({ length: r.w }, () => r));
        const expanded = columns(repeated);
        expect(thresholdSweep(p, y, w)).toEqual(thresholdSweep(expanded.p, expanded.y));
      }),
      { numRuns: RUNS },
    );
  });
});
