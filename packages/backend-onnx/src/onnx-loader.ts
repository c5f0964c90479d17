import { CalibraError, ErrorCodes } from "@calibra/core";
import { decodeOnnxModel } from "./inspect-onnx.js";
import { createOnnxModel, DEFAULT_ONNX_BATCH_SIZE, type OnnxModel } from "./onnx-model.js";
import { readOnnxSource } from "./onnx-source.js";
import type { OrtRuntimeLike, OrtRuntimeSource, OrtSessionOptions } from "./ort-runtime.js";

/** Options of `loadOnnxModel`. */
export interface OnnxLoadOptions {
  /** Name of the output that holds the scores; by default it is chosen as described in the README. */
  readonly output?: string;
  /** Rows per `session.run`; default {@link DEFAULT_ONNX_BATCH_SIZE}. */
  readonly batchSize?: number;
  /** Passed to `InferenceSession.create` as is (execution providers, thread counts, optimisation level). */
  readonly sessionOptions?: OrtSessionOptions;
}

/** Loads a `.onnx` file (path) or its bytes as a Calibra model. */
export type OnnxLoader = (source: string | Uint8Array, options?: OnnxLoadOptions) => Promise<OnnxModel>;

function checkOptions(options: OnnxLoadOptions): { output: string | undefined; batchSize: number } {
  if (typeof options !== "object" || options === null) {
    throw new CalibraError(ErrorCodes.INVALID_OPTIONS, "loadOnnxModel: options must be an object.");
  }
  const batchSize = options.batchSize ?? DEFAULT_ONNX_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `loadOnnxModel: batchSize must be a positive integer, got ${String(batchSize)}.`,
      { details: { batchSize } },
    );
  }
  const output = options.output;
  if (output !== undefined && (typeof output !== "string" || output === "")) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `loadOnnxModel: output must be the name of one of the model's outputs, got ${JSON.stringify(output)}.`,
      { details: { output } },
    );
  }
  return { output, batchSize };
}

/** `"onnxruntime-node 1.30.0"`: the name, and the version the runtime reports for it (or its common version). */
function describeRuntime(ort: OrtRuntimeLike, runtimeName: string): string {
  const versions = ort.env?.versions ?? {};
  const version = versions[runtimeName.replace(/^onnxruntime-/, "")] ?? versions.common;
  return version ? `${runtimeName} ${version}` : runtimeName;
}

/**
 * Makes a loader bound to one onnxruntime-js build: `runtime` is the module (`onnxruntime-node`,
 * `onnxruntime-web`) or a function that imports it on first use; `runtimeName` is how models report it, with
 * the version from `ort.env.versions` appended. The loader reads the file (or takes the bytes), decodes the
 * graph, creates a session, and checks the model's input and output (see `OnnxModel`). A runtime that cannot be
 * imported, a file that cannot be read and a session the runtime refuses are `E_BACKEND` errors with the cause.
 */
export function createOnnxLoader(runtime: OrtRuntimeSource, runtimeName: string): OnnxLoader {
  let loaded: Promise<OrtRuntimeLike> | undefined;
  const getRuntime = (): Promise<OrtRuntimeLike> => {
    loaded ??= (async () => {
      try {
        return typeof runtime === "function" ? await runtime() : runtime;
      } catch (cause) {
        loaded = undefined; // a later call may succeed once the runtime is installed
        throw new CalibraError(
          ErrorCodes.BACKEND,
          `cannot load ${runtimeName}: ${(cause as Error).message}. Install it (npm install ${runtimeName}) or pass a loaded runtime to createOnnxLoader.`,
          { cause, details: { runtime: runtimeName } },
        );
      }
    })();
    return loaded;
  };

  return async (source, options = {}) => {
    const { output, batchSize } = checkOptions(options);
    const { bytes, where, path } = await readOnnxSource(source);
    const decoded = decodeOnnxModel(bytes, where);
    const ort = await getRuntime();
    let session: Awaited<ReturnType<OrtRuntimeLike["InferenceSession"]["create"]>>;
    try {
      session =
        path === undefined
          ? await ort.InferenceSession.create(bytes, options.sessionOptions)
          : await ort.InferenceSession.create(path, options.sessionOptions);
    } catch (cause) {
      throw new CalibraError(
        ErrorCodes.BACKEND,
        `${runtimeName} could not create a session for ${where}: ${(cause as Error).message}`,
        { cause, details: { runtime: runtimeName } },
      );
    }
    try {
      return createOnnxModel({
        ort,
        session,
        runtime: describeRuntime(ort, runtimeName),
        decoded,
        output,
        batchSize,
      });
    } catch (error) {
      await session.release();
      throw error;
    }
  };
}
