import { calibratorFromParams, prepareFitData, sigmoid } from "@calibra/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_WARM_START, fitPlattWith } from "./fit-platt.js";
import { MAX_SLOPE_TERM, type PlattDiagnostics, platt, plattCalibrator } from "./index.js";

interface Rows {
  readonly logOdds: number[];
  readonly labels: number[];
  readonly weights: number[] | undefined;
}

/**
 * 2–60 rows with log-odds in ±30, then stretched by 1e-6, 1 or 1000 and shifted by 0, −700 or 2500 (extreme
 * logits), labels with both classes, optionally with weights in [0.1, 5]; sometimes many ties.
 */
const rows: fc.Arbitrary<Rows> = fc
  .record({
    base: fc.array(
      fc.tuple(
        fc.oneof(fc.double({ min: -30, max: 30, noNaN: true }), fc.constantFrom(-1, 0, 2)),
        fc.integer({ min: 0, max: 1 }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
      ),
      { minLength: 2, maxLength: 60 },
    ),
    scale: fc.constantFrom(1e-6, 1, 1000),
    shift: fc.constantFrom(0, -700, 2500),
    weighted: fc.boolean(),
  })
  .map(({ base, scale, shift, weighted }) => ({
    logOdds: base.map(([z]) => z * scale + shift),
    labels: base.map(([, y], i) => (i === 0 ? 1 : i === 1 ? 0 : y)),
    weights: weighted ? base.map(([, , w]) => w) : undefined,
  }));

const targets = fc.constantFrom("smoothed" as const, "raw" as const);

/** 2–60 rows with log-odds on the grid k/8 in ±30 (so that c·z + d keeps distinct values distinct). */
const gridRows: fc.Arbitrary<Rows> = fc
  .array(fc.tuple(fc.integer({ min: -240, max: 240 }), fc.integer({ min: 0, max: 1 })), {
    minLength: 2,
    maxLength: 60,
  })
  .map((base) => ({
    logOdds: base.map(([k]) => k / 8),
    labels: base.map(([, y], i) => (i === 0 ? 1 : i === 1 ? 0 : y)),
    weights: undefined,
  }));

/** The objective of the best constant probability: the weighted mean target t̄, for every row. */
function bestConstantObjective(data: Rows, diagnostics: PlattDiagnostics): number {
  const target = (i: number) =>
    data.labels[i] === 1 ? diagnostics.positiveTarget : diagnostics.negativeTarget;
  let total = 0;
  let sum = 0;
  data.labels.forEach((_, i) => {
    total += data.weights?.[i] ?? 1;
    sum += (data.weights?.[i] ?? 1) * target(i);
  });
  const mean = sum / total;
  let objective = 0;
  data.labels.forEach((_, i) => {
    const t = target(i);
    const loss = (t > 0 ? -t * Math.log(mean) : 0) + (t < 1 ? -(1 - t) * Math.log1p(-mean) : 0);
    objective += (data.weights?.[i] ?? 1) * loss;
  });
  return objective;
}

/** Log-odds to probe predictions at: a grid, the extremes and the infinities, sorted. */
function probeFor(data: Rows): Float64Array {
  const values = [...data.logOdds, -1e308, -5000, -745, 0, 745, 5000, 1e308];
  values.push(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  for (let z = -40; z <= 40; z += 0.5) values.push(z);
  return Float64Array.from(values).sort();
}

describe("properties of fitted Platt calibrators (fast-check)", () => {
  it("outputs are probabilities in [0, 1], never NaN, even at ±∞ and ±1e308", () => {
    fc.assert(
      fc.property(rows, targets, (data, kind) => {
        const fitted = platt({ targets: kind }).fit(data.logOdds, data.labels, data.weights);
        for (const p of fitted.predict(probeFor(data))) expect(p >= 0 && p <= 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("predictions are non-decreasing in the log-odds whenever the fit says it is monotone (a ≤ 0)", () => {
    fc.assert(
      fc.property(rows, targets, (data, kind) => {
        const fitted = platt({ targets: kind }).fit(data.logOdds, data.labels, data.weights);
        expect(fitted.monotone).toBe(fitted.params.a <= 0);
        const p = fitted.predict(probeFor(data));
        // a·z + b is monotone in z under rounding, but core's sigmoid(x) = eˣ/(1 + eˣ) for x < 0 is not, by one
        // unit in the last place (about 1% of adjacent doubles: the rounding of 1 + eˣ jumps) — reported to core.
        const ulp = 2 ** -52;
        for (let i = 1; i < p.length; i++) {
          const [before, after] = [p[i - 1] as number, p[i] as number];
          if (fitted.monotone) expect(after).toBeGreaterThanOrEqual(before - ulp * before);
          else expect(after).toBeLessThanOrEqual(before + ulp * before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("toJSON → JSON text → calibratorFromParams → predict reproduces every prediction bit for bit", () => {
    fc.assert(
      fc.property(rows, targets, (data, kind) => {
        const fitted = platt({ targets: kind }).fit(data.logOdds, data.labels, data.weights);
        const json = JSON.parse(JSON.stringify(fitted.toJSON())) as { type: string; params: unknown };
        expect(json.type).toBe("platt");
        const loaded = calibratorFromParams(plattCalibrator, json.params);
        const probe = probeFor(data);
        const expected = fitted.predict(probe);
        const actual = loaded.predict(probe);
        for (let i = 0; i < probe.length; i++) expect(Object.is(actual[i], expected[i])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["", DEFAULT_WARM_START],
    // ⌊n / ∞⌋ = 0 rows apart, so the stride is its minimum, 2: the subsample is every 2nd row.
    [", also from a warm start on every 2nd row", { subsampleRows: Number.POSITIVE_INFINITY, minRows: 0 }],
  ])(
    "every fit converges%s: the plain weighted mean residuals Σ wᵢ(tᵢ − pᵢ)·(1, zᵢ) vanish",
    (_, warmStart) => {
      // To within the rounding of uᵢ = a·zᵢ + b itself: when the log-odds crowd far from 0 (2500 ± 1e-6, say),
      // a·z and b are huge and cancel, and no (a, b) in doubles can pin uᵢ down more finely than ~1e-16·|a·zᵢ|.
      fc.assert(
        fc.property(rows, targets, (data, kind) => {
          const fitData = prepareFitData(data.logOdds, data.labels, data.weights);
          const fit = fitPlattWith(fitData, { targets: kind }, warmStart);
          const { a, b } = fit.params;
          const { stoppedBy, converged } = fit.diagnostics;
          // Log-odds that differ only in the subnormals (fast-check finds them) give an intercept-only fit.
          const unrepresentable = stoppedBy === "unrepresentable-slope";
          if (!converged && !unrepresentable) {
            // The other ways to stop, all where the optimum cannot be reached in doubles: on the documented bound
            // |a|·max|zᵢ| ≤ MAX_SLOPE_TERM (raw targets whose optimum lies at infinity — separated classes, or an
            // overlap below the resolution of the log-odds — or log-odds crowded so far from 0 that (a, b) cannot
            // express a steeper curve); where no step lowers f at working precision; or, with raw targets only, at
            // the iteration cap of a walk towards infinity that rounding noise has slowed. Either way the fit must
            // improve on the best constant.
            expect(["slope-cap", "no-decrease", "iteration-cap"]).toContain(stoppedBy);
            if (stoppedBy === "iteration-cap") expect(kind).toBe("raw");
            if (stoppedBy === "slope-cap") {
              const reach = Math.max(...data.logOdds.map((z) => Math.abs(a * z)));
              expect(reach / MAX_SLOPE_TERM).toBeGreaterThan(0.1);
              expect(reach / MAX_SLOPE_TERM).toBeLessThan(10);
            }
            expect(fit.diagnostics.objective).toBeLessThanOrEqual(
              bestConstantObjective(data, fit.diagnostics) * (1 + 1e-12),
            );
            return;
          }
          const w = (i: number) => data.weights?.[i] ?? 1;
          let total = 0;
          let mean = 0;
          for (let i = 0; i < data.logOdds.length; i++) {
            total += w(i);
            mean += w(i) * (data.logOdds[i] as number);
          }
          mean /= total;
          let spread = 0;
          for (let i = 0; i < data.logOdds.length; i++)
            spread += w(i) * ((data.logOdds[i] as number) - mean) ** 2;
          spread = Math.sqrt(spread / total);
          let residualSum = 0;
          let residualMoment = 0;
          let rounding = 0;
          for (let i = 0; i < data.logOdds.length; i++) {
            rounding = Math.max(rounding, 1e-15 * (Math.abs(a * (data.logOdds[i] as number)) + Math.abs(b)));
            const target =
              data.labels[i] === 1 ? fit.diagnostics.positiveTarget : fit.diagnostics.negativeTarget;
            const residual = w(i) * (target - sigmoid(-(a * (data.logOdds[i] as number) + b)));
            residualSum += residual;
            residualMoment += residual * ((data.logOdds[i] as number) - mean);
          }
          expect(Math.abs(residualSum) / total).toBeLessThan(1e-9 + rounding);
          if (unrepresentable) expect(a === 0 && spread < 1e-290).toBe(true);
          else if (spread > 0)
            expect(Math.abs(residualMoment) / (total * spread)).toBeLessThan(1e-9 + rounding);
        }),
        { numRuns: 300 },
      );
    },
  );

  it("smoothed fits are affine-invariant: fitting on c·z + d gives the same probabilities as fitting on z", () => {
    fc.assert(
      fc.property(
        gridRows,
        fc.constantFrom(1e-3, 0.5, 40),
        fc.constantFrom(-300, 0, 25),
        (data, stretch, offset) => {
          const base = platt().fit(data.logOdds, data.labels, data.weights);
          const moved = platt().fit(
            data.logOdds.map((z) => stretch * z + offset),
            data.labels,
            data.weights,
          );
          const p = base.predict(data.logOdds);
          const q = moved.predict(data.logOdds.map((z) => stretch * z + offset));
          for (let i = 0; i < p.length; i++)
            expect(Math.abs((q[i] as number) - (p[i] as number))).toBeLessThan(1e-7);
        },
      ),
      { numRuns: 200 },
    );
  });
});
