import type { CalibraModelJson } from "@calibra/backend-ts";
import { CalibraError, ErrorCodes } from "@calibra/core";
import {
  type TfjsConversionOptions,
  type TfjsConvertedModel,
  toTfjsLayersModel,
  WEIGHTS_FILE_NAME,
} from "./converter.js";
import { MODEL_JSON_FILE_NAME } from "./model-json.js";

/** Where {@link saveTfjsModel} wrote the model. */
export interface SavedTfjsModel {
  /** The `model.json` path: what `loadTfjsModel` (or tfjs-node's `file://` loader) reads. */
  readonly modelJsonPath: string;
  readonly weightsPath: string;
}

function isConverted(model: CalibraModelJson | TfjsConvertedModel): model is TfjsConvertedModel {
  return "modelJson" in model && "weights" in model;
}

/**
 * Writes a model to `directory` (created if needed) as `model.json` plus `group1-shard1of1.bin`, in Node. Takes a
 * Calibra JSON model (converted with {@link toTfjsLayersModel} and `options`) or an already converted one. Each
 * file is written to a temporary file in the same directory and renamed over the target, so a reader never sees
 * a half-written file; the weights go first, so a new `model.json` never points at missing weights.
 */
export async function saveTfjsModel(
  model: CalibraModelJson | TfjsConvertedModel,
  directory: string,
  options: TfjsConversionOptions = {},
): Promise<SavedTfjsModel> {
  const converted = isConverted(model) ? model : await toTfjsLayersModel(model, options);
  const [fs, path] = await Promise.all([import("node:fs/promises"), import("node:path")]);
  const modelJsonPath = path.join(directory, MODEL_JSON_FILE_NAME);
  const weightsPath = path.join(directory, WEIGHTS_FILE_NAME);
  const writeAtomically = async (target: string, content: string | Uint8Array) => {
    const temporary = path.join(
      directory,
      `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
    );
    try {
      await fs.writeFile(temporary, content);
      await fs.rename(temporary, target);
    } catch (cause) {
      await fs.rm(temporary, { force: true });
      throw new CalibraError(
        ErrorCodes.BACKEND,
        `cannot write "${target}": ${(cause as Error).message}. Check that the directory is writable.`,
        { cause, details: { path: target } },
      );
    }
  };
  try {
    await fs.mkdir(directory, { recursive: true });
  } catch (cause) {
    throw new CalibraError(
      ErrorCodes.BACKEND,
      `cannot create the directory "${directory}": ${(cause as Error).message}.`,
      { cause, details: { path: directory } },
    );
  }
  await writeAtomically(weightsPath, converted.weights);
  await writeAtomically(modelJsonPath, `${JSON.stringify(converted.modelJson)}\n`);
  return { modelJsonPath, weightsPath };
}
