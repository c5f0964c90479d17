import { describe, expect, it } from "vitest";
import { dampedSolveWorkspace, INITIAL_DAMPING, solveDampedSymmetric } from "./damped-cholesky.js";

function solve(matrix: number[][], rhs: number[]) {
  const size = rhs.length;
  const out = new Float64Array(size);
  const damping = solveDampedSymmetric(
    Float64Array.from(matrix.flat()),
    Float64Array.from(rhs),
    size,
    out,
    dampedSolveWorkspace(size),
  );
  return { damping, x: Array.from(out) };
}

describe("solveDampedSymmetric", () => {
  it("solves a well-conditioned system exactly, with no damping", () => {
    // [[4, 2], [2, 3]]·[1, −2] = [0, −4].
    const { damping, x } = solve(
      [
        [4, 2],
        [2, 3],
      ],
      [0, -4],
    );
    expect(damping).toBe(0);
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(-2, 14);
  });

  it("is indifferent to the scale of each unknown (Jacobi scaling)", () => {
    // The same system with the first unknown in units 1e6 times smaller: x₀ is 1e6 times larger.
    const { damping, x } = solve(
      [
        [4e-12, 2e-6],
        [2e-6, 3],
      ],
      [0, -4],
    );
    expect(damping).toBe(0);
    expect(x[0]! / 1e6).toBeCloseTo(1, 10);
    expect(x[1]).toBeCloseTo(-2, 10);
  });

  it("damps a singular matrix (Levenberg) and returns a finite solution of the damped system", () => {
    // [[1, 1], [1, 1]] is singular; with μ·I added (unit diagonal already), x = (A + μI)⁻¹·[2, 2] = [2, 2]/(2 + μ).
    // The damped matrix still has condition number 2/μ, so the solution carries rounding of order ε/μ ≈ 1e-6.
    const { damping, x } = solve(
      [
        [1, 1],
        [1, 1],
      ],
      [2, 2],
    );
    expect(damping).toBe(INITIAL_DAMPING);
    expect(x[0]).toBeCloseTo(2 / (2 + damping), 5);
    expect(x[1]).toBeCloseTo(2 / (2 + damping), 5);
    // Along the singular direction [1, −1] the step stays at rounding level, not 1/μ.
    expect(Math.abs(x[0]! - x[1]!)).toBeLessThan(1e-5);
  });

  it("freezes unknowns with a zero diagonal, and reports non-finite matrices", () => {
    const frozen = solve(
      [
        [2, 0, 0],
        [0, 0, 0],
        [0, 0, 5],
      ],
      [4, 7, 10],
    );
    expect(frozen.x[0]).toBeCloseTo(2, 15);
    expect(frozen.x[1]).toBe(0);
    expect(frozen.x[2]).toBeCloseTo(2, 15);
    const broken = solve(
      [
        [1, Number.NaN],
        [Number.NaN, 1],
      ],
      [1, 1],
    );
    expect(broken.damping).toBe(-1);
    expect(broken.x).toEqual([0, 0]);
  });
});
