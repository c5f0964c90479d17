import { CalibraError, ErrorCodes, type ModelSource } from "@calibra/core";
import { decodeOnnxModel } from "./inspect-onnx.js";

/** The file extension of ONNX models. */
export const ONNX_FILE_EXTENSION = ".onnx";

/** A model source read into memory. */
export interface OnnxSourceBytes {
  readonly bytes: Uint8Array;
  /** How errors name the source: the path, or "model bytes". */
  readonly where: string;
  /** The file path, when the source is one (the runtime opens it itself, so external-data files resolve). */
  readonly path: string | undefined;
}

/**
 * Reads a model source: bytes as they are, a string as a file path (read with `node:fs/promises`, imported only
 * here so that browser bundles never pull in `fs`). Throws `E_BACKEND` naming the path when the file cannot be
 * read, `E_MODEL_FORMAT` for anything that is neither.
 */
export async function readOnnxSource(source: ModelSource): Promise<OnnxSourceBytes> {
  if (source instanceof Uint8Array) return { bytes: source, where: "model bytes", path: undefined };
  if (typeof source === "string") {
    try {
      const fs = await import("node:fs/promises");
      const bytes = new Uint8Array(await fs.readFile(source));
      return { bytes, where: `model file "${source}"`, path: source };
    } catch (cause) {
      throw new CalibraError(
        ErrorCodes.BACKEND,
        `cannot read model file "${source}": ${(cause as Error).message}. Check the path, or pass the file's bytes.`,
        { cause, details: { path: source } },
      );
    }
  }
  throw new CalibraError(
    ErrorCodes.MODEL_FORMAT,
    "the onnx backend loads a .onnx file path or the file's bytes (a Uint8Array), not an object. " +
      "To run a Calibra JSON model with onnxruntime, convert it with exportOnnx(model) first.",
  );
}

/**
 * True when the source looks like an ONNX model: a path ending in `.onnx` (by name; `load` reads it), or bytes
 * that decode as an ONNX ModelProto with a graph.
 */
export function isOnnxSource(source: ModelSource): boolean {
  if (typeof source === "string") return source.toLowerCase().endsWith(ONNX_FILE_EXTENSION);
  if (!(source instanceof Uint8Array)) return false;
  try {
    decodeOnnxModel(source);
    return true;
  } catch {
    // Not decodable as an ONNX model: not a source this backend recognises.
    return false;
  }
}
