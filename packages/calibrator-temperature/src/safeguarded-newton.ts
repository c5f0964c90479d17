/**
 * A safeguarded Newton method for the root of a non-decreasing function of one variable on an interval: Newton
 * steps while they stay inside the current bracket and shrink fast enough, bisection otherwise (the "rtsafe" hybrid
 * of Press et al., Numerical Recipes, §9.4). Minimising a convex function F on [lower, upper] is finding where its
 * derivative f = F′ changes sign; when f has no root there, the minimum is the end at which f points outwards.
 *
 * Unlike a plain bracketed solver it does not need the signs at the ends up front: an end is evaluated only when the
 * iteration has to move towards it and Newton cannot, which spares an often costly evaluation in the usual case where
 * the root is well inside the interval.
 */

/** The value and derivative of the function at one point, written by {@link MonotoneRootProblem.evaluate}. */
export interface Evaluation {
  value: number;
  slope: number;
}

/** A non-decreasing function f on [lower, upper] and how precisely to find where it crosses zero. */
export interface MonotoneRootProblem {
  /** Writes f(x) and f′(x) into `result`. Must be non-decreasing in x. */
  evaluate(x: number, result: Evaluation): void;
  readonly lower: number;
  readonly upper: number;
  /** First point evaluated (clamped into [lower, upper]). */
  readonly start: number;
  /** Stop when |f(x)| ≤ this. */
  readonly valueTolerance: number;
  /**
   * How distances are measured. `logarithmic`, for a positive variable whose interval spans many orders of
   * magnitude (`lower` must be > 0): a step's length is |log(x′/x)| and bisection takes √(lo·hi). `linear`: a step's length is
   * |x′ − x| / max(|x|, `stepFloor`) and bisection takes (lo + hi) / 2.
   */
  readonly scale: "linear" | "logarithmic";
  /**
   * The natural unit of a `linear` variable, below which steps are measured absolutely; must be > 0 when the
   * interval contains 0 (ignored when logarithmic).
   */
  readonly stepFloor: number;
  /** Stop when a step, or the bracket, is shorter than this (in the length of {@link scale}). */
  readonly stepTolerance: number;
  /** At most this many evaluations. */
  readonly maxIterations: number;
  /**
   * Logarithmic scale only, optional. By default, when a Newton step towards `upper` cannot be taken before f(upper)
   * is known, the next point is `upper` itself. With this set, that happens only when Newton points at or beyond
   * `upper`; a Newton step that is merely rejected by the safeguard is replaced by x·e^upperExpansion (or Newton's
   * point, if farther). For a problem whose evaluation is costly far from the points already seen, where a jump to
   * the end would be expensive. Each such step multiplies x by at least e^upperExpansion, so at most
   * log(upper / lower) / upperExpansion of them are taken.
   */
  readonly upperExpansion?: number;
  /**
   * Optional: f(lower) < 0 < f(upper) is known without evaluating them (a bracket built to hold the root), so the
   * ends are never evaluated and the fallback from the start is bisection.
   */
  readonly knownSigns?: boolean;
}

/** Where the search stopped. */
export interface RootResult {
  /** The last point evaluated: `evaluate(x)` was the final call, so any state it keeps belongs to `x`. */
  readonly x: number;
  /** f(x). */
  readonly value: number;
  /** Number of evaluations. */
  readonly iterations: number;
  /**
   * False only when `maxIterations` ran out; true when |f(x)| met the tolerance, the step or bracket became shorter
   * than the step tolerance, or f has the same sign on the whole interval and `x` is the end where F is smallest.
   */
  readonly converged: boolean;
}

/** A Newton step is taken only if it is at most this fraction of the step before the last (Numerical Recipes). */
const REQUIRED_STEP_SHRINK = 0.5;

/**
 * Finds x in [lower, upper] with f(x) = 0 for a non-decreasing f, or the end where f points outwards: `lower` when
 * f(lower) > 0, `upper` when f(upper) < 0. O(1) memory; each iteration is one evaluation. Newton steps must stay
 * strictly inside the bracket and be at most half the step before the last; otherwise the iteration evaluates an end
 * whose sign is still unknown (or, with `upperExpansion`, steps geometrically towards the upper one) or bisects. So
 * the bracket at least halves every other iteration once both signs are known, and the iteration count is bounded by
 * the bits of precision asked for even when Newton makes no progress.
 */
export function solveMonotone(problem: MonotoneRootProblem, scratch: Evaluation): RootResult {
  const { lower, upper } = problem;
  const logarithmic = problem.scale === "logarithmic";
  const distance = (from: number, to: number): number =>
    logarithmic
      ? Math.abs(Math.log(to / from))
      : Math.abs(to - from) / Math.max(Math.abs(from), problem.stepFloor);

  let lo = lower;
  let hi = upper;
  // Whether f(lo) < 0 and f(hi) > 0 have been seen (or are known); until then that end's sign is unknown.
  let loChecked = problem.knownSigns === true;
  let hiChecked = loChecked;
  let x = Math.min(Math.max(problem.start, lower), upper);
  // No steps yet: the first two Newton steps need only stay inside the bracket. (From the end of a logarithmic
  // interval the first step naturally spans most of it.)
  let lastStep = Number.POSITIVE_INFINITY;
  let stepBeforeLast = lastStep;
  let finalStep = false;
  const expansion = logarithmic && problem.upperExpansion !== undefined ? problem.upperExpansion : Number.NaN;

  for (let iteration = 1; ; iteration++) {
    problem.evaluate(x, scratch);
    const { value, slope } = scratch;
    const stop = Math.abs(value) <= problem.valueTolerance || finalStep;
    if (value < 0) {
      lo = x;
      loChecked = true;
    } else if (value > 0) {
      hi = x;
      hiChecked = true;
    }
    const atEnd = (value < 0 && x >= upper) || (value > 0 && x <= lower);
    const bracketClosed = loChecked && hiChecked && distance(lo, hi) <= problem.stepTolerance;
    if (stop || atEnd || bracketClosed || iteration >= problem.maxIterations) {
      return { x, value, iterations: iteration, converged: stop || atEnd || bracketClosed };
    }

    let next = x - value / slope;
    const newtonUsable =
      slope > 0 && next > lo && next < hi && distance(x, next) <= REQUIRED_STEP_SHRINK * stepBeforeLast;
    if (!newtonUsable) {
      if (!loChecked) next = lower;
      else if (!hiChecked) {
        // Without an expansion, or when Newton points at or past the end (or nowhere): the end itself.
        next =
          Number.isNaN(expansion) || !(next < upper)
            ? upper
            : Math.min(upper, Math.max(next, x * Math.exp(expansion)));
      } else next = logarithmic ? Math.sqrt(lo) * Math.sqrt(hi) : lo + (hi - lo) / 2;
    }
    stepBeforeLast = lastStep;
    lastStep = distance(x, next);
    // A step this short cannot change f meaningfully: evaluate there (so the caller's state matches x) and stop.
    // After a Newton step that short the error is about its square, so the answer is exact to rounding.
    finalStep = lastStep <= problem.stepTolerance;
    x = next;
  }
}
