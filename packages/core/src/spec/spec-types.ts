/** The `format` field of every pipeline spec. */
export const SPEC_FORMAT = "calibra.pipeline";
/** The spec version this release writes and reads. */
export const SPEC_VERSION = 1;

/** A component as stored in a spec: its registry id, the plugin that provides it, and its parameters. */
export interface ComponentSpec {
  readonly type: string;
  /** The plugin that provides the component, so that a reader missing it knows what to install. */
  readonly plugin?: string;
  readonly params: unknown;
}

/** The threshold as stored in a spec: the thresholder that chose it, and the value it chose. */
export interface ThresholdSpec extends ComponentSpec {
  readonly value: number;
  readonly details?: Readonly<Record<string, number | string | boolean>>;
}

/** What a pipeline was fitted on. */
export interface FitSummary {
  /** Rows used for fitting. */
  readonly rows: number;
  /** Share of the positive class among them (weighted when weights were given). */
  readonly prevalence: number;
  /** Whether sample weights were used. */
  readonly weighted: boolean;
  /** When the fit ran, as an ISO 8601 timestamp. */
  readonly fittedAt: string;
  /**
   * The data columns the raw scores were read from (one, or two for two-column activations), when the fit read a
   * table: `calibra apply` reads the same columns by default.
   */
  readonly scoreColumns?: readonly string[];
  /** The data column the labels were read from, when the fit read a table. */
  readonly labelColumn?: string;
}

/** The portable, versioned JSON form of a pipeline. */
export interface PipelineSpec {
  readonly format: typeof SPEC_FORMAT;
  readonly version: typeof SPEC_VERSION;
  readonly classes: { readonly positive: string; readonly negative: string };
  readonly activation: ComponentSpec;
  readonly calibrator: ComponentSpec | null;
  readonly priorShift: { readonly trainPrevalence: number; readonly deployPrevalence: number } | null;
  readonly threshold: ThresholdSpec;
  readonly fit: FitSummary | null;
}
