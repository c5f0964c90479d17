import type { Command } from "commander";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds the options every command takes: `--plugin` (repeatable), `--config`, `--quiet`. */
export function withCommonOptions(command: Command): Command {
  return command
    .option(
      "--plugin <module>",
      "load a plugin module (a file path or an installed package); repeatable",
      collect,
      [],
    )
    .option(
      "--config <file>",
      "read plugins from this config file (default: ./calibra.config.json if present)",
    )
    .option("-q, --quiet", "no progress bar and no summary on stderr");
}
