import { ErrorCodes, type FitData, logit, validateWithSchema } from "@calibra/core";
import { minimiseNewton2, type NewtonStop } from "./newton.js";
import { evaluatePlatt, type PlattProblem } from "./objective.js";
import { type PlattOptionsInput, plattOptionsSchema } from "./options.js";
import type { PlattParams } from "./params.js";
import { polishNewton } from "./polish.js";
import { standardiseLogOdds, unstandardise, writeStandardisedLogOdds } from "./standardise.js";
import { standardisedDerivatives } from "./standardised-derivatives.js";
import { fullStepGradientBound } from "./step-certificate.js";
import { strideSubsample } from "./subsample.js";
import { type ClassTargets, classTargets } from "./targets.js";

/**
 * The bound on |a|·max|zᵢ|, the largest term of a·z + b on the calibration rows. The parameters are stored as
 * (a, b), so predictions compute u = a·z + b in doubles, with a rounding error of about 1.1e-16·|a·z|: keeping
 * |a·z| ≤ 1e10 keeps u accurate to ~1e-6 and probabilities to ~3e-7. A finite Platt optimum comes nowhere near it
 * on sensible scores (the reference files reach |a·z| ≈ 250); it binds for raw targets on classes separated by a
 * gap below ~1e-9 of the scores' magnitude, whose optimum is at infinity, and for log-odds crowded so far from 0
 * relative to their spread (700 ± 1e-7, say) that no (a, b) in doubles could express the fitted curve more
 * precisely. The fit then stops on the bound (`stoppedBy: "slope-cap"`, `converged: false`) with finite, valid
 * parameters that improve on the best constant. Without it, the slope could grow until a·z + b is rounding noise.
 */
export const MAX_SLOPE_TERM = 1e10;

/**
 * About how many rows the warm-start subsample keeps (every ⌊n / this⌋-th row). Its optimum is off the full data's
 * by a sampling error of ~1/√32 768 ≈ 0.6% — a relative gradient near 1e-3 on the full data, well inside Newton's
 * region of quadratic convergence: two evaluated full steps take it to ~1e-10 and a third, certified step past the
 * tolerance (see `polishNewton`), three passes over the rows in all. Halving it often costs a fourth pass; doubling
 * it does not save one. The subsample fit itself costs about a third of one full pass (six to ten safeguarded
 * Newton iterations on 32 768 rows), whatever n.
 */
export const WARM_START_ROWS = 32_768;

/**
 * Fits on at least this many rows start from a subsample's optimum ({@link WARM_START_ROWS}); smaller ones start
 * from scikit-learn's point on all rows. Below it the subsample would be too large a fraction of the data to save
 * much, and every fit on reference-sized data (hundreds to thousands of rows) runs the plain safeguarded Newton.
 */
export const WARM_START_MIN_ROWS = 4 * WARM_START_ROWS;

/**
 * Why a Platt fit stopped: a {@link NewtonStop}; `"constant-log-odds"` when every weighted row has the same
 * log-odds (no iteration needed); or `"unrepresentable-slope"` when the log-odds differ by so little (a spread near
 * the smallest doubles, ~1e-308) that the fitted slope a overflows a double — then the intercept-only fit is
 * returned, as for constant log-odds, because no finite (a, b) can express the fitted curve.
 */
export type PlattStop = NewtonStop | "constant-log-odds" | "unrepresentable-slope";

