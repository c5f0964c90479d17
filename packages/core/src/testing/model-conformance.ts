import type { BuiltinActivationId, FeatureBatch, Model, ModelOutput } from "../contracts/model.js";
import { isCalibraError } from "../errors.js";
import type { ConformanceCheck } from "./calibrator-conformance.js";

/** What {@link checkModel} checks a backend's model with. */
export interface ModelConformanceOptions {
  /** Loads a fresh copy of the model under test (the kit disposes every model it loads). */
  readonly load: () => Promise<Model>;
  /** Real feature rows for the model, at least two. */
  readonly batch: FeatureBatch;
  /**
   * The raw outputs the model should give on `batch` (an independent computation, e.g. backend-ts's float64
   * forward pass for an exported model), compared within `tolerance`.
   */
  readonly expected?: ArrayLike<number>;
  /**
   * Largest absolute difference allowed against `expected` and between a subset of rows and the same rows inside
   * the whole batch. Default 1e-5, float32 rounding of logits.
   */
  readonly tolerance?: number;
  /**
   * Largest absolute difference allowed between float32 and float64 input: rounding the features to float32
   * moves the logits even where the model computes in float64. Default 1e-5.
   */
  readonly float32InputTolerance?: number;
}

const BUILTIN_ACTIVATIONS: readonly BuiltinActivationId[] = [
  "sigmoid",
  "softmax2",
  "probability",
  "two-sigmoids",
];

/** Default for {@link ModelConformanceOptions.tolerance}: float32 rounding of logits of a few tens. */
export const MODEL_CONFORMANCE_TOLERANCE = 1e-5;

async function check(name: string, run: () => Promise<string | undefined>): Promise<ConformanceCheck> {
  try {
    const problem = await run();
    return { name, passed: problem === undefined, detail: problem ?? "" };
  } catch (error) {
    return { name, passed: false, detail: `threw ${(error as Error)?.stack ?? String(error)}` };
  }
}

