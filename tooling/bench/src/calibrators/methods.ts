import { beta } from "@calibra/calibrator-beta";
import { histogram } from "@calibra/calibrator-histogram";
import { isotonic } from "@calibra/calibrator-isotonic";
import { platt } from "@calibra/calibrator-platt";
import { temperature } from "@calibra/calibrator-temperature";
import type { AnyCalibrator } from "@calibra/core";

/** The calibrators the benchmark fits, by name, with their default options. */
export const CALIBRATORS: Record<string, () => AnyCalibrator> = {
  platt: () => platt(),
  isotonic: () => isotonic(),
  temperature: () => temperature(),
  beta: () => beta(),
  histogram: () => histogram(),
};

/** Calibrators scikit-learn 1.2 also has, timed there for the ratios. */
export const SKLEARN_METHODS = ["platt", "isotonic"] as const;