/** How a Platt fit went. Not part of the fitted parameters (and so not of a pipeline spec). */
export interface PlattDiagnostics {
  /**
   * The minimised objective Σ wᵢ [tᵢ softplus(a zᵢ + b) + (1 − tᵢ) softplus(−(a zᵢ + b))] at the returned
   * (a, b), in the original log-odds units: the number scikit-learn's `_sigmoid_calibration` minimises.
   */
  readonly objective: number;
  /**
   * Newton iterations taken on all the rows (0 when the log-odds are all equal); with a warm start, not counting
   * the iterations on the subsample.
   */
  readonly iterations: number;
  /**
   * True when the fit stopped at the optimum: gradient tolerance, rounding limit, or constant log-odds. False when
   * the optimum could not be reached in doubles (see `stoppedBy`); the parameters are still finite and usable.
   */
  readonly converged: boolean;
  /** Why the fit stopped. */
  readonly stoppedBy: PlattStop;
  /**
   * max|∇f| / Σ wᵢ on the standardised log-odds at the end (only |∂f/∂b| on the slope bound; 0 for constant
   * log-odds). When the last Newton step of a warm-started fit was certified rather than evaluated (see
   * `polishNewton`), the proven bound on it (≤ 1e-15).
   */
  readonly relativeGradient: number;
  /** The target every positive row was fitted to: (N₊ + 1)/(N₊ + 2) smoothed, 1 raw. */
  readonly positiveTarget: number;
  /** The target every negative row was fitted to: 1/(N₋ + 2) smoothed, 0 raw. */
  readonly negativeTarget: number;
  /** Rows of the warm-start subsample (see {@link WARM_START_ROWS}); 0 when the fit did not use one. */
  readonly subsampleRows: number;
  /**
   * Passes over all the rows that evaluated the objective or its derivatives while fitting (one at the start and
   * one per evaluated Newton step or line-search trial) — the fit's cost in units of O(n) work with one exp a row.
   * Not counted: the subsample fit, the cheap passes that standardise and count, and the objective reported here.
   */
  readonly passes: number;
}

/** The result of {@link fitPlatt}: the parameters a spec stores, and how the fit went. */
export interface PlattFit {
  readonly params: PlattParams;
  readonly diagnostics: PlattDiagnostics;
}

/** When a fit starts from a subsample's optimum: see {@link WARM_START_ROWS} and {@link WARM_START_MIN_ROWS}. */
export interface WarmStartSettings {
  /** About how many rows the subsample keeps. */
  readonly subsampleRows: number;
  /** Fits on fewer rows than this do not use a subsample. */
  readonly minRows: number;
}

/** The settings every public entry point uses. */
export const DEFAULT_WARM_START: WarmStartSettings = {
  subsampleRows: WARM_START_ROWS,
  minRows: WARM_START_MIN_ROWS,
};

/**
 * Fits Platt scaling, p = 1 / (1 + exp(a·z + b)), to validated data (from `prepareFitData`) and reports how
 * the fit went. `platt().fit(...)` runs the same fit and keeps only `params` (without the extra pass that
 * evaluates `diagnostics.objective`).
 *
 * The fit minimises the weighted cross-entropy against the class targets (see `classTargets`: Platt's smoothed
 * targets by default, counted on rows even when weighted, as scikit-learn 1.2 does) by Newton's method on
 * standardised log-odds z′ = (z − mean)/sd, then maps (a′, b′) back. Unlike scikit-learn's BFGS, which stops
 * early on flat or badly scaled objectives (Gaussian naive Bayes logits in the thousands), it reaches the optimum
 * to a relative gradient of 1e-14 (`GRADIENT_TOLERANCE`). Two routes lead there:
 *
 * - on {@link WARM_START_MIN_ROWS} rows or more, the warm start: the safeguarded Newton method (`minimiseNewton2`)
 *   fits every ⌊n / {@link WARM_START_ROWS}⌋-th row (`strideSubsample`, with the full data's targets), and full
 *   Newton steps on all rows (`polishNewton`, one pass of one exp a row per step, no standardised copy) take its
 *   optimum to the full data's — typically in three steps, of which the last is certified by a bound instead of
 *   a pass: three passes in all. Should the polish falter (a step that does not shrink the Newton decrement
 *   fourfold, a damped Hessian, the slope bound), the next route takes over from its last accepted point;
 * - otherwise the safeguarded Newton method on all rows, from scikit-learn's starting point a = 0,
 *   b = log((N₋ + 1)/(N₊ + 1)): exact Hessian with Levenberg–Marquardt damping, Armijo backtracking, stopping on
 *   the gradient tolerance or the rounding limit.
 *
 * Both stop on the same gradient test (the warm start's last step proven to pass it rather than evaluated), so
 * they return the same optimum to rounding.
 *
 * Edge cases:
 * - all rows with positive weight share one log-odds value: the slope is not identifiable; returns a = 0 and the
 *   b with σ(−b) = the weighted mean target, in closed form (`stoppedBy: "constant-log-odds"`); the same when the
 *   log-odds differ only at the scale of the smallest doubles and the slope would overflow
 *   (`"unrepresentable-slope"`);
 * - perfectly separated classes with smoothed targets: the optimum is finite and is found as usual;
 * - perfectly separated classes with raw targets: the optimum lies at infinity. The walk outwards (about one unit
 *   of margin per Newton step) stops, with finite a and b, once the relative gradient is below
 *   `GRADIENT_TOLERANCE` — for a visible gap between the classes, once every calibration row's probability is
 *   within ~1e-13 of its 0/1 label (margins near 30, about 32 iterations). When the gap is too small to resolve it
 *   stops on the slope bound `MAX_SLOPE_TERM` (`"slope-cap"`), where rounding leaves no descent (`"no-decrease"`)
 *   or at `MAX_NEWTON_ITERATIONS` (`"iteration-cap"`): `converged` is then false, but the parameters are finite,
 *   improve on the best constant, and predict valid probabilities;
 * - log-odds crowded far from 0 relative to their spread (700 ± 1e-7): `"slope-cap"` as well, see
 *   `MAX_SLOPE_TERM`.
 */
