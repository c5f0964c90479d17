import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { uniquePointsUnweighted, uniquePointsWeighted } from "./unique-points.js";

/** Log-odds drawn from a small pool, so that ties (exact and within 1e-15) and signed zeros are common. */
const tiedValue = fc.oneof(
  fc.constantFrom(-0, 0, 4e-16, 9e-16, 1e-15, 1.8e-15, -7e-16, 0.5, -2, 3000),
  fc.integer({ min: -4, max: 4 }),
  fc.double({ min: -6, max: 6, noNaN: true }),
);
const labelledRows = fc
  .array(fc.tuple(tiedValue, fc.constantFrom(0, 1)), { minLength: 2, maxLength: 400 })
  .filter((rows) => rows.some(([, y]) => y === 1) && rows.some(([, y]) => y === 0));

/** Spearman's ρ with average ranks for ties, the textbook way: Pearson's correlation of the ranks. */
function spearman(x: number[], y: number[]): number {
  const rank = (values: number[]) =>
    values.map((v) => {
      let below = 0;
      let equal = 0;
      for (const u of values) {
        if (u < v) below++;
        else if (u === v) equal++;
      }
      return below + (equal + 1) / 2;
    });
  const rx = rank(x);
  const ry = rank(y);
  const mean = (x.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (rx[i] as number) - mean;
    const dy = (ry[i] as number) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("unique points", () => {
  it("are the same, bit for bit, from the class-sorted path and from the argsort path with unit weights", () => {
    fc.assert(
      fc.property(labelledRows, (rows) => {
        const logOdds = Float64Array.from(rows, ([z]) => z);
        const labels = Uint8Array.from(rows, ([, y]) => y);
        const fast = uniquePointsUnweighted(logOdds, labels);
        const general = uniquePointsWeighted(logOdds, labels, new Float64Array(rows.length).fill(1));
        expect(Array.from(fast.logOdds)).toStrictEqual(Array.from(general.logOdds));
        expect(Array.from(fast.means)).toStrictEqual(Array.from(general.means));
        expect(Array.from(fast.weights)).toStrictEqual(Array.from(general.weights));
        expect(fast.rankBalance).toBe(general.rankBalance);
        // Ascending, at least 1e-15 apart, and −0 never stored.
        for (let i = 1; i < fast.logOdds.length; i++) {
          expect((fast.logOdds[i] as number) - (fast.logOdds[i - 1] as number)).toBeGreaterThanOrEqual(1e-15);
        }
        expect(Array.from(fast.logOdds).some((v) => Object.is(v, -0))).toBe(false);
        // Every row lands in exactly one point.
        expect(fast.weights.reduce((a, b) => a + b, 0)).toBe(rows.length);
      }),
      { numRuns: 300 },
    );
  });

  it("have a rank balance whose sign is the sign of Spearman's ρ", () => {
    fc.assert(
      fc.property(labelledRows, (rows) => {
        const x = rows.map(([z]) => z);
        const y = rows.map(([, label]) => label);
        const { rankBalance } = uniquePointsUnweighted(Float64Array.from(x), Uint8Array.from(y));
        // The balance is Σ over positives of 2·rank − (n + 1), an integer.
        let expected = 0;
        const n = x.length;
        x.forEach((v, i) => {
          if (y[i] !== 1) return;
          const below = x.filter((u) => u < v).length;
          const equal = x.filter((u) => u === v).length;
          expected += 2 * below + equal + 1 - (n + 1);
        });
        expect(rankBalance).toBe(expected);
        const rho = spearman(x, y);
        if (Math.abs(rho) > 1e-9) expect(Math.sign(rankBalance)).toBe(Math.sign(rho));
        else if (Number.isFinite(rho)) expect(rankBalance).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("sum weights in np.lexsort((y, X)) order: negatives of a tie first, then positives", () => {
    // Rows at log-odds 0, in row order: positive 0.1, negative 0.2, negative 0.3. scikit-learn sums
    // (0.2 + 0.3) + 0.1 = 0.6; row order would give (0.1 + 0.2) + 0.3 = 0.6000000000000001.
    const points = uniquePointsWeighted(
      Float64Array.from([0, 0, 0, 1]),
      Uint8Array.from([1, 0, 0, 1]),
      Float64Array.from([0.1, 0.2, 0.3, 1]),
    );
    expect(Array.from(points.logOdds)).toEqual([0, 1]);
    expect(points.weights[0]).toBe(0.6);
    expect(points.means[0]).toBe(0.1 / 0.6);
    expect(Array.from(points.weights)).toEqual([0.6, 1]);
  });

  it("leave zero-weight rows out, wherever they sort", () => {
    const points = uniquePointsWeighted(
      Float64Array.from([-9, 0, 5e-16, 2, 7]),
      Uint8Array.from([1, 0, 1, 1, 0]),
      Float64Array.from([0, 2, 2, 1, 0]),
    );
    expect(Array.from(points.logOdds)).toEqual([0, 2]);
    expect(Array.from(points.means)).toEqual([0.5, 1]);
    expect(Array.from(points.weights)).toEqual([4, 1]);
    // … but every row counts towards the direction: positives at ranks 1, 3, 4 of 5 → −4 + 0 + 2 = −2.
    expect(points.rankBalance).toBe(-2);
  });
});
