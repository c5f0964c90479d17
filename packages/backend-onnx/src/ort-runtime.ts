/*
 * The part of the onnxruntime-js API (onnxruntime-common: `InferenceSession`, `Tensor`, `env`) this backend uses,
 * written structurally so that the loader works with any of `onnxruntime-node`, `onnxruntime-web` or a test
 * double without importing one. Only src/node-runtime.ts imports an actual runtime.
 */

/** A tensor as onnxruntime-js returns it. */
export interface OrtTensorLike {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  /** Frees the tensor's data (onnxruntime-common ≥ 1.16); absent in older runtimes. */
  dispose?(): void;
}

/** Session metadata of one input or output (onnxruntime-common ≥ 1.21). */
export interface OrtValueMetadataLike {
  readonly name: string;
  readonly isTensor: boolean;
  /** Element type name (`"float32"`, …), for a tensor. */
  readonly type?: string;
  /** Dimensions, a name for a symbolic one; empty when the model declares no shape. */
  readonly shape?: readonly (number | string)[];
}

/** An inference session. */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadataLike[];
  readonly outputMetadata?: readonly OrtValueMetadataLike[];
  run(
    feeds: Record<string, OrtTensorLike>,
    fetches: readonly string[],
  ): Promise<Readonly<Record<string, OrtTensorLike>>>;
  release(): Promise<void>;
}

/** Options passed through to `InferenceSession.create` (execution providers, threads, optimisation level). */
export type OrtSessionOptions = Readonly<Record<string, unknown>>;

/** The runtime module: `import * as ort from "onnxruntime-node"` (or `-web`) fits this type. */
export interface OrtRuntimeLike {
  readonly InferenceSession: {
    create(path: string, options?: OrtSessionOptions): Promise<OrtSessionLike>;
    create(bytes: Uint8Array, options?: OrtSessionOptions): Promise<OrtSessionLike>;
  };
  readonly Tensor: {
    new (type: "float32", data: Float32Array, dims: readonly number[]): OrtTensorLike;
    new (type: "float64", data: Float64Array, dims: readonly number[]): OrtTensorLike;
  };
  readonly env: { readonly versions: Readonly<Record<string, string | undefined>> };
}

/** A runtime, or a function that imports one on first use (so that loading this package stays cheap). */
export type OrtRuntimeSource = OrtRuntimeLike | (() => Promise<OrtRuntimeLike>);
