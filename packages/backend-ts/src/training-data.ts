import {
  assertBinaryLabels,
  assertNotEmpty,
  assertSameLength,
  CalibraError,
  ErrorCodes,
  type FeatureBatch,
} from "@calibra/core";

/** Training features: a row-major batch, or an array of rows. */
export type TrainingFeatures = FeatureBatch | readonly (readonly number[])[];

/** Training rows as float64, labels as 0/1, validated once. */
export interface TrainingData {
  /** Row-major `rows × columns` features (standardised when asked). */
  readonly features: Float64Array;
  readonly rows: number;
  readonly columns: number;
  /** 1 = positive, 0 = negative. */
  readonly labels: Uint8Array;
  /** Per-column mean and population standard deviation (1 for a constant column), when standardised. */
  readonly standardize: { readonly mean: number[]; readonly scale: number[] } | undefined;
}

function toMatrix(features: TrainingFeatures): { data: Float64Array; rows: number; columns: number } {
  if (Array.isArray(features)) {
    const rows = features.length;
    const columns = (features[0] as readonly number[] | undefined)?.length ?? 0;
    const data = new Float64Array(rows * columns);
    (features as readonly (readonly number[])[]).forEach((row, index) => {
      if (row.length !== columns) {
        throw new CalibraError(
          ErrorCodes.LENGTH_MISMATCH,
          `feature row ${index} has ${row.length} values, row 0 has ${columns}; every row needs the same columns.`,
          { details: { row: index } },
        );
      }
      data.set(row, index * columns);
    });
    return { data, rows, columns };
  }
  const batch = features as FeatureBatch;
  if (batch.data.length !== batch.rows * batch.columns) {
    throw new CalibraError(
      ErrorCodes.LENGTH_MISMATCH,
      `the feature batch holds ${batch.data.length} numbers, but rows × columns = ${batch.rows} × ${batch.columns}.`,
    );
  }
  return { data: Float64Array.from(batch.data), rows: batch.rows, columns: batch.columns };
}

/**
 * Converts and checks training input once: equal row counts, at least one row and column, finite features,
 * labels 0/1 with both classes; standardises each column to mean 0, variance 1 when `standardize` is true
 * (like scikit-learn's `StandardScaler`: population standard deviation, a constant column gets scale 1).
 */
export function prepareTrainingData(
  features: TrainingFeatures,
  labels: ArrayLike<number>,
  standardize: boolean,
  featureNames?: readonly string[],
): TrainingData {
  const { data, rows, columns } = toMatrix(features);
  if (featureNames && featureNames.length !== columns) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `featureNames has ${featureNames.length} names for ${columns} feature columns.`,
    );
  }
  assertNotEmpty(data, "features");
  assertSameLength(labels, "labels", { length: rows }, "feature rows");
  const labelBytes = Uint8Array.from(labels as ArrayLike<number>);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new CalibraError(
        ErrorCodes.LABEL_CLASSES,
        `label ${i} is ${labels[i]}; labels must be 0 or 1 (1 = positive).`,
        {
          details: { row: i },
        },
      );
    }
  }
  assertBinaryLabels(labelBytes);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new CalibraError(
        ErrorCodes.NAN_INPUT,
        `feature at row ${Math.floor(i / columns)}, column ${i % columns} is ${data[i]}; impute or drop it before training.`,
        { details: { row: Math.floor(i / columns), column: i % columns } },
      );
    }
  }
  if (!standardize) return { features: data, rows, columns, labels: labelBytes, standardize: undefined };
  const mean = new Array<number>(columns).fill(0);
  const scale = new Array<number>(columns).fill(0);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < columns; j++) mean[j] = (mean[j] as number) + (data[i * columns + j] as number);
  for (let j = 0; j < columns; j++) mean[j] = (mean[j] as number) / rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const centred = (data[i * columns + j] as number) - (mean[j] as number);
      scale[j] = (scale[j] as number) + centred * centred;
    }
  }
  for (let j = 0; j < columns; j++) {
    const deviation = Math.sqrt((scale[j] as number) / rows);
    scale[j] = deviation > 0 ? deviation : 1;
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      data[i * columns + j] =
        ((data[i * columns + j] as number) - (mean[j] as number)) / (scale[j] as number);
    }
  }
  return { features: data, rows, columns, labels: labelBytes, standardize: { mean, scale } };
}

/** Throws `E_INVALID_OPTIONS` unless `value` is a finite number satisfying `ok`. */
export function checkOption(
  name: string,
  value: number,
  ok: (value: number) => boolean,
  rule: string,
): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !ok(value)) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `option ${name} must be ${rule}, got ${String(value)}.`,
      {
        details: { option: name, value },
      },
    );
  }
  return value;
}
