import { CalibraError, ErrorCodes, type ModelSource } from "@calibra/core";
import {
  artifactsFromModelJson,
  checkWeightBytes,
  hasTfjsModelContent,
  MODEL_JSON_FILE_NAME,
  modelKindOf,
  parseJsonText,
  parseTfjsModelJson,
  type TfjsModelArtifacts,
  type TfjsModelJson,
  type TfjsModelKind,
  weightSpecsOf,
} from "./model-json.js";

/** A model held in memory: the `model.json` content (object or JSON text) and its weight shards' bytes, concatenated. */
export interface TfjsModelFiles {
  readonly modelJson: TfjsModelJson | string;
  /** Every shard of `weightsManifest`, in manifest order, as one buffer. May be left out when there are no weights. */
  readonly weights?: Uint8Array | ArrayBuffer;
}

/**
 * What {@link loadTfjsModel} reads: a path to a `model.json` (or to the directory holding one; Node only),
 * `{ modelJson, weights }`, tfjs `ModelArtifacts`, or a weightless `model.json` as an object, JSON text or bytes.
 */
export type TfjsModelSource = string | Uint8Array | TfjsModelFiles | TfjsModelArtifacts | TfjsModelJson;

/** A source read into tfjs artifacts, with the model kind and a name for messages (the path, or "model.json"). */
export interface ReadTfjsModel {
  readonly artifacts: TfjsModelArtifacts;
  readonly kind: TfjsModelKind;
  readonly where: string;
}

const FILE_URL_PREFIX = "file://";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !ArrayBuffer.isView(value) && !Array.isArray(value);
}

function isJsonText(source: string): boolean {
  return source.trimStart().startsWith("{");
}

/** Copies a byte view into an ArrayBuffer of its own (tfjs reads `weightData` from offset 0 to the end). */
function toArrayBuffer(bytes: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function unreadable(kind: string, path: string, cause: unknown, hint: string): CalibraError {
  return new CalibraError(
    ErrorCodes.BACKEND,
    `cannot read ${kind} "${path}": ${(cause as Error).message}. ${hint}`,
    { cause, details: { path } },
  );
}

/** A weightless model.json given in memory: fine when its manifest lists no weights, an error naming the fix otherwise. */
function fromBareModelJson(value: unknown, where: string): ReadTfjsModel {
  const modelJson = parseTfjsModelJson(value, where);
  const specs = weightSpecsOf(modelJson);
  if (specs.length > 0) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where}: the model lists ${specs.length} weights in shard files, but no weight bytes came with it. Pass { modelJson, weights } with the shards' bytes, or the path to model.json.`,
      { details: { where, weights: specs.length } },
    );
  }
  return {
    artifacts: artifactsFromModelJson(modelJson, new ArrayBuffer(0)),
    kind: modelKindOf(modelJson as unknown as Record<string, unknown>, where),
    where,
  };
}