async function expectError(code: string, run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    if (isCalibraError(error, code as never)) return undefined;
    return `expected a CalibraError ${code}, got ${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
  return `expected a CalibraError ${code}, but nothing was thrown`;
}

function compare(
  label: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tolerance: number,
): string | undefined {
  if (got.length !== want.length) return `${label}: ${got.length} values, expected ${want.length}`;
  for (let i = 0; i < got.length; i++) {
    const difference = Math.abs((got[i] as number) - (want[i] as number));
    if (!(difference <= tolerance)) return `${label}: index ${i}: ${got[i]} vs ${want[i]}`;
  }
  return undefined;
}

function rowsOf(
  batch: FeatureBatch,
  from: number,
  to: number,
  Type: Float32ArrayConstructor | Float64ArrayConstructor,
): FeatureBatch {
  const data = new Type(batch.data.subarray(from * batch.columns, to * batch.columns));
  return { data, rows: to - from, columns: batch.columns };
}

/**
 * Runs the model contract against a backend's loader and returns one result per check — plain data, no test
 * runner needed: the description (backend and runtime named, `featureCount` agrees with the batch, the suggested
 * activation is one core provides); `predict` returns `rows × columns` finite numbers with 1 or 2 columns, equal to
 * `expected` when given; float32 and float64 input agree; the second half of the batch on its own gives the same
 * rows as inside the whole batch (row order kept, no state between calls); a batch of no rows gives no rows;
 * `E_FEATURE_COUNT` for one feature too many, `E_LENGTH_MISMATCH` for data that does not fill rows × columns;
 * `dispose` may be called twice and `predict` after it is `E_BACKEND`.
 */
export async function checkModel(options: ModelConformanceOptions): Promise<ConformanceCheck[]> {
  const tolerance = options.tolerance ?? MODEL_CONFORMANCE_TOLERANCE;
  const { batch } = options;
  const checks: ConformanceCheck[] = [];
  const model = await options.load();
  try {
    let whole: ModelOutput | undefined;
    checks.push(
      await check("describes itself", async () => {
        if (!model.backend || !model.runtime) return `backend "${model.backend}", runtime "${model.runtime}"`;
        if (model.featureCount !== undefined && model.featureCount !== batch.columns) {
          return `featureCount is ${model.featureCount}, the batch has ${batch.columns} columns`;
        }
        const suggested = model.suggestedActivation;
        if (suggested !== undefined && !BUILTIN_ACTIVATIONS.includes(suggested)) {
          return `suggestedActivation "${suggested}" is not one of ${BUILTIN_ACTIVATIONS.join(", ")}`;
        }
        if (model.inputs.length === 0 || model.outputs.length === 0) return "lists no inputs or no outputs";
        return undefined;
      }),
    );
    checks.push(
      await check("predicts rows × columns finite numbers", async () => {
        whole = await model.predict(batch);
        if (whole.rows !== batch.rows) return `${whole.rows} rows for ${batch.rows}`;
        if (whole.columns !== 1 && whole.columns !== 2) return `${whole.columns} columns`;
        if (whole.data.length !== whole.rows * whole.columns) {
          return `${whole.data.length} numbers for ${whole.rows} × ${whole.columns}`;
        }
        for (let i = 0; i < whole.data.length; i++) {
          if (!Number.isFinite(whole.data[i])) return `index ${i} is ${whole.data[i]}`;
        }
        return options.expected
          ? compare("against expected", whole.data, options.expected, tolerance)
          : undefined;
      }),
    );
    const reference = whole;
    if (reference) {
      checks.push(
        await check("float32 and float64 input agree", async () => {
          const as32 = await model.predict(rowsOf(batch, 0, batch.rows, Float32Array));
          const as64 = await model.predict(rowsOf(batch, 0, batch.rows, Float64Array));
          const allowed = options.float32InputTolerance ?? MODEL_CONFORMANCE_TOLERANCE;
          return compare("float32 vs float64 input", as32.data, as64.data, allowed);
        }),
      );
      checks.push(
        await check("a subset gives the same rows (row order kept)", async () => {
          const half = Math.floor(batch.rows / 2);
          const Type = batch.data instanceof Float32Array ? Float32Array : Float64Array;
          const part = await model.predict(rowsOf(batch, half, batch.rows, Type));
          const from = half * reference.columns;
          return compare(
            "second half alone vs in the batch",
            part.data,
            reference.data.subarray(from),
            tolerance,
          );
        }),
      );
    }
    checks.push(
      await check("a batch of no rows gives no rows", async () => {
        const empty = await model.predict({ data: new Float64Array(0), rows: 0, columns: batch.columns });
        return empty.rows === 0 && empty.data.length === 0 ? undefined : `${empty.rows} rows`;
      }),
    );
    checks.push(
      await check("E_FEATURE_COUNT for one feature too many", () =>
        expectError("E_FEATURE_COUNT", () => {
          const columns = batch.columns + 1;
          return model.predict({ data: new Float64Array(2 * columns), rows: 2, columns });
        }),
      ),
    );
    checks.push(
      await check("E_LENGTH_MISMATCH for data that does not fill rows × columns", () =>
        expectError("E_LENGTH_MISMATCH", () =>
          model.predict({
            data: batch.data.subarray(0, batch.columns * 2 - 1),
            rows: 2,
            columns: batch.columns,
          }),
        ),
      ),
    );
  } finally {
    await model.dispose();
  }
  checks.push(
    await check("dispose twice, then predict is E_BACKEND", async () => {
      await model.dispose();
      return expectError("E_BACKEND", () => model.predict(batch));
    }),
  );
  return checks;
}

/** Runs {@link checkModel} and throws one error listing every failed check (for use inside any test runner). */
export async function assertModelConformance(options: ModelConformanceOptions): Promise<void> {
  const failed = (await checkModel(options)).filter((result) => !result.passed);
  if (failed.length > 0) {
    throw new Error(
      `model conformance: ${failed.length} check(s) failed:\n${failed.map((f) => `- ${f.name}: ${f.detail}`).join("\n")}`,
    );
  }
}
