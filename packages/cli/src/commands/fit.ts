import {
  type AnyCalibrator,
  CalibraError,
  calibrateCV,
  createCalibrator,
  ErrorCodes,
  fitPipeline,
  Pipeline,
  type Registry,
} from "@calibra/core";
import { priorShift } from "@calibra/thresholds";
import type { Command } from "commander";
import { type CliEnvironment, type CommonOptions, note } from "../cli-io.js";
import { withCommonOptions } from "../common-options.js";
import { parseComponentSpec } from "../component-spec.js";
import { describePipeline, formatNumber } from "../describe-pipeline.js";
import { createProgress } from "../io/index.js";
import { encodeLabelColumn, readLabelledScores } from "../labelled-data.js";
import { buildRegistry } from "../registry.js";
import { activationWithColumns } from "../score-columns.js";
import { writeTextAtomically } from "../text-files.js";
import { parseThreshold, THRESHOLD_FORMS } from "../threshold-spec.js";

interface FitOptions extends CommonOptions {
  data: string;
  method: string;
  scoreCol?: string;
  labelCol: string;
  positive: string;
  activation: string;
  threshold?: string;
  deployPrevalence?: string;
  cv: string;
  seed: string;
  output: string;
}

/** Default folds of `--method auto`. */
export const DEFAULT_CV_FOLDS = 5;

const EXAMPLES = `
Examples:
  $ calibra fit --data scores.csv --method platt -o pipeline.json
  $ calibra fit --data val.csv --score-col logit --label-col churn --positive Yes \\
      --method auto --threshold f1 -o pipeline.json
  $ calibra fit --data val.csv --method histogram:bins=20 --threshold cost:fp=1,fn=5 -o pipeline.json
  $ calibra fit --data val.csv --activation softmax2 --score-col z_neg,z_pos --method temperature \\
      --threshold "precision>=0.9" --deploy-prevalence 0.02 -o pipeline.json

METHOD: platt, isotonic, temperature, beta, histogram, auto (the candidate with the lowest cross-validated log
loss), none, or any calibrator a loaded plugin registers; options after a colon (histogram:bins=20).
THRESHOLD: ${THRESHOLD_FORMS}.`;

function parseNumberOption(
  text: string | undefined,
  flag: string,
  check: (value: number) => boolean,
  rule: string,
) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !check(value)) {
    throw new CalibraError(ErrorCodes.INVALID_OPTIONS, `${flag} must be ${rule}, got "${text}".`);
  }
  return value;
}

/** The calibrator `--method` names; for `auto`, the cross-validated choice among every registered calibrator. */
function chooseCalibrator(
  method: string,
  registry: Registry,
  logOdds: () => Float64Array,
  labels: Uint8Array,
  folds: number,
  seed: number,
): { calibrator: AnyCalibrator | null; scores?: { id: string; logLoss: number }[] } {
  if (method === "none") return { calibrator: null };
  if (method === "auto") {
    const candidates = registry
      .list()
      .flatMap((plugin) => plugin.calibrators)
      .map((id) => createCalibrator(registry.calibrator(id)));
    const result = calibrateCV(candidates, logOdds(), labels, { folds, seed });
    const chosen = candidates.find((candidate) => candidate.id === result.chosen) as AnyCalibrator;
    return { calibrator: chosen, scores: result.scores.map(({ id, logLoss }) => ({ id, logLoss })) };
  }
  const { id, options } = parseComponentSpec(method, "--method");
  return { calibrator: createCalibrator(registry.calibrator(id), options) };
}

