import { CalibraError, ErrorCodes, isCalibraError } from "@calibra/core";
import type { Tensor } from "@tensorflow/tfjs";
import type { ModelRunner } from "./model-runner.js";
import type { TfjsBackendName, TfjsNamespace } from "./runtime.js";

/** True for tfjs's refusal to run a graph with control flow or dynamic shapes synchronously. */
function needsExecuteAsync(error: unknown): boolean {
  return error instanceof Error && /executeAsync/.test(error.message);
}

/**
 * Runs chunks of rows through one loaded model on the backend it was loaded on. Each call switches tfjs back to
 * that backend if something else moved the process-wide backend, and disposes every tensor it makes except the
 * outputs it returns: by `tf.tidy`, or by hand on the `executeAsync` path that graphs with control flow need (taken
 * from the first time tfjs refuses `execute`, and kept).
 */
export class ChunkExecutor {
  readonly #tf: TfjsNamespace;
  readonly #backendName: TfjsBackendName;
  readonly #runner: ModelRunner;
  readonly #features: number;
  readonly #where: string;
  #useAsync = false;

  constructor(
    tf: TfjsNamespace,
    backendName: TfjsBackendName,
    runner: ModelRunner,
    features: number,
    where: string,
  ) {
    this.#tf = tf;
    this.#backendName = backendName;
    this.#runner = runner;
    this.#features = features;
    this.#where = where;
  }

  /**
   * Runs `rows` rows (`chunk` holds rows × features float32 values) and returns the outputs at `indices`, which
   * the caller disposes. A tfjs failure becomes `E_BACKEND` with tfjs's error as the cause.
   */
  async run(chunk: Float32Array, rows: number, indices: readonly number[]): Promise<Tensor[]> {
    const tf = this.#tf;
    const shape: [number, number] = [rows, this.#features];
    try {
      if (tf.getBackend() !== this.#backendName) {
        await tf.setBackend(this.#backendName);
        await tf.ready();
      }
      if (!this.#useAsync) {
        try {
          return tf.tidy(() => this.#runner.execute(tf.tensor2d(chunk, shape, "float32"), indices));
        } catch (error) {
          if (!needsExecuteAsync(error)) throw error;
          this.#useAsync = true;
        }
      }
      const input = tf.tensor2d(chunk, shape, "float32");
      try {
        return await this.#runner.executeAsync(input, indices);
      } finally {
        input.dispose();
      }
    } catch (error) {
      if (isCalibraError(error)) throw error;
      throw new CalibraError(
        ErrorCodes.BACKEND,
        `${this.#where}: tfjs failed to run the model: ${(error as Error)?.message ?? String(error)}`,
        { cause: error, details: { where: this.#where } },
      );
    }
  }
}
