import { basename } from "node:path";
import { type CalibraModelJson, trainLogistic, trainMLP } from "@calibra/backend-ts";
import { CalibraError, ErrorCodes } from "@calibra/core";
import type { Command } from "commander";
import { type CliEnvironment, type CommonOptions, note } from "../cli-io.js";
import { withCommonOptions } from "../common-options.js";
import { formatNumber } from "../describe-pipeline.js";
import {
  chooseFeatureColumns,
  listOption,
  missingValuesError,
  readFeatureMatrix,
} from "../feature-columns.js";
import { columnIndex, createProgress, openTable, readStrings } from "../io/index.js";
import { encodeLabelColumn } from "../labelled-data.js";
import { writeTextAtomically } from "../text-files.js";

interface TrainOptions extends CommonOptions {
  data: string;
  labelCol: string;
  positive: string;
  model: string;
  features?: string;
  exclude?: string;
  hidden: string;
  activation: string;
  epochs: string;
  l2?: string;
  posWeight: string;
  seed: string;
  output: string;
}

const EXAMPLES = `
Examples:
  $ calibra train --data train.csv --label-col churn --positive Yes -o model.json
  $ calibra train --data train.csv --label-col churn --positive Yes --model mlp --hidden 16,8 --epochs 50 \\
      --pos-weight balanced -o model.json

Trains a model with @calibra/backend-ts, no Python needed, and writes its JSON (with the feature names, so that
calibra predict picks the columns by name). --pos-weight weighs each positive row's loss like PyTorch's
BCEWithLogitsLoss(pos_weight); "balanced" is N(negative) / N(positive). Weighting shifts the probabilities up:
fit a calibrator, or use --deploy-prevalence in calibra fit, to undo it.`;

function positiveNumber(text: string, flag: string, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === "" || !(value > 0) || (integer && !Number.isInteger(value))) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `${flag} must be a positive ${integer ? "integer" : "number"}, got "${text}".`,
    );
  }
  return value;
}

async function runTrain(options: TrainOptions, environment: CliEnvironment): Promise<void> {
  if (options.model !== "logistic" && options.model !== "mlp") {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `--model must be logistic or mlp, got "${options.model}".`,
    );
  }
  const file = basename(options.data);
  const progress = createProgress({
    quiet: options.quiet ?? false,
    stream: environment.stderr,
    label: "reading",
  });
  const reader = await openTable(options.data, { onProgress: progress.onProgress });
  const labelIndex = columnIndex(reader.columns, options.labelCol, file);
  const { names, indices } = chooseFeatureColumns(file, reader.columns, {
    features: listOption(options.features),
    exclude: [options.labelCol, ...(listOption(options.exclude) ?? [])],
  });
  let matrix = new Float64Array(0);
  let column = new Float64Array(0);
  const labelTexts: string[] = [];
  let rows = 0;
  let missing = 0;
  let firstMissingLine = 0;
  try {
    for await (const batch of reader) {
      const needed = (rows + batch.rows) * names.length;
      if (matrix.length < needed) {
        const grown = new Float64Array(Math.max(needed, matrix.length * 2));
        grown.set(matrix);
        matrix = grown;
      }
      if (column.length < batch.rows) column = new Float64Array(batch.rows);
      const found = readFeatureMatrix(
        batch,
        file,
        names,
        indices,
        matrix.subarray(rows * names.length),
        column,
      );
      if (missing === 0) firstMissingLine = found.firstMissingLine;
      missing += found.missingRows;
      for (const text of readStrings(batch, labelIndex)) labelTexts.push(text.trim());
      rows += batch.rows;
    }
  } finally {
    progress.stop();
  }
  if (rows === 0) throw new CalibraError(ErrorCodes.EMPTY_INPUT, `${file} has no data rows.`);
  if (missing > 0) throw missingValuesError(file, "feature", missing, rows, firstMissingLine);
  const { labels } = encodeLabelColumn(labelTexts, { positive: options.positive }, file, options.labelCol);
  let positives = 0;
  for (const label of labels) positives += label;
  const posWeight =
    options.posWeight === "balanced"
      ? (rows - positives) / positives
      : positiveNumber(options.posWeight, "--pos-weight", false);
  const features = { data: matrix.subarray(0, rows * names.length), rows, columns: names.length };
  const l2 = options.l2 === undefined ? undefined : Number(options.l2);
  if (l2 !== undefined && !(l2 >= 0)) {
    throw new CalibraError(ErrorCodes.INVALID_OPTIONS, `--l2 must be a number ≥ 0, got "${options.l2}".`);
  }
  const json: CalibraModelJson =
    options.model === "logistic"
      ? trainLogistic(features, labels, {
          posWeight,
          featureNames: names,
          ...(l2 !== undefined ? { l2 } : {}),
        })
      : trainMLP(features, labels, {
          posWeight,
          featureNames: names,
          hidden: options.hidden.split(",").map((width) => positiveNumber(width, "--hidden", true)),
          activation: options.activation as "relu" | "tanh" | "sigmoid",
          epochs: positiveNumber(options.epochs, "--epochs", true),
          seed: Number(options.seed),
          ...(l2 !== undefined ? { l2 } : {}),
        });
  await writeTextAtomically(options.output, `${JSON.stringify(json, null, 2)}\n`);
  note(
    environment,
    options,
    `calibra train: ${options.model} on ${rows} rows × ${names.length} features of ${file}, ` +
      `P(${options.labelCol} = ${options.positive}), prevalence ${formatNumber(positives / rows)}, posWeight ${formatNumber(posWeight)}\nwrote ${options.output}`,
  );
}

/** `calibra train`: trains a backend-ts model (logistic regression or MLP) on a labelled feature table. */
export function registerTrain(program: Command, environment: CliEnvironment): void {
  withCommonOptions(program.command("train"))
    .description("train a logistic regression or MLP (backend-ts JSON) on a labelled feature table")
    .requiredOption("--data <file>", "features and labels: CSV (, ; or tab) or JSON Lines")
    .option("--label-col <name>", "label column", "label")
    .option("--positive <value>", "the label value of the positive class", "1")
    .option("--model <kind>", "logistic | mlp", "logistic")
    .option("--features <names>", "feature columns, comma-separated (default: every column but the label)")
    .option("--exclude <names>", "columns to leave out (ids, say)")
    .option("--hidden <widths>", "hidden layer widths of the MLP", "16")
    .option("--activation <id>", "hidden activation of the MLP: relu | tanh | sigmoid", "relu")
    .option("--epochs <n>", "MLP training epochs", "100")
    .option("--l2 <lambda>", "L2 penalty (default: backend-ts's)")
    .option("--pos-weight <w>", 'weight of each positive row\'s loss, or "balanced"', "1")
    .option("--seed <n>", "MLP seed", "42")
    .requiredOption("-o, --output <file>", "where to write the model (JSON)")
    .addHelpText("after", EXAMPLES)
    .action((options: TrainOptions) => runTrain(options, environment));
}
