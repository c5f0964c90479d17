import { CalibraError, ErrorCodes, logit, sigmoidArray } from "@calibra/core";
import type { Command } from "commander";
import type { CliEnvironment, CommonOptions } from "../cli-io.js";
import { withCommonOptions } from "../common-options.js";
import { rawCutoff } from "../describe-pipeline.js";
import { createProgress } from "../io/index.js";
import { encodeLabelColumn, readLabelledScores } from "../labelled-data.js";
import { readPipelineFile } from "../pipeline-file.js";
import { buildRegistry } from "../registry.js";
import { DEFAULT_EVALUATION_BINS, evaluate } from "../report/evaluate.js";
import { evaluationJson } from "../report/evaluation-json.js";
import { renderHtmlReport } from "../report/html-report.js";
import { renderTable } from "../report/render-table.js";
import { activationWithColumns } from "../score-columns.js";
import { writeTextAtomically } from "../text-files.js";

interface EvaluateOptions extends CommonOptions {
  data: string;
  pipeline?: string;
  scoreCol?: string;
  labelCol?: string;
  positive?: string;
  activation: string;
  bins: string;
  format: string;
  report?: string;
}

/** Threshold of the confusion matrix without a pipeline. */
const DEFAULT_THRESHOLD = 0.5;

const EXAMPLES = `
Examples:
  $ calibra evaluate --data scores.csv
  $ calibra evaluate --data test.csv --pipeline pipeline.json --report report.html
  $ calibra evaluate --data test.csv --pipeline pipeline.json --format json --bins 10

Prints Brier score, log loss, ECE/MCE/ACE, ROC AUC, average precision and the confusion matrix at the pipeline's
threshold (0.5 without one), before calibration (the sigmoid of the activation's log-odds) and after it, with an
ASCII reliability diagram. --format json prints one object with keys brier, log_loss, ece, mce, roc_auc,
average_precision under "uncalibrated" and, with a pipeline, "calibrated". --report writes a self-contained HTML
page with the reliability diagram, per-class score histograms, ROC and PR curves. Score and label columns default
to those the pipeline was fitted on (else "score" and "label").`;

async function runEvaluate(options: EvaluateOptions, environment: CliEnvironment): Promise<void> {
  if (options.format !== "table" && options.format !== "json") {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `--format must be table or json, got "${options.format}".`,
    );
  }
  const bins = Number(options.bins);
  if (!Number.isInteger(bins) || bins < 1) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `--bins must be a positive integer, got "${options.bins}".`,
    );
  }
  const { registry } = await buildRegistry({
    plugins: options.plugin,
    config: options.config,
    cwd: environment.cwd,
  });
  const pipeline = options.pipeline ? await readPipelineFile(options.pipeline, registry) : undefined;
  const { activation, scoreColumns } = pipeline
    ? {
        activation: pipeline.activation,
        scoreColumns: options.scoreCol?.split(",").map((name) => name.trim()) ?? [
          ...(pipeline.fit?.scoreColumns ?? ["score"]),
        ],
      }
    : activationWithColumns(registry, options.activation, options.scoreCol, undefined);
  if (scoreColumns.length !== activation.columns) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `activation "${activation.id}" reads ${activation.columns} column(s); --score-col names ${scoreColumns.length}.`,
    );
  }
  const labelColumn = options.labelCol ?? pipeline?.fit?.labelColumn ?? "label";
  const positive = options.positive ?? pipeline?.classes.positive ?? "1";
  const progress = createProgress({
    quiet: options.quiet ?? false,
    stream: environment.stderr,
    label: "reading",
  });
  const data = await readLabelledScores(options.data, scoreColumns, labelColumn, progress.onProgress).finally(
    () => progress.stop(),
  );
  const encoded = encodeLabelColumn(
    data.labels as string[],
    { positive, negative: pipeline?.classes.negative },
    data.file,
    labelColumn,
  );
  const raw = { data: data.raw, rows: data.rows, columns: scoreColumns.length };
  const logOdds = activation.toLogOdds(raw);
  const uncalibrated = sigmoidArray(logOdds);
  const threshold = pipeline?.threshold ?? DEFAULT_THRESHOLD;
  const cutoff = pipeline ? rawCutoff(pipeline) : { value: logit(DEFAULT_THRESHOLD) };
  const evaluation = evaluate({
    data: data.file,
    probabilities: uncalibrated,
    labels: encoded.labels,
    ...(pipeline ? { calibrated: pipeline.probabilitiesFromLogOdds(logOdds) } : {}),
    classes: { ...encoded.classes, column: labelColumn },
    threshold: { probability: threshold, logOdds: "value" in cutoff ? cutoff.value : Number.NaN },
    bins,
    ...(pipeline
      ? {
          pipeline: `${pipeline.activation.id} → ${pipeline.calibrator?.id ?? "no calibrator"}${pipeline.priorShift ? " → prior shift" : ""} → ${pipeline.thresholder.id}`,
        }
      : {}),
  });
  if (options.report) await writeTextAtomically(options.report, renderHtmlReport(evaluation));
  if (options.format === "json") {
    environment.stdout.write(`${JSON.stringify(evaluationJson(evaluation), null, 2)}\n`);
  } else {
    const color = Boolean(environment.stdout.isTTY) && process.env.NO_COLOR === undefined;
    environment.stdout.write(renderTable(evaluation, { color }));
    if (options.report && !options.quiet) environment.stderr.write(`wrote ${options.report}\n`);
  }
}

/** `calibra evaluate`: calibration and ranking metrics before and after a pipeline. */
export function registerEvaluate(program: Command, environment: CliEnvironment): void {
  withCommonOptions(program.command("evaluate"))
    .description(
      "measure calibration and ranking before and after a pipeline; print a table or JSON, write HTML",
    )
    .requiredOption("--data <file>", "labelled scores: CSV (, ; or tab) or JSON Lines")
    .option("--pipeline <file>", "pipeline spec to evaluate (its threshold sets the confusion matrix)")
    .option("--score-col <names>", "score column(s) (default: the pipeline's, else score)")
    .option("--label-col <name>", "label column (default: the pipeline's, else label)")
    .option("--positive <value>", "label value of the positive class (default: the pipeline's, else 1)")
    .option(
      "--activation <id>",
      "without a pipeline: sigmoid | softmax2 | probability | two-sigmoids",
      "sigmoid",
    )
    .option("--bins <n>", "bins of ECE/MCE/ACE and the reliability diagram", String(DEFAULT_EVALUATION_BINS))
    .option("--format <format>", "table | json", "table")
    .option("--report <file>", "also write a self-contained HTML report")
    .addHelpText("after", EXAMPLES)
    .action((options: EvaluateOptions) => runEvaluate(options, environment));
}
