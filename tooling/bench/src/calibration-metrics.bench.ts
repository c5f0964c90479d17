import { seededUniform, sigmoid } from "@calibra/core";
import { brier, calibrationCurve, ece, logLoss } from "@calibra/metrics";
import { report, time } from "./measure.js";

/**
 * Calibration metrics must be O(n): each is timed against one plain pass over the same probabilities and labels
 * (a weighted sum) in the same run, so a constant ratio across 10⁶ and 10⁷ rows shows linear scaling.
 */
export function benchCalibrationMetrics(rows: number): void {
  const uniform = seededUniform(7);
  const probabilities = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const p = sigmoid(6 * (uniform() - 0.5));
    probabilities[i] = p;
    labels[i] = uniform() < p * 0.9 ? 1 : 0;
  }
  const runs = rows <= 1_000_000 ? 7 : 3;
  let sink = 0;
  report(`calibration metrics on ${rows.toLocaleString("en")} rows (median of ${runs})`, [
    time(
      "one plain pass (baseline)",
      () => {
        let sum = 0;
        for (let i = 0; i < rows; i++) sum += (probabilities[i] as number) * ((labels[i] as number) + 1);
        sink += sum;
      },
      runs,
    ),
    time(
      "logLoss",
      () => {
        sink += logLoss(probabilities, labels);
      },
      runs,
    ),
    time(
      "brier (with decomposition)",
      () => {
        sink += brier(probabilities, labels).score;
      },
      runs,
    ),
    time(
      "ece (15 equal-width bins)",
      () => {
        sink += ece(probabilities, labels);
      },
      runs,
    ),
    time(
      "calibrationCurve uniform (10)",
      () => {
        sink += calibrationCurve(probabilities, labels, { bins: 10 }).probTrue.length;
      },
      runs,
    ),
    time(
      "calibrationCurve quantile (10)",
      () => {
        sink += calibrationCurve(probabilities, labels, { bins: 10, strategy: "quantile" }).probTrue.length;
      },
      runs,
    ),
  ]);
  if (Number.isNaN(sink)) console.log("(unreachable: keeps the results alive)");
}
