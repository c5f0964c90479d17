import {
  assertFeatureBatch,
  type BuiltinActivationId,
  CalibraError,
  ErrorCodes,
  type FeatureBatch,
  type Model,
  type ModelOutput,
  type ModelSource,
  type TensorInfo,
} from "@calibra/core";
import type { Tensor } from "@tensorflow/tfjs";
import { ChunkExecutor } from "./chunk-executor.js";
import { featureNamesFromMetadata } from "./feature-names.js";
import type { TfjsModelKind } from "./model-json.js";
import { createRunner, type ModelRunner, type StaticTensorInfo } from "./model-runner.js";
import { readTfjsModelSource, type TfjsModelSource } from "./model-source.js";
import { suggestActivation } from "./output-detection.js";
import { checkRuntimeName, resolveTfjsRuntime, type TfjsRuntimeOptions } from "./runtime.js";

/** The backend id under which this package registers. */
export const TFJS_BACKEND_ID = "tfjs";

/**
 * Rows per tfjs call in `predict`. Large enough that tfjs's fixed cost per call (kernel dispatch, tensor
 * bookkeeping, and on GPU backends an upload and a synchronising readback) is spread thin — on `cpu`, 100 000 rows
 * through a 30→30→30→16→1 network took the same time, within 10 %, in chunks of 256 to 100 000 rows — and small
 * enough to bound memory on a batch of millions: a chunk's widest activation takes 4096 × width × 4 bytes (16 MiB
 * for a 1024-wide layer).
 */
export const DEFAULT_BATCH_SIZE = 4096;

/** Options of {@link loadTfjsModel}. */
export interface TfjsLoadOptions extends TfjsRuntimeOptions {
  /** The output to use when the model has several (by name, as listed in `model.outputs`). */
  readonly output?: string;
  /** Rows per tfjs call in `predict`. Default {@link DEFAULT_BATCH_SIZE}. */
  readonly batchSize?: number;
  /** Features per row, for a model whose input shape leaves it open (`[null, null]`). */
  readonly featureCount?: number;
}

/** What a tfjs model's `predict` returns: float32, as tfjs computes. */
export interface TfjsModelOutput extends ModelOutput {
  readonly data: Float32Array;
}

/** A loaded TensorFlow.js model: core's `Model`, plus what was loaded and where it runs. */
export interface TfjsModel extends Model {
  readonly backend: typeof TFJS_BACKEND_ID;
  /** `"layers-model"` or `"graph-model"`. */
  readonly kind: TfjsModelKind;
  readonly featureCount: number;
  /**
   * The features' names from `model.json`'s `userDefinedMetadata.calibra.featureNames` (where
   * {@link toTfjsLayersModel} writes them; a GraphModel's `userDefinedMetadata` is read the same way);
   * `undefined` when the model has none. A malformed entry — not an array of strings, or not one name per
   * feature — is ignored (`undefined`), and the model still loads.
   */
  readonly featureNames: readonly string[] | undefined;
  /** The output `predict` returns (one of `outputs`). */
  readonly outputName: string;
  /** Rows per tfjs call in `predict`. */
  readonly batchSize: number;
  /** With `runtime: "auto"`, why tfjs-node was not used (not installed, failed to load); otherwise undefined. */
  readonly runtimeFallbackReason: string | undefined;
  predict(batch: FeatureBatch): Promise<TfjsModelOutput>;
}

/** A shape with the batch dimension as `null`, for messages: `[null, 3]`. */
function describeShape(shape: readonly number[]): string {
  return `[${shape.map((size, index) => (index === 0 ? "null" : String(size))).join(", ")}]`;
}

function checkPositiveInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `options.${name} must be a positive integer, got ${JSON.stringify(value)}.`,
      { details: { [name]: value } },
    );
  }
  return value;
}

interface ModelSetup {
  readonly runtime: string;
  readonly runtimeFallbackReason: string | undefined;
  readonly runner: ModelRunner;
  readonly executor: ChunkExecutor;
  readonly where: string;
  readonly featureCount: number;
  readonly featureNames: readonly string[] | undefined;
  readonly outputIndex: number;
  readonly columns: 1 | 2;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly suggestedActivation: BuiltinActivationId | undefined;
  readonly batchSize: number;
}

class TensorFlowModel implements TfjsModel {
  readonly backend = TFJS_BACKEND_ID;
  readonly runtime: string;
  readonly runtimeFallbackReason: string | undefined;
  readonly kind: TfjsModelKind;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly featureCount: number;
  readonly featureNames: readonly string[] | undefined;
  readonly outputName: string;
  readonly suggestedActivation: BuiltinActivationId | undefined;
  readonly batchSize: number;
  readonly #where: string;
  readonly #outputIndex: number;
  readonly #columns: 1 | 2;
  /** The loaded model and what runs it; undefined once disposed. */
  #loaded: { readonly runner: ModelRunner; readonly executor: ChunkExecutor } | undefined;

