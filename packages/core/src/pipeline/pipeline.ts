import { fixedThresholder } from "../builtins/fixed-threshold.js";
import { createThresholder } from "../components/thresholder.js";
import type { AnyActivation, AnyFittedCalibrator, AnyThresholder } from "../contracts/plugin.js";
import type { RawInput } from "../contracts/raw-output.js";
import type { ClassNames } from "../data/labels.js";
import { assertNoNaN, type ScoresInput, toFloat64 } from "../data/scores.js";
import { providerOf } from "../define.js";
import { CalibraError, ErrorCodes } from "../errors.js";
import { smallestDoubleWhere } from "../math/ordered-doubles.js";
import { logit, sigmoid } from "../math/stable.js";
import type { ComponentSpec, FitSummary, PipelineSpec } from "../spec/spec-types.js";
import { SPEC_FORMAT, SPEC_VERSION } from "../spec/spec-types.js";
import { assertPriorShift, type PriorShift, priorShiftOffset } from "./prior-shift.js";

/** The parts a {@link Pipeline} is made of. */
export interface PipelineParts {
  /** Names of the two classes; every probability is P(class = classes.positive). */
  readonly classes: ClassNames;
  /** Raw model output → log-odds of P(positive). */
  readonly activation: AnyActivation;
  /** Log-odds → calibrated probability; without one, P(positive) = sigmoid(log-odds). */
  readonly calibrator?: AnyFittedCalibrator | null | undefined;
  /** Optional prior-shift correction applied to the calibrated probability. */
  readonly priorShift?: PriorShift | null | undefined;
  /** Probability → decision; a fixed threshold of ½ when omitted. Must already have its threshold. */
  readonly thresholder?: AnyThresholder | null | undefined;
  /** What the pipeline was fitted on. */
  readonly fit?: FitSummary | null | undefined;
}

/**
 * Raw model output → P(positive) → decision: an activation, an optional calibrator, an optional prior shift
 * and a thresholder. Decisions are `p >= threshold` everywhere; when the calibrator is monotone they are made
 * with a single comparison of each row's log-odds against {@link Pipeline.logOddsCutoff}.
 */
export class Pipeline {
  readonly classes: ClassNames;
  readonly activation: AnyActivation;
  readonly calibrator: AnyFittedCalibrator | null;
  readonly priorShift: PriorShift | null;
  readonly thresholder: AnyThresholder;
  readonly fit: FitSummary | null;
  /** Log-odds offset of the prior shift (0 without one). */
  readonly #offset: number;
  #cutoff: number | undefined;

  constructor(parts: PipelineParts) {
    if (
      typeof parts.classes?.positive !== "string" ||
      typeof parts.classes?.negative !== "string" ||
      parts.classes.positive === parts.classes.negative
    ) {
      throw new CalibraError(
        ErrorCodes.INVALID_OPTIONS,
        'a pipeline needs two different class names, e.g. { positive: "churn", negative: "stay" }.',
      );
    }
    if (parts.priorShift) assertPriorShift(parts.priorShift);
    const thresholder = parts.thresholder ?? createThresholder(fixedThresholder);
    if (thresholder.threshold === undefined) {
      throw new CalibraError(
        ErrorCodes.NOT_FITTED,
        `thresholder "${thresholder.id}" has no threshold yet: fit it (or use fitPipeline) before building the pipeline.`,
      );
    }
    this.classes = { positive: parts.classes.positive, negative: parts.classes.negative };
    this.activation = parts.activation;
    this.calibrator = parts.calibrator ?? null;
    this.priorShift = parts.priorShift ?? null;
    this.thresholder = thresholder;
    this.fit = parts.fit ?? null;
    this.#offset = this.priorShift ? priorShiftOffset(this.priorShift) : 0;
  }

  /** The decision threshold on P(positive): a row is positive when p >= threshold. */
  get threshold(): number {
    return this.thresholder.threshold as number;
  }

  /** True when P(positive) is non-decreasing in the log-odds, so a log-odds cutoff exists. */
  get monotone(): boolean {
    return this.calibrator === null || this.calibrator.monotone;
  }

  /** Log-odds of P(positive) for each row of raw model output (the activation alone). */
  logOdds(raw: RawInput, out?: Float64Array): Float64Array {
    return this.activation.toLogOdds(raw, out);
  }

