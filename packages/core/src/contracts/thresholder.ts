import type { ScoresInput } from "../data/scores.js";
import type { StandardSchemaV1 } from "../schema/standard-schema.js";

/** Probabilities and labels that a thresholder may learn its threshold from. */
export interface ThresholdData {
  readonly probabilities: Float64Array;
  readonly labels: Uint8Array;
  readonly weights: Float64Array | undefined;
}

/** What a thresholder chose: the threshold and, optionally, facts about the choice (the metric it reached…). */
export interface ThresholdChoice {
  readonly threshold: number;
  readonly details?: Readonly<Record<string, number | string | boolean>>;
}

/**
 * How a thresholder is defined by a plugin. Every Calibra decision is `p >= threshold`; a thresholder only
 * decides *which* threshold, either from its options alone or from labelled data.
 */
export interface ThresholderDefinition<Options = unknown> {
  readonly kind: "thresholder";
  readonly id: string;
  readonly description: string;
  readonly options: StandardSchemaV1<unknown, Options>;
  /** True when the threshold comes from labelled data and `fit` must run before `decide`. */
  readonly needsData: boolean;
  /** Chooses the threshold; `data` is present exactly when {@link needsData} is true. */
  choose(options: Options, data: ThresholdData | undefined): ThresholdChoice;
  /** A plain-words account of the rule. */
  explain?(options: Options, choice: ThresholdChoice | undefined): string;
}

/** A thresholder with its options bound; `threshold` is set once it is chosen. */
export interface Thresholder<Options = unknown> {
  readonly id: string;
  readonly options: Options;
  readonly definition: ThresholderDefinition<Options>;
  /** The chosen threshold on P(positive), or `undefined` until fitted. Decisions are `p >= threshold`. */
  readonly threshold: number | undefined;
  readonly details: Readonly<Record<string, number | string | boolean>>;
  /** Chooses the threshold from labelled probabilities and returns the fitted thresholder (this one when fixed). */
  fit(
    probabilities: ScoresInput,
    labels: Uint8Array | readonly number[],
    weights?: ScoresInput,
  ): Thresholder<Options>;
  /** 1 where `p >= threshold`, 0 elsewhere. Throws `E_NOT_FITTED` before a data-driven threshold is chosen. */
  decide(probabilities: ScoresInput): Uint8Array;
  toJSON(): {
    type: string;
    params: Options;
    value: number;
    details?: Readonly<Record<string, number | string | boolean>>;
  };
}
