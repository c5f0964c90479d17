import { basename } from "node:path";
import { CalibraError, ErrorCodes } from "@calibra/core";
import type { Command } from "commander";
import { type CliEnvironment, type CommonOptions, note } from "../cli-io.js";
import { withCommonOptions } from "../common-options.js";
import { missingValuesError, readFeatureMatrix } from "../feature-columns.js";
import { columnIndex, createProgress, createTableWriter, openTable } from "../io/index.js";
import { assertNewColumns, DECISION_COLUMN, probabilityColumn } from "../output-columns.js";
import { readPipelineFile } from "../pipeline-file.js";
import { buildRegistry } from "../registry.js";
import { DEFAULT_SCORE_COLUMN } from "../score-columns.js";

interface ApplyOptions extends CommonOptions {
  pipeline: string;
  data: string;
  scoreCol?: string;
  output: string;
}

const EXAMPLES = `
Examples:
  $ calibra apply --pipeline pipeline.json --data scores.csv -o decisions.csv
  $ calibra apply --pipeline pipeline.json --data scores.jsonl --score-col logit -o decisions.jsonl

The output holds every input row and column, plus p_<positive class> (the calibrated probability) and decision
(the class name chosen at the pipeline's threshold), in the input's format and row order. The score columns are
those the pipeline was fitted on unless --score-col says otherwise. Rows with no score stop the command (nothing
is written) with their count and the first line.`;

async function runApply(options: ApplyOptions, environment: CliEnvironment): Promise<void> {
  const { registry } = await buildRegistry({
    plugins: options.plugin,
    config: options.config,
    cwd: environment.cwd,
  });
  const pipeline = await readPipelineFile(options.pipeline, registry);
  const width = pipeline.activation.columns;
  const scoreColumns = options.scoreCol
    ? options.scoreCol.split(",").map((name) => name.trim())
    : [...(pipeline.fit?.scoreColumns ?? [DEFAULT_SCORE_COLUMN])];
  if (scoreColumns.length !== width) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `the pipeline's activation "${pipeline.activation.id}" reads ${width} column${width > 1 ? "s" : ""}; --score-col names ${scoreColumns.length}.`,
    );
  }
  const file = basename(options.data);
  const progress = createProgress({
    quiet: options.quiet ?? false,
    stream: environment.stderr,
    label: "applying",
  });
  const reader = await openTable(options.data, { onProgress: progress.onProgress });
  const indices = scoreColumns.map((name) => columnIndex(reader.columns, name, file));
  const pColumn = probabilityColumn(pipeline.classes.positive);
  assertNewColumns(file, reader.columns, [pColumn, DECISION_COLUMN]);
  const names = [pipeline.classes.negative, pipeline.classes.positive];

  const writer = await createTableWriter(options.output, reader.format);
  let raw = new Float64Array(0);
  let column = new Float64Array(0);
  let logOdds = new Float64Array(0);
  let probabilities = new Float64Array(0);
  let rows = 0;
  let missing = 0;
  let firstMissingLine = 0;
  try {
    for await (const batch of reader) {
      const n = batch.rows;
      if (raw.length < n * width) {
        raw = new Float64Array(n * width);
        column = new Float64Array(n);
        logOdds = new Float64Array(n);
        probabilities = new Float64Array(n);
      }
      const missingInBatch = readFeatureMatrix(batch, file, scoreColumns, indices, raw, column);
      if (missing === 0) firstMissingLine = missingInBatch.firstMissingLine;
      missing += missingInBatch.missingRows;
      rows += n;
      // After the first row without a score nothing more is written: keep reading only to count them all.
      if (missing > 0) continue;
      const z = pipeline.logOdds(
        { data: raw.subarray(0, n * width), rows: n, columns: width },
        logOdds.subarray(0, n),
      );
      const p = pipeline.probabilitiesFromLogOdds(z, probabilities.subarray(0, n));
      const decisions = pipeline.decideFromLogOdds(z);
      const chosen = new Array<string>(n);
      for (let i = 0; i < n; i++) chosen[i] = names[decisions[i] as number] as string;
      await writer.write(batch, [
        { name: pColumn, values: p },
        { name: DECISION_COLUMN, values: chosen },
      ]);
    }
    if (missing > 0) throw missingValuesError(file, "score", missing, rows, firstMissingLine);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    progress.stop();
  }
  note(
    environment,
    options,
    `calibra apply: ${rows} rows of ${file} → ${options.output} (${pColumn}, ${DECISION_COLUMN})`,
  );
}

/** `calibra apply`: adds the calibrated probability and the decision to every row of a file, streaming. */
export function registerApply(program: Command, environment: CliEnvironment): void {
  withCommonOptions(program.command("apply"))
    .description("add p_<positive class> and decision columns to every row of a file, streaming")
    .requiredOption("--pipeline <file>", "pipeline spec written by calibra fit")
    .requiredOption("--data <file>", "rows with raw scores: CSV (, ; or tab) or JSON Lines")
    .option("--score-col <names>", "score column(s) (default: those the pipeline was fitted on)")
    .requiredOption("-o, --output <file>", "where to write the rows (same format as the input)")
    .addHelpText("after", EXAMPLES)
    .action((options: ApplyOptions) => runApply(options, environment));
}
