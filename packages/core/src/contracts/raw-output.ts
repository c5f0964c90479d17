/**
 * A model's raw output for a set of rows: `rows × columns` numbers, row-major.
 * One column holds a logit (or a probability) per row; two columns hold one value per class.
 */
export interface RawMatrix {
  readonly data: Float64Array | Float32Array | readonly number[];
  readonly rows: number;
  readonly columns: number;
}

/**
 * What the pipeline and activations accept as raw output: a flat array (one value per row), an array of rows
 * (`[[z_neg, z_pos], …]`), or an explicit {@link RawMatrix}.
 */
export type RawInput =
  | Float64Array
  | Float32Array
  | readonly number[]
  | readonly (readonly number[])[]
  | RawMatrix;
