import { CalibraError, ErrorCodes, type ModelSource } from "@calibra/core";
import { hasModelFormat } from "./model-format.js";

/** The file extension of a model file. */
export const MODEL_FILE_EXTENSION = ".json";

function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where} is not valid JSON; a Calibra model file is JSON.`,
      {
        cause,
      },
    );
  }
}

/** True for a string that is JSON text rather than a file path. */
function isJsonText(source: string): boolean {
  return source.trimStart().startsWith("{");
}

/**
 * Reads a model source into an unvalidated JSON value: an object as is, bytes as UTF-8 JSON, a string as JSON
 * text when it starts with `{`, and otherwise as a file path (read with `node:fs/promises`, imported only here so
 * that browser bundles never pull in `fs`).
 */
export async function readModelSource(source: ModelSource): Promise<{ value: unknown; where: string }> {
  if (source instanceof Uint8Array) {
    return { value: parseJsonText(new TextDecoder().decode(source), "model bytes"), where: "model bytes" };
  }
  if (typeof source === "string") {
    if (isJsonText(source)) return { value: parseJsonText(source, "model text"), where: "model text" };
    let text: string;
    try {
      const fs = await import("node:fs/promises");
      text = await fs.readFile(source, "utf8");
    } catch (cause) {
      throw new CalibraError(
        ErrorCodes.BACKEND,
        `cannot read model file "${source}": ${(cause as Error).message}. Check the path, or pass the parsed JSON object.`,
        { cause, details: { path: source } },
      );
    }
    return { value: parseJsonText(text, `model file "${source}"`), where: source };
  }
  return { value: source, where: "model" };
}

interface SyncFs {
  readFileSync(path: string, encoding: "utf8"): string;
}

/** Node's `fs` when the runtime exposes `process.getBuiltinModule` (Node ≥ 20.16), without importing it. */
function builtinFs(): SyncFs | undefined {
  const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return processLike?.getBuiltinModule?.("node:fs") as SyncFs | undefined;
}

/**
 * True when the source looks like a Calibra model: an object or JSON tagged `format: "calibra.model"`, or a path
 * ending in `.json` whose content is. Where the file cannot be read synchronously (browsers, old Node), a `.json`
 * path is accepted on its name and `load` gives the verdict.
 */
export function isModelSource(source: ModelSource): boolean {
  try {
    if (source instanceof Uint8Array) return hasModelFormat(JSON.parse(new TextDecoder().decode(source)));
    if (typeof source === "string") {
      if (isJsonText(source)) return hasModelFormat(JSON.parse(source));
      if (!source.toLowerCase().endsWith(MODEL_FILE_EXTENSION)) return false;
      const fs = builtinFs();
      if (!fs) return true;
      return hasModelFormat(JSON.parse(fs.readFileSync(source, "utf8")));
    }
    return hasModelFormat(source);
  } catch {
    // Unreadable or not JSON: not a source this backend recognises.
    return false;
  }
}
