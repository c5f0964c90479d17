/** Name, element type and shape of one model input or output (`null` or a name for a free dimension). */
export interface TensorInfo {
  readonly name: string;
  readonly type: string;
  readonly shape: readonly (number | string | null)[];
}

/** A batch of feature rows: `rows × columns` numbers, row-major. */
export interface FeatureBatch {
  readonly data: Float32Array | Float64Array;
  readonly rows: number;
  readonly columns: number;
}

/** A model's raw output for a batch: `rows × columns` numbers, row-major. */
export interface ModelOutput {
  readonly data: Float32Array | Float64Array;
  readonly rows: number;
  readonly columns: number;
}

/** The activation ids core provides, which a backend may suggest for a model's output. */
export type BuiltinActivationId = "sigmoid" | "softmax2" | "probability" | "two-sigmoids";

/** A loaded model: features in, raw outputs out. */
export interface Model {
  /** Id of the backend that loaded it. */
  readonly backend: string;
  /** The runtime actually running it (for example `"tfjs-node"`, `"cpu"`, `"onnxruntime-node 1.22"`). */
  readonly runtime: string;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** Number of features per row the model expects, when the model declares it. */
  readonly featureCount: number | undefined;
  /**
   * The features' names in input order, when the model file records them (Calibra's exporters do), so that a
   * caller can pick the columns of a table by name.
   */
  readonly featureNames?: readonly string[] | undefined;
  /** The activation that fits the chosen output, as far as the backend can tell. */
  readonly suggestedActivation: BuiltinActivationId | undefined;
  /** Raw outputs for a batch of rows, in the same row order. */
  predict(batch: FeatureBatch): Promise<ModelOutput>;
  /** Releases the runtime's resources; the model cannot predict afterwards. */
  dispose(): Promise<void>;
}

/** Where a model comes from: a file path, the bytes of a file, or an in-memory object the backend understands. */
export type ModelSource = string | Uint8Array | { readonly [key: string]: unknown };

/** How a backend is defined by a plugin. */
export interface BackendDefinition<Options = unknown> {
  readonly kind: "backend";
  readonly id: string;
  readonly description: string;
  /** True when this backend recognises the source (by file name or content) without loading it. */
  canLoad(source: ModelSource): boolean;
  /** Loads the model; a missing or failing runtime becomes a `CalibraError` with code `E_BACKEND` and a cause. */
  load(source: ModelSource, options?: Options): Promise<Model>;
}
