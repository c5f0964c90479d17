import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beta } from "@calibra/calibrator-beta";
import { histogram } from "@calibra/calibrator-histogram";
import { isotonic } from "@calibra/calibrator-isotonic";
import { platt } from "@calibra/calibrator-platt";
import { temperature } from "@calibra/calibrator-temperature";
import {
  CalibraError,
  type CandidateScore,
  calibrateCV,
  ErrorCodes,
  encodeLabels,
  fitPipeline,
  fixedThreshold,
  loadPipeline,
  type Pipeline,
  sigmoidLogits,
} from "@calibra/core";
import { datasetPath } from "@calibra/fixtures";
import { parse } from "csv-parse/sync";
import { fitNaiveLinearModel, naiveLogOdds } from "./naive-linear-model.js";

const LABEL_COLUMN = "diagnosis";
const POSITIVE_CLASS = "malignant";

/** What the walk-through found, for printing and for its test. */
export interface QuickstartResult {
  readonly heldOutRows: number;
  /** Log loss of the raw model on the test quarter. */
  readonly rawLogLoss: number;
  /** Log loss on the test quarter after the cross-validated calibrator chosen on the calibration quarter. */
  readonly calibratedLogLoss: number;
  readonly chosenCalibrator: string;
  readonly calibratorScores: readonly CandidateScore[];
  readonly accuracy: number;
  readonly confidentRows: number;
  readonly confidentAccuracy: number;
  readonly cutoff: number;
  readonly decisionsAgree: boolean;
  readonly pipeline: Pipeline;
}

/** Reads the bundled CSV into row-major features and class names. */
export function readBreastCancer(): {
  features: Float64Array;
  columns: number;
  names: string[];
  labels: string[];
} {
  const records: Record<string, string>[] = parse(readFileSync(datasetPath("breast_cancer"), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  });
  const names = Object.keys(records[0] ?? {}).filter((name) => name !== LABEL_COLUMN);
  const features = new Float64Array(records.length * names.length);
  records.forEach((record, i) => {
    names.forEach((name, j) => {
      const value = Number(record[name]);
      if (!Number.isFinite(value)) {
        throw new CalibraError(
          ErrorCodes.NAN_INPUT,
          `breast_cancer.csv:${i + 2}: column "${name}": "${record[name]}" is not a number`,
        );
      }
      features[i * names.length + j] = value;
    });
  });
  return {
    features,
    columns: names.length,
    names,
    labels: records.map((record) => record[LABEL_COLUMN] ?? ""),
  };
}

/** Splits rows alternately into a training half and a held-out half. */
function alternateRows(features: Float64Array, columns: number, parity: 0 | 1): Float64Array {
  const rows = features.length / columns;
  const picked = new Float64Array(Math.floor((rows + 1 - parity) / 2) * columns);
  for (let i = parity, k = 0; i < rows; i += 2, k++) {
    picked.set(features.subarray(i * columns, (i + 1) * columns), k * columns);
  }
  return picked;
}

