/**
 * Every error Calibra raises on purpose, with a stable code that programs can branch on.
 * Messages change to get clearer; codes do not.
 */
export const ErrorCodes = {
  /** A score, log-odds value or raw output is NaN (or ±Infinity where only finite values make sense). */
  NAN_INPUT: "E_NAN_INPUT",
  /** A probability lies outside [0, 1]. */
  PROBABILITY_RANGE: "E_PROBABILITY_RANGE",
  /** Labels hold something other than the two classes. */
  LABEL_CLASSES: "E_LABEL_CLASSES",
  /** A label value is missing (null, undefined, empty string, NaN). */
  MISSING_LABEL: "E_MISSING_LABEL",
  /** The positive class named by the caller does not occur in the labels. */
  UNKNOWN_POSITIVE: "E_UNKNOWN_POSITIVE",
  /** The data hold only one class where both are needed. */
  ONE_CLASS: "E_ONE_CLASS",
  /** Two arrays that describe the same rows have different lengths. */
  LENGTH_MISMATCH: "E_LENGTH_MISMATCH",
  /** There are no rows. */
  EMPTY_INPUT: "E_EMPTY_INPUT",
  /** Sample weights are negative, NaN, infinite or all zero. */
  INVALID_WEIGHTS: "E_INVALID_WEIGHTS",
  /** Options passed to a component do not fit its schema. */
  INVALID_OPTIONS: "E_INVALID_OPTIONS",
  /** A model's or caller's output does not have the shape the activation expects. */
  OUTPUT_SHAPE: "E_OUTPUT_SHAPE",
  /** A pipeline spec declares a version this release cannot read. */
  SPEC_VERSION: "E_SPEC_VERSION",
  /** A pipeline spec is not valid JSON or does not fit the schema. */
  SPEC_INVALID: "E_SPEC_INVALID",
  /** A component id is not registered. */
  UNKNOWN_COMPONENT: "E_UNKNOWN_COMPONENT",
  /** A plugin was written for another plugin API version. */
  PLUGIN_API: "E_PLUGIN_API",
  /** A plugin or component id is already taken by something else. */
  DUPLICATE_ID: "E_DUPLICATE_ID",
  /** A plugin object is malformed. */
  PLUGIN_INVALID: "E_PLUGIN_INVALID",
  /** A thresholder that must be fitted was asked to decide before fitting. */
  NOT_FITTED: "E_NOT_FITTED",
  /** An operation needs a monotone calibrator and the pipeline's is not. */
  NOT_MONOTONE: "E_NOT_MONOTONE",
  /** No threshold meets a constraint (precision ≥ x, say) on the data. */
  NO_THRESHOLD: "E_NO_THRESHOLD",
  /** A threshold lies outside [0, 1] or is NaN. */
  INVALID_THRESHOLD: "E_INVALID_THRESHOLD",
  /** A model backend could not start, read a model file, or run a model. */
  BACKEND: "E_BACKEND",
  /** A model file is not in a format the backend reads (not ONNX, not a valid model JSON, an unsupported element type). */
  MODEL_FORMAT: "E_MODEL_FORMAT",
  /** A batch has a different number of features per row than the model expects. */
  FEATURE_COUNT: "E_FEATURE_COUNT",
  /**
   * A data file is malformed: a row with the wrong number of fields, a value that is not a number, a column that
   * does not exist, a line that is not JSON. The message names the file, line and column.
   */
  DATA_FORMAT: "E_DATA_FORMAT",
  /** A file cannot be read or written (missing, not readable, the directory not writable). */
  IO: "E_IO",
} as const;

/** One of the stable error codes in {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Options for {@link CalibraError}. */
export interface CalibraErrorOptions {
  /** The error that led to this one, kept for debugging. */
  cause?: unknown;
  /** Machine-readable facts about the failure (row index, counts, names). */
  details?: Record<string, unknown>;
}

/**
 * The one error type Calibra throws for bad input, bad files and bad plugins.
 * `code` is stable; `message` says what is wrong, where, and what to do.
 */
export class CalibraError extends Error {
  /** Stable, documented error code. */
  readonly code: ErrorCode;
  /** Machine-readable facts about the failure. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: CalibraErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CalibraError";
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `value` is a {@link CalibraError}, optionally with the given code. Works across copies of core. */
export function isCalibraError(value: unknown, code?: ErrorCode): value is CalibraError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== "CalibraError" || typeof candidate.code !== "string") return false;
  return code === undefined || candidate.code === code;
}
