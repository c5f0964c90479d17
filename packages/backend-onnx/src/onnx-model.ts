import {
  assertFeatureBatch,
  type BuiltinActivationId,
  CalibraError,
  ErrorCodes,
  type FeatureBatch,
  type Model,
  type ModelOutput,
  type TensorInfo,
} from "@calibra/core";
import { type FloatElementType, isFloatElementType } from "./element-types.js";
import { FEATURE_NAMES_METADATA_KEY, parseFeatureNames } from "./feature-names.js";
import type { DecodedOnnxModel, OnnxOutputInfo, OnnxSummary } from "./inspect-onnx.js";
import type { OrtRuntimeLike, OrtSessionLike, OrtTensorLike, OrtValueMetadataLike } from "./ort-runtime.js";
import { chooseOutput, describeOutput, type OnnxOutputKind } from "./output-kind.js";

/** The backend id under which this package registers. */
export const ONNX_BACKEND_ID = "onnx";

/**
 * Default rows per `session.run`. Each run costs a fixed hop into the native runtime (about 40 µs with
 * onnxruntime-node 1.30 on CPU), so a chunk must hold enough rows to make that negligible. Measured on a
 * 30-feature MLP (262 144 rows, float32): 64-row chunks took 163 ms, 1024 took 19 ms, 4096 took 10–12 ms,
 * 8192 took 8 ms and 16 384 took 8–12 ms; the whole batch in one run took 14 ms. 8192 is at the plateau while
 * a chunk stays small: 8192 rows × 100 float64 features is 6.5 MB, and only one chunk's tensors are alive at a
 * time, so memory does not grow with the batch.
 */
export const DEFAULT_ONNX_BATCH_SIZE = 8192;

/** What an ONNX model's `predict` returns: the output's own element type. */
export interface OnnxModelOutput extends ModelOutput {
  readonly columns: 1 | 2;
}

/** A loaded ONNX model: core's `Model`, plus what the backend found out about its graph. */
export interface OnnxModel extends Model {
  readonly backend: typeof ONNX_BACKEND_ID;
  /**
   * The features' names from the metadata entry `calibra.featureNames` (a JSON array, as {@link exportOnnx}
   * writes it); `undefined` when the model has none. A malformed entry — not a JSON array of strings, or not one
   * name per feature when `featureCount` is known — is ignored (`undefined`), and the model still loads.
   */
  readonly featureNames: readonly string[] | undefined;
  /** The input fed with the features. */
  readonly inputName: string;
  /** Element type of the input; batches of the other float type are converted. */
  readonly inputType: FloatElementType;
  /** The output whose values `predict` returns. */
  readonly outputName: string;
  /** Element type of that output, and so of `predict`'s data. */
  readonly outputType: FloatElementType;
  /** What the output holds, when its shape says (see {@link OnnxOutputKind}). */
  readonly outputKind: OnnxOutputKind | undefined;
  /** Rows per `session.run`. */
  readonly batchSize: number;
  /**
   * What the `.onnx` file declares (IR version, opsets, producer, inputs and outputs with their producers,
   * metadata).
   */
  readonly onnx: OnnxSummary;
  predict(batch: FeatureBatch): Promise<OnnxModelOutput>;
}

/** Everything the model needs, prepared by the loader. */
export interface OnnxModelParts {
  readonly ort: OrtRuntimeLike;
  readonly session: OrtSessionLike;
  readonly runtime: string;
  readonly decoded: DecodedOnnxModel;
  readonly output: string | undefined;
  readonly batchSize: number;
}