/** Trains a naive model, wraps its log-odds in a pipeline, and checks what its probabilities mean. */
export function runQuickstart(): QuickstartResult {
  const data = readBreastCancer();
  const encoded = encodeLabels(data.labels, { positive: POSITIVE_CLASS });
  const trainLabels = encoded.labels.filter((_, i) => i % 2 === 0);
  const heldOutLabels = encoded.labels.filter((_, i) => i % 2 === 1);
  const model = fitNaiveLinearModel(alternateRows(data.features, data.columns, 0), data.columns, trainLabels);
  const logOdds = naiveLogOdds(model, alternateRows(data.features, data.columns, 1), data.columns);

  const pipeline = fitPipeline({
    raw: logOdds,
    labels: { ...encoded, labels: heldOutLabels },
    activation: sigmoidLogits(),
    thresholder: fixedThreshold(0.5),
  });
  const p = pipeline.predictProba(logOdds);
  const decisions = pipeline.decide(logOdds);
  let correct = 0;
  let confidentRows = 0;
  let confidentCorrect = 0;
  for (let i = 0; i < p.length; i++) {
    const right = decisions[i] === heldOutLabels[i];
    if (right) correct++;
    const probability = p[i] as number;
    if (probability > 0.999 || probability < 0.001) {
      confidentRows++;
      if (right) confidentCorrect++;
    }
  }
  // Calibrate: choose a calibrator by cross-validation on half of the held-out rows, judge it on the other half.
  const calibrationRows = logOdds.filter((_, i) => i % 2 === 0);
  const calibrationLabels = heldOutLabels.filter((_, i) => i % 2 === 0);
  const testRows = logOdds.filter((_, i) => i % 2 === 1);
  const testLabels = heldOutLabels.filter((_, i) => i % 2 === 1);
  const candidates = [temperature(), platt(), beta(), histogram({ bins: 5 }), isotonic()];
  const auto = calibrateCV(candidates, calibrationRows, calibrationLabels, { folds: 5, seed: 1 });
  const rawLogLoss = meanLogLoss(pipeline.predictProba(testRows), testLabels);
  const calibratedLogLoss = meanLogLoss(auto.calibrator.predict(testRows), testLabels);

  const reloaded = loadPipeline(JSON.stringify(pipeline.toJSON()));
  const viaProbabilities = Array.from(p, (value) => (value >= pipeline.threshold ? 1 : 0));
  return {
    heldOutRows: p.length,
    rawLogLoss,
    calibratedLogLoss,
    chosenCalibrator: auto.chosen,
    calibratorScores: auto.scores,
    accuracy: correct / p.length,
    confidentRows,
    confidentAccuracy: confidentRows === 0 ? Number.NaN : confidentCorrect / confidentRows,
    cutoff: pipeline.logOddsCutoff(),
    decisionsAgree:
      Array.from(decisions).every((d, i) => d === viaProbabilities[i]) &&
      Array.from(reloaded.decide(logOdds)).every((d, i) => d === decisions[i]),
    pipeline,
  };
}

/** Mean log loss with probabilities clipped to [1e-15, 1 − 1e-15]. */
function meanLogLoss(p: Float64Array, labels: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(Math.max(p[i] as number, 1e-15), 1 - 1e-15);
    sum -= labels[i] === 1 ? Math.log(q) : Math.log1p(-q);
  }
  return sum / p.length;
}

function main(): void {
  const result = runQuickstart();
  const { classes } = result.pipeline;
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`Calibra walk-through on breast_cancer.csv (${result.heldOutRows} held-out rows)\n`);
  console.log(
    `Every probability below is P(class = "${classes.positive}"); the other class is "${classes.negative}".`,
  );
  console.log(`Accuracy at threshold ${result.pipeline.threshold}: ${percent(result.accuracy)}`);
  console.log(
    `Rows the model is more than 99.9% sure about: ${result.confidentRows}, of which ${percent(result.confidentAccuracy)} ` +
      "are right: the naive model is over-confident.",
  );
  console.log(
    `\nCalibrators compared by 5-fold cross-validated log loss on ${result.heldOutRows / 2} calibration rows:`,
  );
  for (const score of result.calibratorScores) {
    console.log(
      `  ${score.id.padEnd(12)} log loss ${score.logLoss.toFixed(4)}   Brier ${score.brier.toFixed(4)}`,
    );
  }
  console.log(
    `Chosen: ${result.chosenCalibrator}. On the other ${result.heldOutRows / 2} held-out rows, log loss ` +
      `${result.rawLogLoss.toFixed(3)} raw → ${result.calibratedLogLoss.toFixed(3)} calibrated.\n`,
  );
  console.log(
    `Decision rule on raw log-odds: positive when z >= ${result.cutoff.toExponential(3)} ` +
      `(the same as p >= ${result.pipeline.threshold}; decisions agree on every row: ${result.decisionsAgree}).`,
  );
  console.log("\nThe pipeline as a portable spec:");
  console.log(JSON.stringify(result.pipeline.toJSON(), null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
