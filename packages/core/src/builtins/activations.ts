import { z } from "zod";
import type { RawMatrix } from "../contracts/raw-output.js";
import { defineActivation } from "../define.js";
import { CalibraError, ErrorCodes } from "../errors.js";
import { logit } from "../math/stable.js";

/**
 * Default clipping for activations that read probabilities: p is clipped to [ε, 1 − ε] before taking log-odds,
 * so a model that outputs exactly 0 or 1 gives log-odds of about ∓27.6 instead of ∓∞. 1e-12 keeps every
 * probability a well-behaved model produces (float32 sigmoids saturate near 1e-8 from 1) while bounding the
 * log-odds a calibrator must fit.
 */
export const PROBABILITY_CLIP_EPSILON = 1e-12;

function rowError(activation: string, row: number, message: string): CalibraError {
  return new CalibraError(ErrorCodes.NAN_INPUT, `activation "${activation}": row ${row}: ${message}`, {
    details: { row },
  });
}

function probabilityError(activation: string, row: number, column: string, value: number): CalibraError {
  return new CalibraError(
    Number.isNaN(value) ? ErrorCodes.NAN_INPUT : ErrorCodes.PROBABILITY_RANGE,
    `activation "${activation}": row ${row}${column}: ${value} is not a probability in [0, 1]. ` +
      "If the model outputs logits, use the sigmoid or softmax2 activation instead.",
    { details: { row, value } },
  );
}

const epsilonSchema = z
  .number()
  .gt(0)
  .lt(0.5)
  .default(PROBABILITY_CLIP_EPSILON)
  .describe("probabilities are clipped to [epsilon, 1 - epsilon] before taking log-odds");

/** One logit per row (a `BCEWithLogitsLoss` model, a logistic regression): the logit already is the log-odds. */
export const sigmoidActivation = defineActivation({
  id: "sigmoid",
  description: "one logit per row; P(positive) = sigmoid(logit)",
  columns: 1,
  params: z.object({}).strict(),
  toLogOdds(_params, raw: RawMatrix, out) {
    const data = raw.data;
    for (let i = 0; i < raw.rows; i++) {
      const value = data[i] as number;
      if (Number.isNaN(value)) throw rowError("sigmoid", i, "the logit is NaN.");
      out[i] = value;
    }
  },
  explain: () => "The model outputs one logit per row; its sigmoid is the probability of the positive class.",
});

const softmax2Params = z
  .object({
    positiveColumn: z
      .union([z.literal(0), z.literal(1)])
      .default(1)
      .describe("which of the two columns holds the positive class's logit"),
  })
  .strict();

/** Two logits per row (a two-class softmax head): log-odds = z_pos − z_neg. */
export const softmax2Activation = defineActivation({
  id: "softmax2",
  description: "two logits per row [z_neg, z_pos]; P(positive) = softmax = sigmoid(z_pos - z_neg)",
  columns: 2,
  params: softmax2Params,
  toLogOdds(params, raw, out) {
    const data = raw.data;
    const pos = params.positiveColumn;
    const neg = 1 - pos;
    for (let i = 0; i < raw.rows; i++) {
      const value = (data[2 * i + pos] as number) - (data[2 * i + neg] as number);
      if (Number.isNaN(value)) {
        throw rowError(
          "softmax2",
          i,
          `the logits [${data[2 * i]}, ${data[2 * i + 1]}] have no finite difference (NaN, or both infinite).`,
        );
      }
      out[i] = value;
    }
  },
  explain: (params) =>
    `The model outputs two logits per row; column ${params.positiveColumn} is the positive class's, and the ` +
    "two-class softmax equals the sigmoid of their difference.",
});

/** The model already outputs P(positive): log-odds = logit(clip(p, ε, 1 − ε)). */
export const probabilityActivation = defineActivation({
  id: "probability",
  description:
    "one probability of the positive class per row; log-odds = logit(p), p clipped to [eps, 1-eps]",
  columns: 1,
  params: z.object({ epsilon: epsilonSchema }).strict(),
  toLogOdds(params, raw, out) {
    const data = raw.data;
    const low = params.epsilon;
    const high = 1 - params.epsilon;
    for (let i = 0; i < raw.rows; i++) {
      const p = data[i] as number;
      if (!(p >= 0 && p <= 1)) throw probabilityError("probability", i, "", p);
      out[i] = logit(p < low ? low : p > high ? high : p);
    }
  },
  explain: (params) =>
    `The model outputs the probability of the positive class; it is clipped to [${params.epsilon}, ` +
    `1 - ${params.epsilon}] and turned into log-odds.`,
});

/**
 * Two independent per-class sigmoids (a model trained on one-hot targets with BCE): the two outputs need not
 * sum to 1, so P(positive) = p_pos / (p_pos + p_neg), whose log-odds are log(p_pos) − log(p_neg) exactly. The
 * result is clamped to the log-odds of [ε, 1 − ε], like the probability activation.
 */
export const twoSigmoidsActivation = defineActivation({
  id: "two-sigmoids",
  description: "two per-class sigmoid probabilities per row; P(positive) = p_pos / (p_pos + p_neg)",
  columns: 2,
  params: softmax2Params.extend({ epsilon: epsilonSchema }).strict(),
  toLogOdds(params, raw, out) {
    const data = raw.data;
    const pos = params.positiveColumn;
    const neg = 1 - pos;
    const low = logit(params.epsilon);
    const high = logit(1 - params.epsilon);
    for (let i = 0; i < raw.rows; i++) {
      const pPos = data[2 * i + pos] as number;
      const pNeg = data[2 * i + neg] as number;
      if (!(pPos >= 0 && pPos <= 1)) throw probabilityError("two-sigmoids", i, `, column ${pos}`, pPos);
      if (!(pNeg >= 0 && pNeg <= 1)) throw probabilityError("two-sigmoids", i, `, column ${neg}`, pNeg);
      if (pPos === 0 && pNeg === 0) {
        throw new CalibraError(
          ErrorCodes.PROBABILITY_RANGE,
          `activation "two-sigmoids": row ${i}: both class probabilities are 0, so P(positive) is undefined.`,
          { details: { row: i } },
        );
      }
      const value = Math.log(pPos) - Math.log(pNeg);
      out[i] = value < low ? low : value > high ? high : value;
    }
  },
  explain: (params) =>
    `The model outputs one sigmoid per class; column ${params.positiveColumn} is the positive class's. ` +
    "They are normalised to P(positive) = p_pos / (p_pos + p_neg).",
});

/** Every activation core provides. */
export const builtinActivations = [
  sigmoidActivation,
  softmax2Activation,
  probabilityActivation,
  twoSigmoidsActivation,
] as const;