function formatShape(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((dim) => dim ?? "?").join(", ")}]`;
}

/** Metadata from the session when the runtime has it (onnxruntime-common ≥ 1.21), else from the decoded graph. */
function mergeMetadata<T extends TensorInfo>(
  names: readonly string[],
  metadata: readonly OrtValueMetadataLike[] | undefined,
  fromGraph: readonly T[],
): (T & { isTensor: boolean })[] {
  return names.map((name) => {
    const graphInfo = fromGraph.find((info) => info.name === name);
    const session = metadata?.find((entry) => entry.name === name);
    const base = graphInfo ?? ({ name, type: "unknown", shape: [] } as unknown as T);
    if (!session) return { ...base, isTensor: (base as { isTensor?: boolean }).isTensor ?? true };
    if (!session.isTensor) return { ...base, isTensor: false };
    return {
      ...base,
      type: session.type ?? base.type,
      shape: [...(session.shape ?? base.shape)],
      isTensor: true,
    };
  });
}

class OnnxRuntimeModel implements OnnxModel {
  readonly backend = ONNX_BACKEND_ID;
  readonly runtime: string;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly featureCount: number | undefined;
  readonly featureNames: readonly string[] | undefined;
  readonly suggestedActivation: BuiltinActivationId | undefined;
  readonly inputName: string;
  readonly inputType: FloatElementType;
  readonly outputName: string;
  readonly outputType: FloatElementType;
  readonly outputKind: OnnxOutputKind | undefined;
  readonly batchSize: number;
  readonly onnx: OnnxSummary;
  readonly #ort: OrtRuntimeLike;
  readonly #columns: 1 | 2 | undefined;
  #session: OrtSessionLike | undefined;
  readonly #running = new Set<Promise<unknown>>();

  constructor(parts: OnnxModelParts) {
    const { session, decoded } = parts;
    this.#ort = parts.ort;
    this.runtime = parts.runtime;
    this.batchSize = parts.batchSize;
    this.onnx = decoded.summary;

    const inputs = mergeMetadata(session.inputNames, session.inputMetadata, decoded.summary.inputs);
    const outputs = mergeMetadata(session.outputNames, session.outputMetadata, decoded.summary.outputs);
    this.inputs = inputs.map(({ name, type, shape }) => ({ name, type, shape }));
    this.outputs = outputs.map(({ name, type, shape }) => ({ name, type, shape }));

    if (inputs.length !== 1) {
      const list = inputs
        .map((input) => `${input.name} (${input.type} ${formatShape(input.shape)})`)
        .join(", ");
      throw new CalibraError(
        ErrorCodes.MODEL_FORMAT,
        `the model has ${inputs.length} inputs (${list}); Calibra feeds one [N, features] tensor. ` +
          "Export the model with a single input that holds every feature (a Concat inside the graph).",
        { details: { inputs: inputs.map((input) => input.name) } },
      );
    }
    const input = inputs[0] as (typeof inputs)[number];
    if (!input.isTensor || !isFloatElementType(input.type)) {
      throw new CalibraError(
        ErrorCodes.MODEL_FORMAT,
        `input "${input.name}" has element type ${input.type}; Calibra feeds float32 or float64 features. ` +
          "Export the model with a float input (or add a Cast after it inside the graph).",
        { details: { input: input.name, type: input.type } },
      );
    }
    if (input.shape.length !== 0 && input.shape.length !== 2) {
      throw new CalibraError(
        ErrorCodes.MODEL_FORMAT,
        `input "${input.name}" has shape ${formatShape(input.shape)}; Calibra feeds a 2-D [N, features] tensor.`,
        { details: { input: input.name, shape: input.shape } },
      );
    }
    this.inputName = input.name;
    this.inputType = input.type;
    const features = input.shape[1];
    this.featureCount = typeof features === "number" ? features : undefined;
    this.featureNames = parseFeatureNames(
      decoded.summary.metadata[FEATURE_NAMES_METADATA_KEY],
      this.featureCount,
    );

    const graphOutputs = new Map(decoded.summary.outputs.map((output) => [output.name, output]));
    const outputInfos: OnnxOutputInfo[] = outputs.map((output) => ({
      ...output,
      producedBy: graphOutputs.get(output.name)?.producedBy,
    }));
    const chosen = chooseOutput(outputInfos, parts.output);
    const description = describeOutput(decoded.proto.graph, chosen);
    this.outputName = chosen.name;
    this.outputType = chosen.type as FloatElementType;
    this.outputKind = description.kind;
    this.suggestedActivation = description.suggestedActivation;
    this.#columns = description.columns;
    this.#session = session;
  }

  predict(batch: FeatureBatch): Promise<OnnxModelOutput> {
    const session = this.#session;
    if (!session) {
      return Promise.reject(
        new CalibraError(ErrorCodes.BACKEND, "the ONNX model was disposed; load it again to predict."),
      );
    }
    const running = this.#predict(session, batch);
    this.#running.add(running);
    const forget = () => this.#running.delete(running);
    running.then(forget, forget);
    return running;
  }

  async #predict(session: OrtSessionLike, batch: FeatureBatch): Promise<OnnxModelOutput> {
    const { rows, columns, data } = batch;
    assertFeatureBatch(batch, this.featureCount);
    const OutputArray = this.outputType === "float32" ? Float32Array : Float64Array;
    if (rows === 0) return { data: new OutputArray(0), rows: 0, columns: this.#columns ?? 1 };

    const InputArray = this.inputType === "float32" ? Float32Array : Float64Array;
    const chunkRows = Math.min(this.batchSize, rows);
    // A batch of the input's own type is fed as views; another type is converted one chunk at a time.
    const scratch = data instanceof InputArray ? undefined : new InputArray(chunkRows * columns);
    let output: Float32Array | Float64Array | undefined;
    let outputColumns: 1 | 2 | undefined = this.#columns;
    if (outputColumns !== undefined) output = new OutputArray(rows * outputColumns);

    for (let start = 0; start < rows; start += chunkRows) {
      const end = Math.min(start + chunkRows, rows);
      const count = end - start;
      let chunk: Float32Array | Float64Array;
      if (scratch) {
        chunk = scratch.subarray(0, count * columns);
        chunk.set(data.subarray(start * columns, end * columns));
      } else {
        chunk = data.subarray(start * columns, end * columns);
      }
      const results = await this.#run(session, chunk, count, columns, start);
      try {
        const tensor = results[this.outputName];
        if (!tensor) {
          throw new CalibraError(
            ErrorCodes.BACKEND,
            `onnxruntime returned no "${this.outputName}" output for rows ${start}–${end - 1}.`,
          );
        }
        const tensorColumns = this.#columnsOf(tensor, count, start);
        if (outputColumns === undefined) outputColumns = tensorColumns;
        if (tensorColumns !== outputColumns) {
          throw new CalibraError(
            ErrorCodes.OUTPUT_SHAPE,
            `output "${this.outputName}" changed from ${outputColumns} to ${tensorColumns} columns at row ${start}.`,
            { details: { output: this.outputName, row: start } },
          );
        }
        if (!(tensor.data instanceof OutputArray)) {
          throw new CalibraError(
            ErrorCodes.BACKEND,
            `output "${this.outputName}" came back as ${tensor.type}, but the model declares ${this.outputType}.`,
            { details: { output: this.outputName, type: tensor.type } },
          );
        }
        output ??= new OutputArray(rows * outputColumns);
        output.set(tensor.data, start * outputColumns);
      } finally {
        // Free this chunk's outputs before the next chunk runs.
        for (const value of Object.values(results)) value.dispose?.();
      }
    }
    return { data: output as Float32Array | Float64Array, rows, columns: outputColumns as 1 | 2 };
  }

  async #run(
    session: OrtSessionLike,
    chunk: Float32Array | Float64Array,
    count: number,
    columns: number,
    start: number,
  ): Promise<Readonly<Record<string, OrtTensorLike>>> {
    const dims = [count, columns];
    const tensor =
      chunk instanceof Float32Array
        ? new this.#ort.Tensor("float32", chunk, dims)
        : new this.#ort.Tensor("float64", chunk, dims);
    try {
      return await session.run({ [this.inputName]: tensor }, [this.outputName]);
    } catch (cause) {
      throw new CalibraError(
        ErrorCodes.BACKEND,
        `onnxruntime failed to run the model on rows ${start}–${start + count - 1}: ${(cause as Error).message}`,
        { cause, details: { row: start } },
      );
    } finally {
      tensor.dispose?.();
    }
  }

  /** Columns of one chunk's output tensor, checking that it has one row per input row. */
  #columnsOf(tensor: OrtTensorLike, count: number, start: number): 1 | 2 {
    const dims = tensor.dims;
    const columns = dims.length === 1 ? 1 : dims.length === 2 ? dims[1] : undefined;
    if (dims[0] !== count || (columns !== 1 && columns !== 2)) {
      throw new CalibraError(
        ErrorCodes.OUTPUT_SHAPE,
        `output "${this.outputName}" has shape ${formatShape(dims)} for ${count} rows starting at row ${start}; ` +
          `a binary classifier's scores are [${count}], [${count}, 1] or [${count}, 2].`,
        { details: { output: this.outputName, dims: [...dims] } },
      );
    }
    return columns;
  }

  async dispose(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    this.#session = undefined;
    // Predictions already under way finish first; new ones are refused from now on.
    await Promise.allSettled([...this.#running]);
    await session.release();
  }
}

/**
 * Wraps a created session as an {@link OnnxModel}, checking its input (one float tensor [N, features]) and
 * choosing and describing its output. Throws `E_MODEL_FORMAT`, `E_INVALID_OPTIONS` or `E_OUTPUT_SHAPE`; the
 * caller releases the session then.
 */
export function createOnnxModel(parts: OnnxModelParts): OnnxModel {
  return new OnnxRuntimeModel(parts);
}
