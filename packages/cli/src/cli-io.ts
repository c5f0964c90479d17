import type { Writable } from "node:stream";

/** Where a command reads its environment from and writes to: the process's, or a test's. */
export interface CliEnvironment {
  readonly cwd: string;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
}

/** The options every command takes. */
export interface CommonOptions {
  /** `--plugin` values (repeatable). */
  readonly plugin: string[];
  /** `--config` value. */
  readonly config?: string;
  /** `--quiet`: no progress bar, no summary on stderr. */
  readonly quiet?: boolean;
}

/** Writes a line to stderr unless quiet: the commands' running commentary. */
export function note(environment: CliEnvironment, options: CommonOptions, line: string): void {
  if (!options.quiet) environment.stderr.write(`${line}\n`);
}
