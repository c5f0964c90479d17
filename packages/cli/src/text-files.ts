import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CalibraError, ErrorCodes } from "@calibra/core";

/**
 * Writes `text` to `path` atomically: into a temporary file in the same directory (so the rename stays on one file
 * system), then renamed over `path`. A reader sees the old file or the new one, never half of either; on failure
 * the temporary file is removed and `path` is untouched. `E_IO` naming the path when it cannot be written.
 */
export async function writeTextAtomically(path: string, text: string): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temporary, text, { flag: "wx" });
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new CalibraError(ErrorCodes.IO, `cannot write "${path}": ${(cause as Error).message}`, {
      cause,
      details: { path },
    });
  }
}

/** Reads a UTF-8 file; `E_IO` naming the path when it cannot be read. */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (cause) {
    throw new CalibraError(ErrorCodes.IO, `cannot read ${what} "${path}": ${(cause as Error).message}`, {
      cause,
      details: { path },
    });
  }
}
