import { isCalibraError } from "@calibra/core";
import { Command, CommanderError } from "commander";
import type { CliEnvironment } from "./cli-io.js";
import { registerApply } from "./commands/apply.js";
import { registerEvaluate } from "./commands/evaluate.js";
import { registerExplain } from "./commands/explain.js";
import { registerFit } from "./commands/fit.js";
import { registerPlugins } from "./commands/plugins.js";
import { registerPredict } from "./commands/predict.js";
import { registerSplit } from "./commands/split.js";
import { registerTrain } from "./commands/train.js";

/** Exit codes: success, bad input or usage, and an internal error (a bug: please report it). */
export const ExitCodes = { OK: 0, BAD_INPUT: 1, INTERNAL: 2 } as const;

/** The CLI's version, as published. */
export const CLI_VERSION = "0.1.0";

/** Builds the `calibra` program with every command, writing to `environment`'s streams. */
export function createProgram(environment: CliEnvironment): Command {
  const program = new Command("calibra")
    .description(
      "Calibrated probabilities and defensible decisions from a binary classifier's raw output.\n" +
        "Fit a pipeline on labelled scores, apply it to files of any size, evaluate and explain it.",
    )
    .version(CLI_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (text) => environment.stdout.write(text),
      writeErr: (text) => environment.stderr.write(text),
    })
    .exitOverride();
  registerSplit(program, environment);
  registerTrain(program, environment);
  registerFit(program, environment);
  registerApply(program, environment);
  registerPredict(program, environment);
  registerEvaluate(program, environment);
  registerExplain(program, environment);
  registerPlugins(program, environment);
  program.addHelpText(
    "after",
    `
A session:
  $ calibra split --data data.csv --fractions 0.5,0.25,0.25 --stratify churn -o train.csv,validation.csv,test.csv
  $ calibra train --data train.csv --label-col churn --positive Yes --model logistic -o model.json
  $ calibra predict --model model.json --data validation.csv -o scores.csv
  $ calibra fit --data scores.csv --score-col log_odds --label-col churn --positive Yes --method auto \\
      --threshold f1 -o pipeline.json
  $ calibra evaluate --data scores.csv --score-col log_odds --label-col churn --positive Yes --pipeline pipeline.json
  $ calibra apply --pipeline pipeline.json --data new-scores.csv -o decisions.csv`,
  );
  for (const command of program.commands)
    command.exitOverride().showHelpAfterError("(run with --help for usage)");
  return program;
}

/**
 * Runs `calibra` with `argv` (without the node and script paths) and returns the exit code: 0 on success, 1 on bad
 * input or usage (the message says what and where), 2 on an internal error (with the stack, to report).
 */
export async function main(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const program = createProgram(environment);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCodes.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message already; help and version requests end here too.
      return error.exitCode === 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
    if (isCalibraError(error)) {
      environment.stderr.write(`calibra: error [${error.code}]: ${error.message}\n`);
      return ExitCodes.BAD_INPUT;
    }
    environment.stderr.write(
      `calibra: internal error: ${(error as Error)?.stack ?? String(error)}\nThis is a bug in calibra; please report it with the command you ran.\n`,
    );
    return ExitCodes.INTERNAL;
  }
}
