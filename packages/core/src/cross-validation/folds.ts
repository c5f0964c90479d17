import { CalibraError, ErrorCodes } from "../errors.js";
import { seededUniform } from "../math/random.js";

/**
 * Assigns each row to one of `folds` folds, stratified by class: each class's rows are shuffled with a seeded
 * generator (Fisher–Yates) and dealt round-robin, so every fold holds ⌊n_c / k⌋ or ⌈n_c / k⌉ rows of class c.
 * The same seed gives the same folds on every run and machine. Throws `E_INVALID_OPTIONS` when a class has fewer
 * rows than folds (some training split would lack it).
 */
export function stratifiedFolds(labels: Uint8Array, folds: number, seed: number): Uint8Array {
  if (!Number.isInteger(folds) || folds < 2 || folds > 255) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `folds must be an integer from 2 to 255, got ${folds}.`,
    );
  }
  const byClass: [number[], number[]] = [[], []];
  for (let i = 0; i < labels.length; i++) byClass[labels[i] === 1 ? 1 : 0].push(i);
  for (const [label, rows] of byClass.entries()) {
    if (rows.length < folds) {
      throw new CalibraError(
        ErrorCodes.INVALID_OPTIONS,
        `cross-validation with ${folds} folds needs at least ${folds} rows of each class; the ` +
          `${label === 1 ? "positive" : "negative"} class has ${rows.length}. Use fewer folds.`,
        { details: { folds, rows: rows.length, label } },
      );
    }
  }
  const uniform = seededUniform(seed);
  const assignment = new Uint8Array(labels.length);
  let offset = 0;
  for (const rows of byClass) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      const swap = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = swap;
    }
    // Continue the round-robin across classes so fold sizes stay balanced overall too.
    for (let k = 0; k < rows.length; k++) assignment[rows[k] as number] = (offset + k) % folds;
    offset = (offset + rows.length) % folds;
  }
  return assignment;
}