export function fitPlatt(data: FitData, options: PlattOptionsInput = {}): PlattFit {
  return fitPlattWith(data, options, DEFAULT_WARM_START);
}

/** {@link fitPlatt} with explicit warm-start settings: for tests that take the warm-start route on small data. */
export function fitPlattWith(
  data: FitData,
  options: PlattOptionsInput,
  warmStart: WarmStartSettings,
): PlattFit {
  const targets = targetsFor(data, options);
  const { params, ...diagnostics } = solvePlatt(data, targets, warmStart);
  const original: PlattProblem = {
    logOdds: data.logOdds,
    labels: data.labels,
    weights: data.weights,
    targets,
  };
  return {
    params,
    diagnostics: {
      objective: evaluatePlatt(original, params.a, params.b),
      ...diagnostics,
      positiveTarget: targets.positive,
      negativeTarget: targets.negative,
    },
  };
}

/** The parameters {@link fitPlatt} returns, without its diagnostics (and the pass that evaluates the objective). */
export function fitPlattParams(data: FitData, options: PlattOptionsInput = {}): PlattParams {
  return solvePlatt(data, targetsFor(data, options), DEFAULT_WARM_START).params;
}

function targetsFor(data: FitData, options: PlattOptionsInput): ClassTargets {
  const { targets } = validateWithSchema(
    plattOptionsSchema,
    options,
    'calibrator "platt" options',
    ErrorCodes.INVALID_OPTIONS,
  );
  return classTargets(data.labels, targets);
}

/** What {@link solvePlatt} finds: the parameters and the diagnostics that do not need another pass. */
interface PlattSolution {
  readonly params: PlattParams;
  readonly iterations: number;
  readonly converged: boolean;
  readonly stoppedBy: PlattStop;
  readonly relativeGradient: number;
  readonly subsampleRows: number;
  readonly passes: number;
}

