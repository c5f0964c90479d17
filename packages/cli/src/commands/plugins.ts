import type { Command } from "commander";
import type { CliEnvironment, CommonOptions } from "../cli-io.js";
import { withCommonOptions } from "../common-options.js";
import { buildRegistry } from "../registry.js";

interface PluginsOptions extends CommonOptions {
  json?: boolean;
}

/** `calibra plugins`: lists the registered plugins and the components each provides. */
export function registerPlugins(program: Command, environment: CliEnvironment): void {
  withCommonOptions(program.command("plugins"))
    .description("list registered plugins and their components")
    .option("--json", "print the list as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ calibra plugins
  $ calibra plugins --plugin ./my-calibrator.js
  $ calibra plugins --json

Plugins come from the first-party packages, from "plugins" in ./calibra.config.json, and from --plugin.`,
    )
    .action(async (options: PluginsOptions) => {
      const { registry, loaded } = await buildRegistry({
        plugins: options.plugin,
        config: options.config,
        cwd: environment.cwd,
      });
      const plugins = registry.list();
      if (options.json) {
        environment.stdout.write(`${JSON.stringify({ plugins, loaded }, null, 2)}\n`);
        return;
      }
      const lines: string[] = [];
      for (const plugin of plugins) {
        lines.push(
          `${plugin.name}${plugin.version ? ` ${plugin.version}` : ""} (plugin API ${plugin.apiVersion})`,
        );
        for (const kind of ["activations", "calibrators", "thresholders", "backends"] as const) {
          if (plugin[kind].length > 0) lines.push(`  ${kind.padEnd(12)} ${plugin[kind].join(", ")}`);
        }
      }
      for (const module of loaded) lines.push(`loaded ${module.module}: ${module.plugins.join(", ")}`);
      environment.stdout.write(`${lines.join("\n")}\n`);
    });
}
