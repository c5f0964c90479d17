import type { FitData } from "../data/fit-data.js";
import type { ScoresInput } from "../data/scores.js";
import type { StandardSchemaV1 } from "../schema/standard-schema.js";

/**
 * How a calibrator is defined by a plugin. A definition holds only the numerics: core validates the inputs once
 * (finite log-odds, 0/1 labels with both classes, matching lengths, valid weights) before `fit` sees them, and
 * builds the user-facing {@link Calibrator} and {@link FittedCalibrator} objects around it.
 *
 * `Params` must be plain JSON (numbers, strings, booleans, arrays, objects): it is what a pipeline spec stores,
 * and `compile(params)` must reproduce the fitted predictions bit for bit from it.
 */
export interface CalibratorDefinition<Options = unknown, Params = unknown> {
  readonly kind: "calibrator";
  /** Registry id, e.g. `"platt"`. */
  readonly id: string;
  /** One line for listings and `calibra explain`. */
  readonly description: string;
  /** The score space the calibrator reads; every calibrator reads log-odds of P(positive). */
  readonly input: "logOdds";
  /**
   * Whether fitted instances are non-decreasing in log-odds: `true` for all, `false` for none, or a function of the
   * fitted parameters when it depends on the fit (an isotonic fit that chose a decreasing direction, say).
   */
  readonly monotone: boolean | ((params: Params) => boolean);
  /** Validates (and fills defaults into) the options a user passes to the factory. */
  readonly options: StandardSchemaV1<unknown, Options>;
  /** Validates fitted parameters read from a spec file. */
  readonly params: StandardSchemaV1<unknown, Params>;
  /** Fits on validated data and returns the fitted parameters. */
  fit(data: FitData, options: Options): Params;
  /**
   * Prepares fitted parameters for prediction and returns the function that writes calibrated probabilities
   * of `logOdds[i]` into `out[i]`. Called once per fitted calibrator, so any unpacking happens here, not per row.
   */
  compile(params: Params): (logOdds: Float64Array, out: Float64Array) => void;
  /** A plain-words account of the fitted calibrator. */
  explain?(params: Params): string;
}

/** A fitted calibrator: log-odds in, calibrated probabilities of the positive class out. */
export interface FittedCalibrator<Params = unknown> {
  readonly id: string;
  /** The fitted parameters, readable and serialisable. */
  readonly params: Params;
  /** True when predictions are non-decreasing in log-odds. */
  readonly monotone: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the options type does not matter once fitted.
  readonly definition: CalibratorDefinition<any, Params>;
  /**
   * Calibrated P(positive) for every log-odds value (NaN rejected; ±Infinity allowed). Written to `out` when given.
   */
  predict(logOdds: ScoresInput, out?: Float64Array): Float64Array;
  /** The serialisable form stored in a pipeline spec. */
  toJSON(): { type: string; params: Params };
}

/** An unfitted calibrator with its options bound, as made by a factory such as `platt()`. */
export interface Calibrator<Options = unknown, Params = unknown> {
  readonly id: string;
  readonly options: Options;
  readonly definition: CalibratorDefinition<Options, Params>;
  /** Fits on held-out log-odds and labels (1 = positive), with optional non-negative sample weights. */
  fit(
    logOdds: ScoresInput,
    labels: Uint8Array | readonly number[],
    weights?: ScoresInput,
  ): FittedCalibrator<Params>;
}