  constructor(setup: ModelSetup) {
    this.runtime = setup.runtime;
    this.runtimeFallbackReason = setup.runtimeFallbackReason;
    this.kind = setup.runner.kind;
    this.inputs = setup.inputs;
    this.outputs = setup.outputs;
    this.featureCount = setup.featureCount;
    this.featureNames = setup.featureNames;
    this.outputName = (setup.outputs[setup.outputIndex] as TensorInfo).name;
    this.suggestedActivation = setup.suggestedActivation;
    this.batchSize = setup.batchSize;
    this.#where = setup.where;
    this.#outputIndex = setup.outputIndex;
    this.#columns = setup.columns;
    this.#loaded = { runner: setup.runner, executor: setup.executor };
  }

  async predict(batch: FeatureBatch): Promise<TfjsModelOutput> {
    const executor = this.#loaded?.executor;
    if (!executor) {
      throw new CalibraError(
        ErrorCodes.BACKEND,
        `${this.#where}: the model was disposed; load it again to predict.`,
      );
    }
    const features = this.featureCount;
    assertFeatureBatch(batch, features);
    const columns = this.#columns;
    const rows = batch.rows;
    const result = new Float32Array(rows * columns);
    const chunkRows = Math.min(this.batchSize, rows);
    // float32 rows go to tfjs as views (no copy); float64 rows are converted into one reused chunk buffer.
    const scratch = batch.data instanceof Float32Array ? undefined : new Float32Array(chunkRows * features);
    for (let start = 0; start < rows; start += chunkRows) {
      const count = Math.min(chunkRows, rows - start);
      const source = batch.data.subarray(start * features, (start + count) * features);
      let chunk: Float32Array;
      if (scratch) {
        chunk = scratch.subarray(0, count * features);
        chunk.set(source);
      } else {
        chunk = source as Float32Array;
      }
      const [output] = (await executor.run(chunk, count, [this.#outputIndex])) as [Tensor];
      try {
        if (output.size !== count * columns) {
          throw new CalibraError(
            ErrorCodes.OUTPUT_SHAPE,
            `${this.#where}: output "${this.outputName}" has shape [${output.shape.join(", ")}] for ${count} rows; expected ${count} × ${columns} values.`,
            { details: { shape: output.shape, rows: count, columns } },
          );
        }
        result.set(await output.data<"float32">(), start * columns);
      } finally {
        output.dispose();
      }
    }
    return { data: result, rows, columns };
  }

  async dispose(): Promise<void> {
    const loaded = this.#loaded;
    this.#loaded = undefined;
    loaded?.runner.dispose();
  }
}

function toTensorInfo(
  info: StaticTensorInfo,
  shape: readonly (number | null)[] | undefined,
  dtype: string | undefined,
): TensorInfo {
  return { name: info.name, type: dtype ?? info.dtype ?? "unknown", shape: shape ?? info.shape ?? [] };
}

/** Picks the output `predict` returns: the only one, or the one named by `options.output`. */
function chooseOutput(runner: ModelRunner, requested: string | undefined, where: string): number {
  const names = runner.outputs.map((output) => output.name);
  const listed = names.map((name) => `"${name}"`).join(", ");
  if (requested !== undefined) {
    const index = names.indexOf(requested);
    if (index >= 0) return index;
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `${where}: the model has no output "${requested}"; its outputs are ${listed}.`,
      { details: { output: requested, outputs: names } },
    );
  }
  if (names.length === 1) return 0;
  throw new CalibraError(
    ErrorCodes.INVALID_OPTIONS,
    `${where}: the model has ${names.length} outputs (${listed}); choose one with options.output.`,
    { details: { outputs: names } },
  );
}

/** The feature count: the input's declared width, or `options.featureCount` when the model leaves it open. */
function resolveFeatureCount(runner: ModelRunner, requested: number | undefined, where: string): number {
  const [input] = runner.inputs;
  if (runner.inputs.length !== 1 || !input) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where}: the model has ${runner.inputs.length} inputs (${runner.inputs.map((info) => `"${info.name}"`).join(", ")}); this backend feeds one [rows, features] input.`,
      { details: { inputs: runner.inputs.map((info) => info.name) } },
    );
  }
  if (input.dtype !== undefined && input.dtype !== "float32") {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where}: input "${input.name}" has element type ${input.dtype}; this backend feeds float32 features.`,
      { details: { input: input.name, dtype: input.dtype } },
    );
  }
  if (input.shape !== undefined && input.shape.length !== 2) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where}: input "${input.name}" has shape [${input.shape.map(String).join(", ")}]; this backend feeds a [rows, features] matrix.`,
      { details: { input: input.name, shape: input.shape } },
    );
  }
  const declared = input.shape?.[1] ?? undefined;
  if (declared !== undefined && requested !== undefined && declared !== requested) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `${where}: options.featureCount is ${requested}, but input "${input.name}" takes ${declared} features.`,
      { details: { expected: declared, got: requested } },
    );
  }
  const featureCount = declared ?? requested;
  if (featureCount === undefined) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where}: input "${input.name}" does not say how many features a row has; pass options.featureCount.`,
      { details: { input: input.name } },
    );
  }
  return featureCount;
}