function fromFiles(files: TfjsModelFiles, where: string): ReadTfjsModel {
  const value = typeof files.modelJson === "string" ? parseJsonText(files.modelJson, where) : files.modelJson;
  const modelJson = parseTfjsModelJson(value, where);
  const weights = files.weights ?? new ArrayBuffer(0);
  if (!(weights instanceof ArrayBuffer || weights instanceof Uint8Array)) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where}: "weights" must be a Uint8Array or an ArrayBuffer holding the weight shards, concatenated in manifest order.`,
    );
  }
  const weightData = toArrayBuffer(weights);
  checkWeightBytes(weightSpecsOf(modelJson), weightData.byteLength, where);
  return {
    artifacts: artifactsFromModelJson(modelJson, weightData),
    kind: modelKindOf(modelJson as unknown as Record<string, unknown>, where),
    where,
  };
}

function fromArtifacts(artifacts: TfjsModelArtifacts, where: string): ReadTfjsModel {
  const kind = modelKindOf(artifacts as unknown as Record<string, unknown>, where);
  if (artifacts.weightData !== undefined && artifacts.weightSpecs !== undefined) {
    const parts = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
    const byteLength = parts.reduce((total, part) => total + part.byteLength, 0);
    checkWeightBytes(artifacts.weightSpecs, byteLength, where);
  }
  return { artifacts, kind, where };
}

/** Reads `model.json` and the shard files its manifest lists (relative to it) with `node:fs`, imported only here. */
async function fromPath(source: string): Promise<ReadTfjsModel> {
  const [fs, path] = await Promise.all([import("node:fs/promises"), import("node:path")]);
  let modelPath = source.startsWith(FILE_URL_PREFIX) ? source.slice(FILE_URL_PREFIX.length) : source;
  try {
    if ((await fs.stat(modelPath)).isDirectory()) modelPath = path.join(modelPath, MODEL_JSON_FILE_NAME);
  } catch {
    // Not there: readFile below reports it with the path.
  }
  let text: string;
  try {
    text = await fs.readFile(modelPath, "utf8");
  } catch (cause) {
    throw unreadable(
      "model file",
      modelPath,
      cause,
      "Check the path (a model.json, or the directory holding it).",
    );
  }
  const modelJson = parseTfjsModelJson(parseJsonText(text, `model file "${modelPath}"`), modelPath);
  const directory = path.dirname(modelPath);
  const shards: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest ?? []) {
    for (const shard of group.paths) {
      const shardPath = path.join(directory, shard);
      try {
        shards.push(await fs.readFile(shardPath));
      } catch (cause) {
        throw unreadable(
          "weight file",
          shardPath,
          cause,
          `${modelPath} lists it in weightsManifest; keep the .bin shards next to model.json.`,
        );
      }
    }
  }
  const weightData = new Uint8Array(shards.reduce((total, shard) => total + shard.byteLength, 0));
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.byteLength;
  }
  checkWeightBytes(weightSpecsOf(modelJson), weightData.byteLength, modelPath);
  return {
    artifacts: artifactsFromModelJson(modelJson, weightData.buffer),
    kind: modelKindOf(modelJson as unknown as Record<string, unknown>, modelPath),
    where: modelPath,
  };
}

/**
 * Reads any {@link TfjsModelSource} into tfjs artifacts. Unreadable files are `E_BACKEND`; content that is not a
 * tfjs model (bad JSON, no `modelTopology`, weights that do not match the manifest) is `E_MODEL_FORMAT`. Both name
 * the file.
 */
export async function readTfjsModelSource(source: TfjsModelSource | ModelSource): Promise<ReadTfjsModel> {
  if (typeof source === "string") {
    if (isJsonText(source))
      return fromBareModelJson(parseJsonText(source, "model.json text"), "model.json text");
    return fromPath(source);
  }
  if (source instanceof Uint8Array) {
    const where = "model.json bytes";
    return fromBareModelJson(parseJsonText(new TextDecoder().decode(source), where), where);
  }
  if (isRecord(source)) {
    if ("modelJson" in source) return fromFiles(source as unknown as TfjsModelFiles, "model.json");
    if ("weightsManifest" in source) return fromBareModelJson(source, "model.json");
    if ("modelTopology" in source)
      return fromArtifacts(source as unknown as TfjsModelArtifacts, "model artifacts");
  }
  throw new CalibraError(
    ErrorCodes.MODEL_FORMAT,
    "not a TensorFlow.js model: pass a path to model.json, { modelJson, weights }, or tfjs ModelArtifacts.",
  );
}

interface SyncFs {
  readFileSync(path: string, encoding: "utf8"): string;
  statSync(path: string): { isDirectory(): boolean };
}

/** Node's `fs` when the runtime exposes `process.getBuiltinModule` (Node ≥ 20.16), without importing it. */
function builtinFs(): SyncFs | undefined {
  const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return processLike?.getBuiltinModule?.("node:fs") as SyncFs | undefined;
}

function pathHoldsTfjsModel(source: string): boolean {
  const path = source.startsWith(FILE_URL_PREFIX) ? source.slice(FILE_URL_PREFIX.length) : source;
  const fs = builtinFs();
  if (!fs) return path.endsWith(`/${MODEL_JSON_FILE_NAME}`) || path === MODEL_JSON_FILE_NAME;
  const file = fs.statSync(path).isDirectory()
    ? `${path.replace(/[/\\]+$/, "")}/${MODEL_JSON_FILE_NAME}`
    : path;
  if (!file.toLowerCase().endsWith(".json")) return false;
  return hasTfjsModelContent(JSON.parse(fs.readFileSync(file, "utf8")));
}

/**
 * True when the source looks like a TensorFlow.js model without loading it: content with `format`
 * "layers-model"/"graph-model" or a `modelTopology` (as an object, `{ modelJson }`, JSON text or bytes), or a path to
 * such a `.json` file or to a directory holding one as `model.json`. Where files cannot be read synchronously
 * (browsers, Node before 20.16), a path is accepted when it names a `model.json`.
 */
export function isTfjsModelSource(source: ModelSource): boolean {
  try {
    if (typeof source === "string") {
      return isJsonText(source) ? hasTfjsModelContent(JSON.parse(source)) : pathHoldsTfjsModel(source);
    }
    if (source instanceof Uint8Array)
      return hasTfjsModelContent(JSON.parse(new TextDecoder().decode(source)));
    if (isRecord(source) && "modelJson" in source) {
      const { modelJson } = source as { modelJson: unknown };
      return hasTfjsModelContent(typeof modelJson === "string" ? JSON.parse(modelJson) : modelJson);
    }
    return hasTfjsModelContent(source);
  } catch {
    // Unreadable or not JSON: not a source this backend recognises.
    return false;
  }
}
