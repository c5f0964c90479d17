import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { CalibraError, ErrorCodes, validateWithSchema } from "@calibra/core";
import { z } from "zod";

/** The file `calibra` looks for in the working directory when `--config` is not given. */
export const CONFIG_FILE_NAME = "calibra.config.json";

const configSchema = z
  .object({
    /** Plugin modules to load, as for `--plugin`: paths relative to the config file, or package names. */
    plugins: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** A read `calibra.config.json`: its plugins, and the directory relative paths in it are resolved against. */
export interface CalibraConfig {
  readonly plugins: readonly string[];
  readonly directory: string;
  readonly path: string | undefined;
}

/**
 * Reads the config file: `explicitPath` when given (it must exist), else `calibra.config.json` in `cwd` when there
 * is one, else an empty config. A malformed file is `E_SPEC_INVALID` naming the field.
 */
export async function readConfig(cwd: string, explicitPath?: string): Promise<CalibraConfig> {
  const path = resolve(cwd, explicitPath ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    if (explicitPath === undefined && (cause as NodeJS.ErrnoException).code === "ENOENT") {
      return { plugins: [], directory: cwd, path: undefined };
    }
    throw new CalibraError(ErrorCodes.IO, `cannot read config file "${path}": ${(cause as Error).message}`, {
      cause,
      details: { path },
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CalibraError(
      ErrorCodes.SPEC_INVALID,
      `${path} is not valid JSON: ${(cause as Error).message}`,
      {
        cause,
        details: { path },
      },
    );
  }
  const config = validateWithSchema(configSchema, value, path, ErrorCodes.SPEC_INVALID);
  return { plugins: config.plugins, directory: dirname(path), path };
}
