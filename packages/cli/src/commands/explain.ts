import type { Command } from "commander";
import type { CliEnvironment, CommonOptions } from "../cli-io.js";
import { withCommonOptions } from "../common-options.js";
import { describePipeline } from "../describe-pipeline.js";
import { readPipelineFile } from "../pipeline-file.js";
import { buildRegistry } from "../registry.js";

interface ExplainOptions extends CommonOptions {
  pipeline: string;
}

/** `calibra explain`: says in plain words what a pipeline does. */
export function registerExplain(program: Command, environment: CliEnvironment): void {
  withCommonOptions(program.command("explain"))
    .description("say in plain words what a pipeline does")
    .requiredOption("--pipeline <file>", "pipeline spec written by calibra fit")
    .addHelpText(
      "after",
      `
Example:
  $ calibra explain --pipeline pipeline.json

Prints which class the probability is for, the activation, the calibrator and its parameters, any prior shift,
and the threshold both as a probability and as a cutoff on the model's raw log-odds.`,
    )
    .action(async (options: ExplainOptions) => {
      const { registry } = await buildRegistry({
        plugins: options.plugin,
        config: options.config,
        cwd: environment.cwd,
      });
      const pipeline = await readPipelineFile(options.pipeline, registry);
      environment.stdout.write(`${describePipeline(pipeline).join("\n")}\n`);
    });
}
