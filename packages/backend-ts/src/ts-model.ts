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
import { type CompiledModel, compileModel, forwardPass } from "./forward-pass.js";
import { type CalibraModelJson, parseModelJson } from "./model-format.js";
import { readModelSource } from "./model-source.js";

/** The backend id under which this package registers. */
export const TS_BACKEND_ID = "ts";

/** The runtime a TypeScript model reports. */
export const TS_RUNTIME = "typescript";

/** What a TypeScript model's `predict` returns: always float64. */
export interface TsModelOutput extends ModelOutput {
  readonly data: Float64Array;
}

/** A loaded TypeScript model: core's `Model`, plus the validated JSON it came from. */
export interface TsModel extends Model {
  readonly backend: typeof TS_BACKEND_ID;
  readonly runtime: typeof TS_RUNTIME;
  readonly featureCount: number;
  /** The model file's `featureNames`, one per input in input order; `undefined` when the file has none. */
  readonly featureNames: readonly string[] | undefined;
  /** The validated model description. */
  readonly json: CalibraModelJson;
  predict(batch: FeatureBatch): Promise<TsModelOutput>;
}

class TypeScriptModel implements TsModel {
  readonly backend = TS_BACKEND_ID;
  readonly runtime = TS_RUNTIME;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly featureCount: number;
  readonly featureNames: readonly string[] | undefined;
  readonly suggestedActivation: BuiltinActivationId;
  readonly json: CalibraModelJson;
  #compiled: CompiledModel | undefined;

  constructor(json: CalibraModelJson) {
    this.json = json;
    this.#compiled = compileModel(json);
    this.featureCount = json.inputs;
    this.featureNames = json.featureNames ? Object.freeze([...json.featureNames]) : undefined;
    const outputColumns = this.#compiled.outputs;
    this.inputs = [{ name: "features", type: "float64", shape: [null, json.inputs] }];
    this.outputs = [{ name: json.output, type: "float64", shape: [null, outputColumns] }];
    this.suggestedActivation = json.output === "logit" ? "sigmoid" : "softmax2";
  }

  async predict(batch: FeatureBatch): Promise<TsModelOutput> {
    const compiled = this.#compiled;
    if (!compiled) {
      throw new CalibraError(ErrorCodes.BACKEND, "the model was disposed; load it again to predict.");
    }
    assertFeatureBatch(batch, compiled.inputs);
    const data = forwardPass(compiled, batch.data, batch.rows);
    return { data, rows: batch.rows, columns: compiled.outputs };
  }

  async dispose(): Promise<void> {
    this.#compiled = undefined;
  }
}

/**
 * Loads a Calibra JSON model (see {@link modelSchema}) as a core `Model` with `backend: "ts"`:
 * from the parsed object, its JSON text or bytes, or a file path (Node only).
 */
export async function loadTsModel(source: ModelSource | CalibraModelJson): Promise<TsModel> {
  const { value, where } = await readModelSource(source as ModelSource);
  return new TypeScriptModel(parseModelJson(value, where));
}
