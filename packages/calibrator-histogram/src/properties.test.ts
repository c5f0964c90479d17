import { calibratorFromParams } from "@calibra/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogram } from "./histogram.js";
import { histogramCalibrator } from "./histogram-calibrator.js";
import type { HistogramOptions } from "./histogram-options.js";
import { poolAdjacentViolators } from "./pav.js";

/** Runs per property: enough to reach ties, extremes and two-row data while the file stays a few seconds. */
const RUNS = 300;

/** Log-odds with many ties (small integers), ordinary values, and extremes. */
const logOddsValue = fc.oneof(
  fc.integer({ min: -4, max: 4 }),
  fc.double({ min: -50, max: 50, noNaN: true }),
  fc.constantFrom(-3000, -800, -1e-300, 0, -0, 1e-300, 800, 3000),
);

interface Row {
  z: number;
  y: number;
  w: number;
}

/** Labelled, integer-weighted rows in which both classes have positive weight. */
const rowsArbitrary = fc
  .array(
    fc.record({ z: logOddsValue, y: fc.integer({ min: 0, max: 1 }), w: fc.integer({ min: 0, max: 3 }) }),
    {
      minLength: 2,
      maxLength: 60,
    },
  )
  .map((rows): Row[] => [
    { ...(rows[0] as Row), y: 1, w: 1 },
    { ...(rows[1] as Row), y: 0, w: 1 },
    ...rows.slice(2),
  ]);

const optionsArbitrary: fc.Arbitrary<HistogramOptions> = fc.record({
  bins: fc.integer({ min: 1, max: 25 }),
  strategy: fc.constantFrom("equal-width" as const, "equal-mass" as const),
  prior: fc.constantFrom("none" as const, "beta" as const),
  priorStrength: fc.double({ min: 0.01, max: 50, noNaN: true }),
  monotone: fc.boolean(),
});

const weightedArbitrary = fc.boolean();

function fitRows(rows: Row[], options: HistogramOptions, weighted: boolean) {
  return histogram(options).fit(
    rows.map((r) => r.z),
    rows.map((r) => r.y),
    weighted ? rows.map((r) => r.w) : undefined,
  );
}

/** Probe points: random values, every edge and its neighbouring doubles, and the infinities, sorted. */
function probeFor(edges: readonly number[], extra: readonly number[]): Float64Array {
  const points = [...extra, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, -1e308, 1e308];
  for (const edge of edges)
    points.push(edge, edge - Math.abs(edge) * 1e-15 - 1e-300, edge + Math.abs(edge) * 1e-15 + 1e-300);
  return Float64Array.from(points).sort();
}

