/**
 * Solves the small symmetric positive semi-definite systems of a Newton step, H·δ = r, with Levenberg damping when
 * H is singular or nearly so.
 *
 * The matrix is first Jacobi-scaled to unit diagonal (A = D^−½·H·D^−½, D = diag H), which makes every tolerance
 * below independent of the features' units: ln s ranges over thousands for log-odds in the thousands while an
 * intercept column is all ones. The scaled matrix is factorised by Cholesky; when a pivot falls below
 * {@link PIVOT_TOLERANCE} (a condition number beyond ~1e12, e.g. all scores equal, so that ln s, −ln(1 − s) and the
 * intercept are collinear) the factorisation is retried on A + μ·I, μ growing from {@link INITIAL_DAMPING} by
 * {@link DAMPING_GROWTH}: the Levenberg–Marquardt step with Marquardt's diagonal scaling, which shortens the step
 * along the unidentified directions and leaves the well-determined ones almost untouched.
 */

/**
 * Smallest pivot accepted in the Cholesky factorisation of the unit-diagonal matrix. Relative to a unit diagonal
 * this bounds the condition number near 1e12: a solve on a worse matrix would amplify rounding in the gradient
 * (relative 1e-16) beyond 1e-4 of the step.
 */
export const PIVOT_TOLERANCE = 1e-12;

/** The first Levenberg damping tried when the undamped factorisation fails: negligible for well-posed directions. */
export const INITIAL_DAMPING = 1e-10;

/** Each retry multiplies the damping by this. */
export const DAMPING_GROWTH = 100;

/**
 * Largest damping tried. A unit-diagonal positive semi-definite matrix has eigenvalues in [0, size], so A + μ·I with
 * μ = 1e10 always factorises unless the matrix holds non-finite values; the step is then a tiny scaled gradient step.
 */
export const MAX_DAMPING = 1e10;

/** Scratch space for {@link solveDampedSymmetric}, allocated once per fit. */
export interface DampedSolveWorkspace {
  /** size × size: the Jacobi-scaled matrix, kept intact for retries with more damping. */
  readonly scaled: Float64Array;
  /** size × size: the Cholesky factor of the scaled, damped matrix (lower triangle). */
  readonly factor: Float64Array;
  /** size: D^−½ for active coordinates, 0 for frozen ones. */
  readonly inverseRootDiagonal: Float64Array;
  /** size: the scaled right-hand side, then the scaled solution. */
  readonly vector: Float64Array;
}

/** Allocates the scratch space for systems of `size` unknowns. */
export function dampedSolveWorkspace(size: number): DampedSolveWorkspace {
  return {
    scaled: new Float64Array(size * size),
    factor: new Float64Array(size * size),
    inverseRootDiagonal: new Float64Array(size),
    vector: new Float64Array(size),
  };
}

/** Cholesky of the scaled matrix plus `damping`·I into `factor`; false when a pivot is too small or not finite. */
function dampedCholesky(
  scaled: Float64Array,
  factor: Float64Array,
  active: Float64Array,
  size: number,
  damping: number,
): boolean {
  for (let j = 0; j < size; j++) {
    if (active[j] === 0) continue;
    for (let i = j; i < size; i++) {
      if (active[i] === 0) continue;
      let sum = (scaled[i * size + j] as number) + (i === j ? damping : 0);
      for (let l = 0; l < j; l++) {
        if (active[l] === 0) continue;
        sum -= (factor[i * size + l] as number) * (factor[j * size + l] as number);
      }
      if (i === j) {
        if (!(sum > PIVOT_TOLERANCE)) return false;
        factor[j * size + j] = Math.sqrt(sum);
      } else {
        factor[i * size + j] = sum / (factor[j * size + j] as number);
      }
    }
  }
  return true;
}

/**
 * Solves `matrix`·`out` = `rhs` for a symmetric positive semi-definite `matrix` (row-major, `size` × `size`, both
 * triangles filled). Coordinates whose diagonal is zero or not finite are frozen (their `out` entry is 0): no data
 * identify them. Returns the Levenberg damping μ that was needed (0 when none), or −1 when no damping up to
 * {@link MAX_DAMPING} made the matrix factorisable (non-finite entries), in which case `out` is all zeros.
 */
export function solveDampedSymmetric(
  matrix: Float64Array,
  rhs: Float64Array,
  size: number,
  out: Float64Array,
  workspace: DampedSolveWorkspace,
): number {
  const { scaled, factor, inverseRootDiagonal, vector } = workspace;
  out.fill(0, 0, size);
  let activeCount = 0;
  for (let j = 0; j < size; j++) {
    const diagonal = matrix[j * size + j] as number;
    const ok = diagonal > 0 && diagonal < Number.POSITIVE_INFINITY;
    inverseRootDiagonal[j] = ok ? 1 / Math.sqrt(diagonal) : 0;
    if (ok) activeCount++;
  }
  if (activeCount === 0) return 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      scaled[i * size + j] =
        (matrix[i * size + j] as number) *
        (inverseRootDiagonal[i] as number) *
        (inverseRootDiagonal[j] as number);
    }
    vector[i] = (rhs[i] as number) * (inverseRootDiagonal[i] as number);
  }
  let damping = 0;
  while (!dampedCholesky(scaled, factor, inverseRootDiagonal, size, damping)) {
    damping = damping === 0 ? INITIAL_DAMPING : damping * DAMPING_GROWTH;
    if (damping > MAX_DAMPING) return -1;
  }
  // Forward substitution L·y = v, then back substitution Lᵀ·x = y, over the active coordinates.
  for (let i = 0; i < size; i++) {
    if (inverseRootDiagonal[i] === 0) continue;
    let sum = vector[i] as number;
    for (let l = 0; l < i; l++) {
      if (inverseRootDiagonal[l] === 0) continue;
      sum -= (factor[i * size + l] as number) * (vector[l] as number);
    }
    vector[i] = sum / (factor[i * size + i] as number);
  }
  for (let i = size - 1; i >= 0; i--) {
    if (inverseRootDiagonal[i] === 0) continue;
    let sum = vector[i] as number;
    for (let l = i + 1; l < size; l++) {
      if (inverseRootDiagonal[l] === 0) continue;
      sum -= (factor[l * size + i] as number) * (vector[l] as number);
    }
    vector[i] = sum / (factor[i * size + i] as number);
  }
  for (let i = 0; i < size; i++) out[i] = (vector[i] as number) * (inverseRootDiagonal[i] as number);
  return damping;
}
