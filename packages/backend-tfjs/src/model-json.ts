import { CalibraError, ErrorCodes } from "@calibra/core";
import type { io } from "@tensorflow/tfjs";

/** The content of a TensorFlow.js `model.json`: topology plus the manifest of weight shard files. */
export type TfjsModelJson = io.ModelJSON;

/** tfjs's in-memory model: topology, weight specs and the weight bytes (what `tf.io.fromMemory` takes). */
export type TfjsModelArtifacts = io.ModelArtifacts;

/** The two kinds of TensorFlow.js model: Keras-style layers, or a converted TensorFlow graph. */
export type TfjsModelKind = "layers-model" | "graph-model";

/** The model kinds, as their `format` field spells them. */
export const TFJS_MODEL_KINDS: readonly TfjsModelKind[] = ["layers-model", "graph-model"];

/** The file name tfjs (and this package) give the model description. */
export const MODEL_JSON_FILE_NAME = "model.json";

/** Bytes per element of each weight dtype (after dequantisation, when not quantised). */
const DTYPE_BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !ArrayBuffer.isView(value) && !Array.isArray(value);
}

/** True when `value` looks like tfjs model content: `format` "layers-model"/"graph-model" or a `modelTopology`. */
export function hasTfjsModelContent(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return (
    (TFJS_MODEL_KINDS as readonly unknown[]).includes(value.format) ||
    (typeof value.modelTopology === "object" && value.modelTopology !== null)
  );
}

function formatError(where: string, message: string, details: Record<string, unknown> = {}): CalibraError {
  return new CalibraError(ErrorCodes.MODEL_FORMAT, `${where}: ${message}`, {
    details: { where, ...details },
  });
}

/**
 * The kind of a model from its `format` field, or, for files written before tfjs recorded it, from the topology's
 * shape: a GraphDef has a `node` list, a Keras topology a `class_name` or `model_config`.
 */
export function modelKindOf(content: Record<string, unknown>, where: string): TfjsModelKind {
  const { format, modelTopology } = content;
  if (format !== undefined) {
    if ((TFJS_MODEL_KINDS as readonly unknown[]).includes(format)) return format as TfjsModelKind;
    throw formatError(
      where,
      `format ${JSON.stringify(format)} is not a TensorFlow.js model format this backend loads ("layers-model" or "graph-model").`,
      { format },
    );
  }
  if (modelTopology instanceof ArrayBuffer) {
    throw formatError(
      where,
      "the topology is a binary GraphDef; convert the model to a JSON graph model with tensorflowjs_converter.",
    );
  }
  if (isRecord(modelTopology)) {
    if (Array.isArray(modelTopology.node)) return "graph-model";
    if ("class_name" in modelTopology || "model_config" in modelTopology) return "layers-model";
  }
  throw formatError(
    where,
    'cannot tell the model kind: no "format" and a modelTopology that is neither a Keras model nor a GraphDef.',
  );
}

/**
 * Checks that `value` is a tfjs `model.json` (an object with an object `modelTopology` and, if present, a
 * well-formed `weightsManifest`) and returns it typed; `E_MODEL_FORMAT` naming `where` otherwise.
 */
export function parseTfjsModelJson(value: unknown, where: string): TfjsModelJson {
  if (!isRecord(value)) {
    throw formatError(where, "is not a TensorFlow.js model.json (expected a JSON object).");
  }
  if (!isRecord(value.modelTopology)) {
    const hint =
      value.format === "calibra.model"
        ? " It is a Calibra JSON model: load it with @calibra/backend-ts."
        : "";
    throw formatError(where, `is not a TensorFlow.js model.json: it has no "modelTopology" object.${hint}`);
  }
  const manifest = value.weightsManifest ?? [];
  if (!Array.isArray(manifest))
    throw formatError(where, '"weightsManifest" must be an array of weight groups.');
  manifest.forEach((group: unknown, index) => {
    if (
      !isRecord(group) ||
      !Array.isArray(group.paths) ||
      !group.paths.every((path) => typeof path === "string") ||
      !Array.isArray(group.weights) ||
      !group.weights.every(
        (spec) => isRecord(spec) && typeof spec.name === "string" && Array.isArray(spec.shape),
      )
    ) {
      throw formatError(
        where,
        `weightsManifest[${index}] must be { paths: string[], weights: { name, shape, dtype }[] }.`,
      );
    }
  });
  modelKindOf(value, where);
  return {
    ...(value as unknown as TfjsModelJson),
    weightsManifest: manifest as TfjsModelJson["weightsManifest"],
  };
}

/** Every weight spec of the manifest, in file order (the order of the concatenated shard bytes). */
export function weightSpecsOf(modelJson: TfjsModelJson): io.WeightsManifestEntry[] {
  return (modelJson.weightsManifest ?? []).flatMap((group) => group.weights);
}

/** The weight bytes the specs describe, or undefined when a string weight makes the size data-dependent. */
export function expectedWeightBytes(specs: readonly io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const bytes = DTYPE_BYTES[dtype];
    if (bytes === undefined) return undefined;
    total += spec.shape.reduce((product, size) => product * size, 1) * bytes;
  }
  return total;
}

/** Checks that the weight bytes match the manifest, so that tfjs never reads past or short of them. */
export function checkWeightBytes(
  specs: readonly io.WeightsManifestEntry[],
  byteLength: number,
  where: string,
): void {
  const expected = expectedWeightBytes(specs);
  if (expected !== undefined && expected !== byteLength) {
    throw formatError(
      where,
      `the weights hold ${byteLength} bytes, but the weightsManifest describes ${specs.length} weights of ${expected} bytes in all. Pass the shard bytes of this model.json, concatenated in manifest order.`,
      { expected, got: byteLength },
    );
  }
}

/** Builds tfjs `ModelArtifacts` from a `model.json` and its concatenated weight bytes. */
export function artifactsFromModelJson(
  modelJson: TfjsModelJson,
  weightData: ArrayBuffer,
): TfjsModelArtifacts {
  const artifacts: TfjsModelArtifacts = {
    modelTopology: modelJson.modelTopology,
    weightSpecs: weightSpecsOf(modelJson),
    weightData,
  };
  const optional = [
    "format",
    "generatedBy",
    "convertedBy",
    "trainingConfig",
    "signature",
    "userDefinedMetadata",
    "modelInitializer",
    "initializerSignature",
  ] as const;
  for (const key of optional) {
    if (modelJson[key] !== undefined) (artifacts as Record<string, unknown>)[key] = modelJson[key];
  }
  return artifacts;
}

/** Parses JSON text of a model.json, `E_MODEL_FORMAT` naming `where` when it is not JSON. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where} is not valid JSON (${(cause as Error).message}); a TensorFlow.js model.json is JSON.`,
      { cause, details: { where } },
    );
  }
}