describe("properties (fast-check)", () => {
  it("predictions are probabilities in [0, 1], never NaN, for any data, options and input", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        optionsArbitrary,
        weightedArbitrary,
        fc.array(logOddsValue),
        (rows, options, weighted, extra) => {
          const fitted = fitRows(rows, options, weighted);
          for (const p of fitted.predict(probeFor(fitted.params.edges, extra))) {
            expect(p >= 0 && p <= 1).toBe(true);
          }
          for (const value of fitted.params.values) expect(value >= 0 && value <= 1).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("predictions are non-decreasing in z whenever the fit says monotone, and always with monotone: true", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        optionsArbitrary,
        weightedArbitrary,
        fc.array(logOddsValue),
        (rows, options, weighted, extra) => {
          const fitted = fitRows(rows, options, weighted);
          if (options.monotone) expect(fitted.monotone).toBe(true);
          if (!fitted.monotone) return;
          const predictions = fitted.predict(probeFor(fitted.params.edges, extra));
          for (let i = 1; i < predictions.length; i++) {
            expect(predictions[i] as number).toBeGreaterThanOrEqual(predictions[i - 1] as number);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("toJSON → JSON text → calibratorFromParams → predict reproduces every prediction bit for bit", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        optionsArbitrary,
        weightedArbitrary,
        fc.array(logOddsValue),
        (rows, options, weighted, extra) => {
          const fitted = fitRows(rows, options, weighted);
          const json = JSON.parse(JSON.stringify(fitted.toJSON())) as { type: string; params: unknown };
          expect(json.type).toBe("histogram");
          const loaded = calibratorFromParams(histogramCalibrator, json.params);
          const probe = probeFor(fitted.params.edges, [...extra, ...rows.map((r) => r.z)]);
          const expected = fitted.predict(probe);
          const actual = loaded.predict(probe);
          for (let i = 0; i < probe.length; i++) expect(Object.is(actual[i], expected[i])).toBe(true);
          expect(loaded.monotone).toBe(fitted.monotone);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("integer weights give exactly the fit of duplicated rows (weight 0 = row absent)", () => {
    fc.assert(
      fc.property(rowsArbitrary, optionsArbitrary, (rows, options) => {
        const duplicated = rows.flatMap((row) => Array.from({ length: row.w }, () => ({ ...row, w: 1 })));
        expect(fitRows(rows, options, true).params).toEqual(fitRows(duplicated, options, false).params);
      }),
      { numRuns: RUNS },
    );
  });

  it("equal-mass: no more bins than requested or than distinct scores, each non-empty, holding all the weight", () => {
    fc.assert(
      fc.property(rowsArbitrary, optionsArbitrary, weightedArbitrary, (rows, options, weighted) => {
        const fitted = fitRows(rows, { ...options, strategy: "equal-mass" }, weighted);
        const present = rows.filter((r) => !weighted || r.w > 0);
        const distinct = new Set(present.map((r) => (r.z === 0 ? 0 : r.z))).size;
        const { counts } = fitted.params;
        expect(counts.length).toBeLessThanOrEqual(Math.min(options.bins ?? 10, distinct));
        for (const count of counts) expect(count).toBeGreaterThan(0);
        const total = present.reduce((sum, r) => sum + (weighted ? r.w : 1), 0);
        expect(counts.reduce((sum, c) => sum + c, 0)).toBe(total);
        const largestGroup = Math.max(
          ...[...new Set(present.map((r) => r.z))].map((z) =>
            present.filter((r) => r.z === z).reduce((sum, r) => sum + (weighted ? r.w : 1), 0),
          ),
        );
        // Each cut lies within half a tie group of its target k·W/B.
        for (const count of counts) {
          expect(Math.abs(count - total / (options.bins ?? 10))).toBeLessThanOrEqual(largestGroup);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("equal-width, prior none: each value is the weighted positive rate of the rows with ⌊σ(z)·B⌋ in the bin", () => {
    fc.assert(
      fc.property(rowsArbitrary, optionsArbitrary, (generated, options) => {
        const bins = options.bins ?? 10;
        const probability = (z: number) =>
          z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        // Within rounding of an edge, ⌊fl(σ(z))·B⌋ and the exact comparison z < logit(k/B) may disagree (see the
        // dedicated test below); such rows are left out here.
        const nearEdge = (z: number) => {
          const scaled = probability(z) * bins;
          const nearest = Math.round(scaled);
          return z !== 0 && nearest > 0 && nearest < bins && Math.abs(scaled - nearest) < 1e-9;
        };
        const rows = generated.filter((row) => !nearEdge(row.z));
        fc.pre(rows.some((r) => r.y === 1 && r.w > 0) && rows.some((r) => r.y === 0 && r.w > 0));
        const fitted = fitRows(
          rows,
          { ...options, strategy: "equal-width", prior: "none", monotone: false },
          true,
        );
        const weight = new Array<number>(bins).fill(0);
        const positive = new Array<number>(bins).fill(0);
        for (const row of rows) {
          const k = Math.min(Math.floor(probability(row.z) * bins), bins - 1);
          weight[k] = (weight[k] as number) + row.w;
          positive[k] = (positive[k] as number) + row.w * row.y;
        }
        const prevalence = positive.reduce((a, b) => a + b, 0) / weight.reduce((a, b) => a + b, 0);
        expect(fitted.params.counts).toEqual(weight);
        expect(fitted.params.values).toEqual(
          weight.map((w, k) => (w > 0 ? (positive[k] as number) / w : prevalence)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("equal-width bins by the exact comparison z < logit(k/B), also where σ(z) rounds onto an edge", () => {
    // σ(−5e−324) rounds to 0.5, so ⌊σ(z)·2⌋ would say bin 2; but z < 0 = logit(½), so its true σ(z) is below ½.
    const fitted = histogram({ bins: 2, strategy: "equal-width", prior: "none" }).fit(
      [-5e-324, 0, -1e-300, 1e-300],
      [0, 1, 0, 1],
    );
    expect(fitted.params.edges).toEqual([0]);
    expect(fitted.params.counts).toEqual([2, 2]);
    expect(fitted.params.values).toEqual([0, 1]);
  });
});

describe("pool adjacent violators on bins", () => {
  const binsArbitrary = fc
    .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 20 })), {
      minLength: 1,
      maxLength: 30,
    })
    .map((pairs) => ({
      values: Float64Array.from(pairs, ([v]) => v),
      weights: Float64Array.from(pairs, ([, w]) => w),
    }));

  it("returns a non-decreasing map that keeps the weighted total, and changes nothing already sorted", () => {
    fc.assert(
      fc.property(binsArbitrary, ({ values, weights }) => {
        const pooled = poolAdjacentViolators(values, weights);
        for (let k = 1; k < pooled.length; k++) {
          expect(pooled[k] as number).toBeGreaterThanOrEqual(pooled[k - 1] as number);
        }
        let before = 0;
        let after = 0;
        for (let k = 0; k < values.length; k++) {
          before += (values[k] as number) * (weights[k] as number);
          after += (pooled[k] as number) * (weights[k] as number);
        }
        expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(before)));
        expect(Array.from(poolAdjacentViolators(pooled, weights))).toEqual(Array.from(pooled));
      }),
      { numRuns: RUNS },
    );
  });

  it("pools by hand: a decreasing pair becomes its weighted mean; a weightless bin takes its block's value", () => {
    // 0.8 and 0.2 pool to (0.8 + 0.6)/4 = 0.35; the weightless 0.5 already lies above it.
    const pooled = Array.from(
      poolAdjacentViolators(Float64Array.from([0.8, 0.2, 0.5]), Float64Array.from([1, 3, 0])),
    );
    expect(pooled[0]).toBeCloseTo(0.35, 15);
    expect(pooled[1]).toBe(pooled[0]);
    expect(pooled[2]).toBe(0.5);
    // 0.9 and 0.2 pool to 0.55; the weightless 0.1 below it joins the block and takes 0.55.
    expect(
      Array.from(poolAdjacentViolators(Float64Array.from([0.9, 0.2, 0.1]), Float64Array.from([1, 1, 0]))),
    ).toEqual([0.55, 0.55, 0.55]);
  });
});
