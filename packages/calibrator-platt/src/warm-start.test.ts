import { type FitData, prepareFitData, sigmoid } from "@calibra/core";
import { seededUniform } from "@calibra/core/testing";
import { loadReference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { fitPlattWith, type PlattFit, WARM_START_MIN_ROWS, WARM_START_ROWS } from "./fit-platt.js";
import { fitPlatt, platt } from "./index.js";
import { POLISH_MAX_STEPS } from "./polish.js";

const COLD = { subsampleRows: WARM_START_ROWS, minRows: Number.POSITIVE_INFINITY };

/** The benchmark's rows: z ~ N(0, 3²), labels ~ Bernoulli(σ(0.6·z − 0.4)); optional weights in [0.2, 3). */
function drawnRows(rows: number, seed: number, weighted = false): FitData {
  const uniform = seededUniform(seed);
  const logOdds = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  const weights = weighted ? new Float64Array(rows) : undefined;
  for (let i = 0; i < rows; i++) {
    const z = 3 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    logOdds[i] = z;
    labels[i] = uniform() < sigmoid(0.6 * z - 0.4) ? 1 : 0;
    if (weights !== undefined) weights[i] = 0.2 + 2.8 * uniform();
  }
  return prepareFitData(logOdds, labels, weights);
}

/**
 * The weighted mean residuals Σ wᵢ(tᵢ − pᵢ)/W and Σ wᵢ(tᵢ − pᵢ)(zᵢ − z̄)/(W·sd) at the fitted (a, b), computed
 * plainly in the original units with core's sigmoid: both vanish at the optimum.
 */
function meanResiduals(data: FitData, fit: PlattFit): [number, number] {
  const { a, b } = fit.params;
  const { positiveTarget, negativeTarget } = fit.diagnostics;
  const weight = (i: number) => data.weights?.[i] ?? 1;
  let total = 0;
  let mean = 0;
  for (let i = 0; i < data.rows; i++) {
    total += weight(i);
    mean += weight(i) * (data.logOdds[i] as number);
  }
  mean /= total;
  let spread = 0;
  let residualSum = 0;
  let residualMoment = 0;
  for (let i = 0; i < data.rows; i++) {
    const z = data.logOdds[i] as number;
    spread += weight(i) * (z - mean) ** 2;
    const target = data.labels[i] === 1 ? positiveTarget : negativeTarget;
    const residual = weight(i) * (target - sigmoid(-(a * z + b)));
    residualSum += residual;
    residualMoment += residual * (z - mean);
  }
  return [residualSum / total, residualMoment / (total * Math.sqrt(spread / total))];
}

describe("warm start from a subsample: the full data's optimum in three passes", () => {
  it.each([
    ["smoothed targets", false, "smoothed"],
    ["weighted rows", true, "smoothed"],
    ["raw targets", false, "raw"],
  ] as const)(
    "%s, 200 000 rows: the cold fit's optimum, with three passes over the rows (four at most)",
    (_, weighted, targets) => {
      const data = drawnRows(200_000, weighted ? 8 : 7, weighted);
      expect(data.rows).toBeGreaterThanOrEqual(WARM_START_MIN_ROWS);
      const warm = fitPlatt(data, { targets });
      const cold = fitPlattWith(data, { targets }, COLD);
      // Every 6th row (⌊200 000 / 32 768⌋ = 6), from row 3: rows 3, 9, …, 199 995.
      expect(warm.diagnostics.subsampleRows).toBe(33_333);
      expect(cold.diagnostics.subsampleRows).toBe(0);
      expect(warm.diagnostics.converged).toBe(true);
      expect(warm.diagnostics.stoppedBy).toBe("gradient-tolerance");
      expect(warm.diagnostics.passes).toBeGreaterThanOrEqual(3);
      expect(warm.diagnostics.passes).toBeLessThanOrEqual(4);
      expect(cold.diagnostics.passes).toBeGreaterThan(warm.diagnostics.passes);
      expect(warm.diagnostics.relativeGradient).toBeLessThanOrEqual(1e-14);
      // Same optimum: the objective to rounding, the parameters to ~1e-12.
      expect(Math.abs(warm.diagnostics.objective / cold.diagnostics.objective - 1)).toBeLessThan(1e-14);
      expect(warm.params.a / cold.params.a).toBeCloseTo(1, 11);
      expect(warm.params.b / cold.params.b).toBeCloseTo(1, 11);
      for (const residual of meanResiduals(data, warm)) expect(Math.abs(residual)).toBeLessThan(1e-13);
      // platt().fit takes the same route (without the objective's pass) and returns the same parameters.
      expect(platt({ targets }).fit(data.logOdds, data.labels, data.weights).params).toEqual(warm.params);
    },
  );

  it.each([16, 64, 256])(
    "every reference file with a forced warm start from ~%i rows: the exact optimum, through polish or fallback",
    (subsampleRows) => {
      let fellBack = 0;
      for (const { dataset, model } of referenceCases()) {
        const reference = loadReference(dataset, model);
        const data = prepareFitData(reference.calibration.logit, reference.calibration.label);
        const fit = fitPlattWith(data, {}, { subsampleRows, minRows: 0 });
        // Rows ⌊stride/2⌋, ⌊stride/2⌋ + stride, …: 71 of breast_cancer's 142 rows when the stride is 2.
        const stride = Math.max(2, Math.floor(data.rows / subsampleRows));
        expect(fit.diagnostics.subsampleRows).toBe(Math.ceil((data.rows - Math.floor(stride / 2)) / stride));
        expect(fit.diagnostics.converged).toBe(true);
        const { exact } = reference.platt;
        expect(Math.abs(fit.diagnostics.objective - exact.objective) / exact.objective).toBeLessThanOrEqual(
          1e-12,
        );
        expect(fit.params.a).toBeCloseTo(exact.a, 7);
        expect(fit.params.b).toBeCloseTo(exact.b, 7);
        // The polish alone takes at most POLISH_MAX_STEPS + 1 passes; more means the safeguarded solver took over.
        if (fit.diagnostics.passes > POLISH_MAX_STEPS + 1) fellBack++;
      }
      if (subsampleRows === 16) expect(fellBack).toBeGreaterThan(0);
    },
  );

  it("a subsample fit that does not converge (raw targets, classes 1e-12 apart) leaves the cold fit, bit for bit", () => {
    // Every score twice; every 2nd row from row 1 keeps one of each, as tightly separated as the full data.
    const scores = [-2, -1, 0, 1e-12, 1, 2].flatMap((z) => [z, z]);
    const labels = [0, 0, 0, 1, 1, 1].flatMap((y) => [y, y]);
    const data = prepareFitData(scores, labels);
    const warm = fitPlattWith(data, { targets: "raw" }, { subsampleRows: 6, minRows: 0 });
    const cold = fitPlattWith(data, { targets: "raw" }, COLD);
    expect(warm.diagnostics.subsampleRows).toBe(6);
    expect(cold.diagnostics.stoppedBy).toBe("slope-cap");
    expect(warm.params).toEqual(cold.params);
    expect({ ...warm.diagnostics, subsampleRows: 0 }).toEqual(cold.diagnostics);
  });

  it("separated classes, raw targets: the walk towards infinity ends with every row within 1e-12 of its label", () => {
    const z = [-3, -2.5, -2, -1.5, -1, 1, 1.5, 2, 2.5, 3];
    const y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const fit = fitPlattWith(prepareFitData(z, y), { targets: "raw" }, { subsampleRows: 5, minRows: 0 });
    expect(fit.diagnostics.subsampleRows).toBe(5);
    expect(fit.diagnostics.converged).toBe(true);
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(-(fit.params.a * (z[i] as number) + fit.params.b));
      expect(Math.abs(p - (y[i] as number))).toBeLessThan(1e-12);
    }
  });

  it("a subsample with one class only is no warm start", () => {
    // Every 2nd row from row 1 is a negative.
    const data = prepareFitData([1, -1, 2, -2, 3, -3, 0.5, -0.5], [1, 0, 1, 0, 0, 0, 1, 0]);
    const fit = fitPlattWith(data, {}, { subsampleRows: 4, minRows: 0 });
    expect(fit.diagnostics.subsampleRows).toBe(0);
    expect(fit).toEqual(fitPlattWith(data, {}, COLD));
  });
});
