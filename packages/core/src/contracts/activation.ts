import type { StandardSchemaV1 } from "../schema/standard-schema.js";
import type { RawInput, RawMatrix } from "./raw-output.js";

/**
 * How an activation is defined by a plugin: it turns a model's raw output into log-odds of P(positive), the
 * canonical score space every calibrator and thresholder works in.
 */
export interface ActivationDefinition<Params = unknown> {
  readonly kind: "activation";
  /** Registry id, e.g. `"softmax2"`. */
  readonly id: string;
  /** One line for listings and `calibra explain`. */
  readonly description: string;
  /** How many numbers per row the activation reads. */
  readonly columns: 1 | 2;
  /** Validates (and fills defaults into) the activation's parameters, from code or from a spec file. */
  readonly params: StandardSchemaV1<unknown, Params>;
  /**
   * Writes the log-odds of row i to `out[i]`. `raw` has exactly {@link columns} columns (checked by core).
   * Must throw a `CalibraError` naming the row for values it cannot read (NaN, a probability outside [0, 1]).
   */
  toLogOdds(params: Params, raw: RawMatrix, out: Float64Array): void;
  /** A plain-words account of what the activation does with these parameters. */
  explain?(params: Params): string;
}

/** A ready-to-use activation with its parameters bound. */
export interface Activation<Params = unknown> {
  readonly id: string;
  readonly columns: 1 | 2;
  readonly params: Params;
  readonly definition: ActivationDefinition<Params>;
  /** Log-odds of P(positive) for every row of `raw`. */
  toLogOdds(raw: RawInput, out?: Float64Array): Float64Array;
  /** The serialisable form stored in a pipeline spec. */
  toJSON(): { type: string; params: Params };
}
