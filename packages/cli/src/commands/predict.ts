import { basename } from "node:path";
import {
  type AnyActivation,
  CalibraError,
  createActivation,
  ErrorCodes,
  type Pipeline,
  sigmoidArray,
} from "@calibra/core";
import type { Command } from "commander";
import { type CliEnvironment, type CommonOptions, note } from "../cli-io.js";
import { withCommonOptions } from "../common-options.js";
import {
  chooseFeatureColumns,
  listOption,
  missingValuesError,
  readFeatureMatrix,
} from "../feature-columns.js";
import { createProgress, createTableWriter, type OutputColumn, openTable } from "../io/index.js";
import { loadModel } from "../model-loading.js";
import { assertNewColumns, DECISION_COLUMN, LOG_ODDS_COLUMN, probabilityColumn } from "../output-columns.js";
import { readPipelineFile } from "../pipeline-file.js";
import { buildRegistry } from "../registry.js";

interface PredictOptions extends CommonOptions {
  model: string;
  pipeline?: string;
  data: string;
  output: string;
  backend?: string;
  features?: string;
  exclude?: string;
  activation?: string;
  positiveName: string;
}

const EXAMPLES = `
Examples:
  $ calibra predict --model model.onnx --data features.csv -o scores.csv
  $ calibra predict --model tfjs/model.json --pipeline pipeline.json --data features.csv -o decisions.csv
  $ calibra predict --model model.json --data features.jsonl --exclude id,churn --positive-name churn -o scores.jsonl

The backend follows the model file (.onnx → ONNX Runtime, a TensorFlow.js model.json → tfjs, a Calibra JSON
model → pure TypeScript); --backend forces one. Feature columns: --features, else the names the model file
records, else every column but --exclude. Without --pipeline the output adds log_odds and the uncalibrated
p_<--positive-name>, the activation chosen from the model's output (--activation to override); with --pipeline
it adds log_odds, p_<positive class> and decision. Rows keep the input's order.`;

function activationFor(
  pipeline: Pipeline | undefined,
  activationId: string | undefined,
  suggested: string | undefined,
  build: (id: string) => AnyActivation,
): AnyActivation {
  if (pipeline) {
    if (activationId !== undefined && activationId !== pipeline.activation.id) {
      throw new CalibraError(
        ErrorCodes.INVALID_OPTIONS,
        `--activation ${activationId} differs from the pipeline's "${pipeline.activation.id}"; the pipeline was fitted with its own.`,
      );
    }
    return pipeline.activation;
  }
  const id = activationId ?? suggested;
  if (id === undefined) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      "the backend cannot tell what the model outputs: pass --activation sigmoid | softmax2 | probability | two-sigmoids.",
    );
  }
  return build(id);
}

async function runPredict(options: PredictOptions, environment: CliEnvironment): Promise<void> {
  const { registry } = await buildRegistry({
    plugins: options.plugin,
    config: options.config,
    cwd: environment.cwd,
  });
  const pipeline = options.pipeline ? await readPipelineFile(options.pipeline, registry) : undefined;
  const model = await loadModel(registry, options.model, options.backend);
  const progress = createProgress({
    quiet: options.quiet ?? false,
    stream: environment.stderr,
    label: "predicting",
  });
  let writer: Awaited<ReturnType<typeof createTableWriter>> | undefined;
  try {
    const activation = activationFor(pipeline, options.activation, model.suggestedActivation, (id) =>
      createActivation(registry.activation(id)),
    );
    const file = basename(options.data);
    const reader = await openTable(options.data, { onProgress: progress.onProgress });
    const { names, indices } = chooseFeatureColumns(file, reader.columns, {
      features: listOption(options.features),
      modelNames: model.featureNames,
      exclude: listOption(options.exclude),
      expected: model.featureCount,
    });
    const pColumn = probabilityColumn(pipeline ? pipeline.classes.positive : options.positiveName);
    const added = pipeline ? [LOG_ODDS_COLUMN, pColumn, DECISION_COLUMN] : [LOG_ODDS_COLUMN, pColumn];
    assertNewColumns(file, reader.columns, added);
    const classNames = pipeline ? [pipeline.classes.negative, pipeline.classes.positive] : [];
    writer = await createTableWriter(options.output, reader.format);
    const width = names.length;
    let matrix = new Float64Array(0);
    let column = new Float64Array(0);
    let rows = 0;
    let missing = 0;
    let firstMissingLine = 0;
    for await (const batch of reader) {
      const n = batch.rows;
      if (matrix.length < n * width) {
        matrix = new Float64Array(n * width);
        column = new Float64Array(n);
      }
      const found = readFeatureMatrix(batch, file, names, indices, matrix, column);
      if (missing === 0) firstMissingLine = found.firstMissingLine;
      missing += found.missingRows;
      rows += n;
      if (missing > 0 || n === 0) continue;
      const output = await model.predict({ data: matrix.subarray(0, n * width), rows: n, columns: width });
      const logOdds = activation.toLogOdds(output);
      const probabilities = pipeline ? pipeline.probabilitiesFromLogOdds(logOdds) : sigmoidArray(logOdds);
      const extra: OutputColumn[] = [
        { name: LOG_ODDS_COLUMN, values: logOdds },
        { name: pColumn, values: probabilities },
      ];
      if (pipeline) {
        const decisions = pipeline.decideFromLogOdds(logOdds);
        const chosen = new Array<string>(n);
        for (let i = 0; i < n; i++) chosen[i] = classNames[decisions[i] as number] as string;
        extra.push({ name: DECISION_COLUMN, values: chosen });
      }
      await writer.write(batch, extra);
    }
    if (missing > 0) throw missingValuesError(file, "feature", missing, rows, firstMissingLine);
    await writer.commit();
    note(
      environment,
      options,
      `calibra predict: ${rows} rows of ${file} through ${model.backend} (${model.runtime}), activation ${activation.id} → ${options.output} (${added.join(", ")})`,
    );
  } catch (error) {
    await writer?.abort();
    throw error;
  } finally {
    progress.stop();
    await model.dispose();
  }
}

/** `calibra predict`: runs a model over a feature table, then (optionally) a pipeline. */
export function registerPredict(program: Command, environment: CliEnvironment): void {
  withCommonOptions(program.command("predict"))
    .description("run a model (ONNX, TensorFlow.js or Calibra JSON) over a feature table, then a pipeline")
    .requiredOption("--model <file>", "a .onnx file, a TensorFlow.js model.json, or a Calibra JSON model")
    .option("--pipeline <file>", "pipeline spec to apply to the model's output")
    .requiredOption("--data <file>", "feature rows: CSV (, ; or tab) or JSON Lines")
    .requiredOption("-o, --output <file>", "where to write the rows (same format as the input)")
    .option("--backend <id>", "force a backend: ts | onnx | tfjs (or a plugin's)")
    .option("--features <names>", "feature columns in the model's order, comma-separated")
    .option("--exclude <names>", "columns that are not features (ids, labels)")
    .option(
      "--activation <id>",
      "how to read the model's output: sigmoid | softmax2 | probability | two-sigmoids",
    )
    .option("--positive-name <name>", "class name for the p_<name> column without a pipeline", "positive")
    .addHelpText("after", EXAMPLES)
    .action((options: PredictOptions) => runPredict(options, environment));
}