/** The fit behind {@link fitPlatt}; see there. */
function solvePlatt(data: FitData, targets: ClassTargets, warmStart: WarmStartSettings): PlattSolution {
  const totalWeight = data.positiveWeight + data.negativeWeight;
  const rows: PlattProblem = {
    logOdds: data.logOdds,
    labels: data.labels,
    weights: data.weights,
    targets,
  };
  // The intercept-only optimum: with a = 0, ∂f/∂b = Σ wᵢ (tᵢ − σ(−b)) = 0 gives σ(−b) = the weighted mean target.
  const interceptOnly = (stoppedBy: PlattStop, iterations: number, passes: number): PlattSolution => {
    const meanTarget =
      (targets.positive * data.positiveWeight + targets.negative * data.negativeWeight) / totalWeight;
    return {
      params: { a: 0, b: 0 - logit(meanTarget) },
      iterations,
      converged: stoppedBy === "constant-log-odds",
      stoppedBy,
      relativeGradient: 0,
      subsampleRows: 0,
      passes,
    };
  };
  const map = standardiseLogOdds(data.logOdds, data.weights);
  if (map === undefined) return interceptOnly("constant-log-odds", 0, 0);
  const maxAbsA = MAX_SLOPE_TERM / map.reach;
  // Maps the fit in standardised coordinates back; the intercept-only fit when the slope overflows a double.
  const finish = (a: number, b: number, rest: Omit<PlattSolution, "params">): PlattSolution => {
    const params = unstandardise(map, a, b);
    if (!Number.isFinite(params.a) || !Number.isFinite(params.b)) {
      return interceptOnly("unrepresentable-slope", rest.iterations, rest.passes);
    }
    return { params, ...rest };
  };

  // scikit-learn's start: a = 0, b = log((N₋ + 1)/(N₊ + 1)) — with a = 0 it is the same in both coordinates.
  let startA = 0;
  let startB = Math.log((targets.negativeRows + 1) / (targets.positiveRows + 1));
  let iterations = 0;
  let passes = 0;
  let subsampleRows = 0;
  if (data.rows >= warmStart.minRows) {
    const stride = Math.max(2, Math.floor(data.rows / warmStart.subsampleRows));
    const sample = strideSubsample(rows, map, stride);
    if (sample.positiveWeight > 0 && sample.negativeWeight > 0) {
      subsampleRows = sample.problem.logOdds.length;
      const guess = minimiseNewton2(
        { evaluate: (a, b, derivatives) => evaluatePlatt(sample.problem, a, b, derivatives) },
        startA,
        startB,
        sample.positiveWeight + sample.negativeWeight,
        maxAbsA,
      );
      // A subsample fit that did not converge (separated classes with raw targets, the slope bound) is no
      // warm start: those fits take the safeguarded route from scikit-learn's start, as small data does.
      if (guess.stoppedBy === "gradient-tolerance" || guess.stoppedBy === "rounding-limit") {
        // The curvature moments of each pass are summed about the previous pass's curvature mean.
        let shift = 0;
        const polish = polishNewton(
          (a, b, derivatives) => {
            standardisedDerivatives(rows, map, a, b, shift, derivatives);
            if (Number.isFinite(derivatives.curvatureMean)) shift = derivatives.curvatureMean;
          },
          guess.a,
          guess.b,
          totalWeight,
          maxAbsA,
          (derivatives, stepA, stepB) =>
            fullStepGradientBound(derivatives, stepA, stepB, totalWeight, data.rows, map.standardisedReach),
        );
        iterations = polish.iterations;
        passes = polish.passes;
        if (polish.converged) {
          return finish(polish.a, polish.b, {
            iterations,
            converged: true,
            stoppedBy: "gradient-tolerance",
            relativeGradient: polish.relativeGradient,
            subsampleRows,
            passes,
          });
        }
        startA = polish.a;
        startB = polish.b;
      }
    }
  }

  const standardised = new Float64Array(data.rows);
  writeStandardisedLogOdds(map, data.logOdds, standardised);
  const problem: PlattProblem = { ...rows, logOdds: standardised };
  const result = minimiseNewton2(
    {
      evaluate: (a, b, derivatives) => {
        passes++;
        return evaluatePlatt(problem, a, b, derivatives);
      },
    },
    startA,
    startB,
    totalWeight,
    maxAbsA,
  );
  return finish(result.a, result.b, {
    iterations: iterations + result.iterations,
    converged: result.stoppedBy === "gradient-tolerance" || result.stoppedBy === "rounding-limit",
    stoppedBy: result.stoppedBy,
    relativeGradient: result.relativeGradient,
    subsampleRows,
    passes,
  });
}