/**
 * Loads a TensorFlow.js LayersModel or GraphModel as a core `Model` with `backend: "tfjs"`: from a path to
 * `model.json` (Node; the shards are read with `node:fs`), from `{ modelJson, weights }`, or from tfjs
 * `ModelArtifacts`. It picks the runtime (`options.runtime`, see {@link resolveTfjsRuntime}), checks that the model
 * has one float32 `[rows, features]` input, chooses the output (`options.output` when there are several), runs one
 * row of zeros to learn the output's shape, and suggests core's activation for it (see {@link suggestActivation}).
 * The features' names come from `userDefinedMetadata.calibra.featureNames` when valid. A failed load disposes
 * whatever it built.
 */
export async function loadTfjsModel(
  source: TfjsModelSource | ModelSource,
  options: TfjsLoadOptions = {},
): Promise<TfjsModel> {
  checkRuntimeName(options.runtime);
  const batchSize = checkPositiveInteger("batchSize", options.batchSize) ?? DEFAULT_BATCH_SIZE;
  const requestedFeatures = checkPositiveInteger("featureCount", options.featureCount);
  if (options.output !== undefined && typeof options.output !== "string") {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `options.output must be an output name, got ${JSON.stringify(options.output)}.`,
    );
  }
  const { artifacts, kind, where } = await readTfjsModelSource(source);
  const runtime = await resolveTfjsRuntime(options);
  const { tf } = runtime;
  let runner: ModelRunner;
  try {
    runner = await createRunner(tf, artifacts, kind);
  } catch (cause) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `${where}: tfjs could not build the ${kind} (${(cause as Error)?.message ?? String(cause)}). Check that model.json and its weights belong together.`,
      { cause, details: { where, kind } },
    );
  }
  try {
    const featureCount = resolveFeatureCount(runner, requestedFeatures, where);
    const outputIndex = chooseOutput(runner, options.output, where);
    const executor = new ChunkExecutor(tf, runtime.backendName, runner, featureCount, where);
    // One row of zeros: every output's actual shape and dtype (GraphModels rarely declare them).
    const probes = await executor.run(
      new Float32Array(featureCount),
      1,
      runner.outputs.map((_, index) => index),
    );
    const shapes = probes.map((probe) => [null, ...probe.shape.slice(1)] as (number | null)[]);
    const dtypes = probes.map((probe) => probe.dtype as string);
    const chosenShape = (probes[outputIndex] as Tensor).shape;
    for (const probe of probes) probe.dispose();
    const chosen = runner.outputs[outputIndex] as StaticTensorInfo;
    if (dtypes[outputIndex] !== "float32") {
      throw new CalibraError(
        ErrorCodes.MODEL_FORMAT,
        `${where}: output "${chosen.name}" has element type ${dtypes[outputIndex]}; Calibra needs float32 logits or probabilities.`,
        { details: { output: chosen.name, dtype: dtypes[outputIndex] } },
      );
    }
    const width = chosenShape.length === 1 ? 1 : chosenShape.length === 2 ? chosenShape[1] : undefined;
    if (width !== 1 && width !== 2) {
      throw new CalibraError(
        ErrorCodes.OUTPUT_SHAPE,
        `${where}: output "${chosen.name}" has shape ${describeShape(chosenShape)}; Calibra needs [null], [null, 1] (a logit or a probability) or [null, 2] (two class logits or probabilities). Choose another output with options.output, or change the model's head.`,
        { details: { output: chosen.name, shape: chosenShape } },
      );
    }
    const suggested = suggestActivation(
      width,
      runner.finalActivation(outputIndex),
      `${where}: output "${chosen.name}"`,
    );
    return new TensorFlowModel({
      runtime: runtime.description,
      runtimeFallbackReason: runtime.fallbackReason,
      runner,
      executor,
      where,
      featureCount,
      featureNames: featureNamesFromMetadata(artifacts.userDefinedMetadata, featureCount),
      outputIndex,
      columns: width,
      inputs: runner.inputs.map((info) => toTensorInfo(info, [null, featureCount], "float32")),
      outputs: runner.outputs.map((info, index) => toTensorInfo(info, shapes[index], dtypes[index])),
      suggestedActivation: suggested,
      batchSize,
    });
  } catch (error) {
    runner.dispose();
    throw error;
  }
}
