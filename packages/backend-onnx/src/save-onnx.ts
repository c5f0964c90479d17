import type { CalibraModelJson } from "@calibra/backend-ts";
import { CalibraError, ErrorCodes } from "@calibra/core";
import { type ExportOnnxOptions, exportOnnx } from "./export-onnx.js";

/**
 * Exports `model` with {@link exportOnnx} and writes it to `path` atomically (Node only): the bytes go to a
 * temporary file in the same directory, which is then renamed over `path`, so a reader never sees a partial file
 * and an existing file is replaced whole or not at all. Option errors are thrown before anything is written;
 * a failed write is `E_BACKEND` naming the path, and the temporary file is removed.
 */
export async function saveOnnx(
  model: CalibraModelJson,
  path: string,
  options: ExportOnnxOptions = {},
): Promise<void> {
  const bytes = exportOnnx(model, options);
  const fs = await import("node:fs/promises");
  const { randomUUID } = await import("node:crypto");
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(temporary, bytes, { flag: "wx" });
    await fs.rename(temporary, path);
  } catch (cause) {
    await fs.rm(temporary, { force: true });
    throw new CalibraError(
      ErrorCodes.BACKEND,
      `cannot write ONNX model to "${path}": ${(cause as Error).message}. Check that the directory exists and is writable.`,
      { cause, details: { path } },
    );
  }
}