  /** Calibrated (and prior-shifted) P(positive) for log-odds values; NaN is rejected. */
  probabilitiesFromLogOdds(logOdds: ScoresInput, out?: Float64Array): Float64Array {
    const z = toFloat64(logOdds, "log-odds");
    const result = out ?? new Float64Array(z.length);
    if (this.calibrator === null) {
      assertNoNaN(z, "log-odds");
      const offset = this.#offset;
      for (let i = 0; i < z.length; i++) result[i] = sigmoid((z[i] as number) + offset);
      return result;
    }
    this.calibrator.predict(z, result);
    if (this.#offset !== 0) {
      const offset = this.#offset;
      for (let i = 0; i < z.length; i++) result[i] = sigmoid(logit(result[i] as number) + offset);
    }
    return result;
  }

  /** P(class = classes.positive) for each row of raw model output. */
  predictProba(raw: RawInput): Float64Array {
    const z = this.logOdds(raw);
    return this.probabilitiesFromLogOdds(z, z);
  }

  /**
   * The raw log-odds value at which the decision flips: a row is positive exactly when its log-odds z satisfies
   * `z >= logOddsCutoff()`, the generalisation of comparing a logit with log(t / (1 − t)). Found once by
   * bisection over the doubles themselves, so it agrees with `p >= threshold` on every input, not just
   * approximately. `-Infinity` when every row is positive; `NaN` when no log-odds value reaches the threshold
   * (every comparison with NaN is false). Throws `E_NOT_MONOTONE` for a non-monotone calibrator.
   */
  logOddsCutoff(): number {
    if (this.#cutoff !== undefined) return this.#cutoff;
    if (!this.monotone) {
      throw new CalibraError(
        ErrorCodes.NOT_MONOTONE,
        `calibrator "${this.calibrator?.id}" is not monotone in the log-odds, so no single cutoff exists; ` +
          "decide on probabilities instead (decide() does so automatically).",
      );
    }
    const threshold = this.threshold;
    const point = new Float64Array(1);
    const probability = new Float64Array(1);
    const cutoff = smallestDoubleWhere((z) => {
      point[0] = z;
      this.probabilitiesFromLogOdds(point, probability);
      return (probability[0] as number) >= threshold;
    });
    this.#cutoff = cutoff ?? Number.NaN;
    return this.#cutoff;
  }

  /** Decisions (1 = positive class) for log-odds values. */
  decideFromLogOdds(logOdds: ScoresInput): Uint8Array {
    const z = toFloat64(logOdds, "log-odds");
    assertNoNaN(z, "log-odds");
    const decisions = new Uint8Array(z.length);
    if (this.monotone) {
      const cutoff = this.logOddsCutoff();
      for (let i = 0; i < z.length; i++) decisions[i] = (z[i] as number) >= cutoff ? 1 : 0;
      return decisions;
    }
    const p = this.probabilitiesFromLogOdds(z);
    const threshold = this.threshold;
    for (let i = 0; i < z.length; i++) decisions[i] = (p[i] as number) >= threshold ? 1 : 0;
    return decisions;
  }

  /** Decisions (1 = positive class) for each row of raw model output. */
  decide(raw: RawInput): Uint8Array {
    return this.decideFromLogOdds(this.logOdds(raw));
  }

  /** The portable JSON spec of this pipeline (see {@link loadPipeline}). */
  toJSON(): PipelineSpec {
    return {
      format: SPEC_FORMAT,
      version: SPEC_VERSION,
      classes: { ...this.classes },
      activation: componentSpec(this.activation.definition, this.activation.toJSON()),
      calibrator: this.calibrator
        ? componentSpec(this.calibrator.definition, this.calibrator.toJSON())
        : null,
      priorShift: this.priorShift ? { ...this.priorShift } : null,
      threshold: { ...this.thresholder.toJSON(), ...pluginField(this.thresholder.definition) },
      fit: this.fit ? { ...this.fit } : null,
    };
  }
}

function pluginField(definition: object): { plugin?: string } {
  const plugin = providerOf(definition);
  return plugin === undefined ? {} : { plugin };
}

function componentSpec(definition: object, json: { type: string; params: unknown }): ComponentSpec {
  return { type: json.type, ...pluginField(definition), params: json.params };
}