async function runFit(options: FitOptions, environment: CliEnvironment): Promise<void> {
  const { registry } = await buildRegistry({
    plugins: options.plugin,
    config: options.config,
    cwd: environment.cwd,
  });
  const folds = parseNumberOption(
    options.cv,
    "--cv",
    (v) => Number.isInteger(v) && v >= 2,
    "an integer ≥ 2",
  ) as number;
  const seed = parseNumberOption(options.seed, "--seed", Number.isInteger, "an integer") as number;
  const deployPrevalence = parseNumberOption(
    options.deployPrevalence,
    "--deploy-prevalence",
    (v) => v > 0 && v < 1,
    "a prevalence strictly between 0 and 1",
  );
  const { activation, scoreColumns } = activationWithColumns(
    registry,
    options.activation,
    options.scoreCol,
    undefined,
  );
  const thresholder =
    options.threshold === undefined ? undefined : parseThreshold(options.threshold, registry);

  const progress = createProgress({
    quiet: options.quiet ?? false,
    stream: environment.stderr,
    label: "reading",
  });
  const data = await readLabelledScores(
    options.data,
    scoreColumns,
    options.labelCol,
    progress.onProgress,
  ).finally(() => progress.stop());
  const encoded = encodeLabelColumn(
    data.labels as string[],
    { positive: options.positive },
    data.file,
    options.labelCol,
  );
  const raw = { data: data.raw, rows: data.rows, columns: scoreColumns.length };
  const { calibrator, scores } = chooseCalibrator(
    options.method,
    registry,
    () => activation.toLogOdds(raw),
    encoded.labels,
    folds,
    seed,
  );
  let positives = 0;
  for (const label of encoded.labels) positives += label;
  const prevalence = positives / data.rows;
  const fitted = fitPipeline({
    raw,
    labels: encoded,
    activation,
    calibrator,
    ...(thresholder ? { thresholder } : {}),
    ...(deployPrevalence !== undefined
      ? { priorShift: priorShift({ trainPrevalence: prevalence, deployPrevalence }) }
      : {}),
  });
  const pipeline = new Pipeline({
    classes: fitted.classes,
    activation: fitted.activation,
    calibrator: fitted.calibrator,
    priorShift: fitted.priorShift,
    thresholder: fitted.thresholder,
    fit: { ...(fitted.fit as NonNullable<typeof fitted.fit>), scoreColumns, labelColumn: options.labelCol },
  });
  await writeTextAtomically(options.output, `${JSON.stringify(pipeline.toJSON(), null, 2)}\n`);

  note(environment, options, `calibra fit: ${data.rows} rows of ${data.file}`);
  if (scores) {
    note(environment, options, "  cross-validated log loss (--method auto):");
    for (const score of scores) {
      const marker = score.id === calibrator?.id ? "  ← chosen" : "";
      note(environment, options, `    ${score.id.padEnd(14)} ${formatNumber(score.logLoss)}${marker}`);
    }
  }
  for (const line of describePipeline(pipeline)) note(environment, options, `  ${line}`);
  note(environment, options, `wrote ${options.output}`);
}

/** `calibra fit`: fits a calibrator and a threshold on labelled scores and writes the pipeline spec. */
export function registerFit(program: Command, environment: CliEnvironment): void {
  withCommonOptions(program.command("fit"))
    .description("fit a calibrator (and a threshold) on labelled scores and write the pipeline spec")
    .requiredOption("--data <file>", "labelled scores: CSV (, ; or tab) or JSON Lines")
    .requiredOption("--method <method>", "calibration method (see below); options after a colon")
    .option(
      "--score-col <names>",
      'score column(s): one, or "neg,pos" for two-column activations (default: score)',
    )
    .option("--label-col <name>", "label column", "label")
    .option("--positive <value>", "the label value of the positive class", "1")
    .option("--activation <id>", "sigmoid | softmax2 | probability | two-sigmoids", "sigmoid")
    .option("--threshold <spec>", "how to choose the decision threshold (default 0.5; see below)")
    .option(
      "--deploy-prevalence <p>",
      "positive-class prevalence where the pipeline will be used (prior shift)",
    )
    .option("--cv <k>", "folds of --method auto", String(DEFAULT_CV_FOLDS))
    .option("--seed <n>", "seed of the folds of --method auto", "0")
    .requiredOption("-o, --output <file>", "where to write the pipeline spec (JSON)")
    .addHelpText("after", EXAMPLES)
    .action((options: FitOptions) => runFit(options, environment));
}
