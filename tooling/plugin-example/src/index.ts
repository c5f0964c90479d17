import {
  CalibraError,
  defineActivation,
  defineCalibrator,
  definePlugin,
  ErrorCodes,
  logit,
  PLUGIN_API_VERSION,
  sigmoid,
} from "@calibra/core";
import { objectSchema } from "./schema.js";

/** Newton iterations are capped; the bias-only log loss is convex and converges in a handful. */
const MAX_NEWTON_STEPS = 100;
/** Stop when a Newton step moves the bias by less than this. */
const BIAS_TOLERANCE = 1e-13;

/** A model that reports P(positive) as a percentage in [0, 100]. */
export const percentActivation = defineActivation({
  id: "percent",
  description: "one percentage of the positive class per row, in [0, 100]",
  columns: 1,
  params: objectSchema({ epsilon: "number" }, { epsilon: 1e-9 }),
  toLogOdds(params, raw, out) {
    for (let i = 0; i < raw.rows; i++) {
      const percent = raw.data[i] as number;
      if (!(percent >= 0 && percent <= 100)) {
        throw new CalibraError(
          ErrorCodes.PROBABILITY_RANGE,
          `activation "percent": row ${i}: ${percent} is not a percentage in [0, 100].`,
        );
      }
      const p = Math.min(Math.max(percent / 100, params.epsilon), 1 - params.epsilon);
      out[i] = logit(p);
    }
  },
});

/** p = σ(z + b): shifts every log-odds value by one fitted bias. */
export const biasOnlyCalibrator = defineCalibrator({
  id: "bias-only",
  description: "p = sigmoid(logOdds + bias), bias fitted by maximum likelihood",
  input: "logOdds",
  monotone: true,
  options: objectSchema({}),
  params: objectSchema({ bias: "number" }),
  fit(data) {
    const { logOdds, labels, weights } = data;
    let bias = 0;
    for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
      let gradient = 0;
      let curvature = 0;
      for (let i = 0; i < data.rows; i++) {
        const w = weights === undefined ? 1 : (weights[i] as number);
        const p = sigmoid((logOdds[i] as number) + bias);
        gradient += w * (p - (labels[i] as number));
        curvature += w * p * (1 - p);
      }
      const move = gradient / Math.max(curvature, Number.MIN_VALUE);
      bias -= move;
      if (Math.abs(move) < BIAS_TOLERANCE) break;
    }
    return { bias };
  },
  compile({ bias }) {
    return (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) out[i] = sigmoid((logOdds[i] as number) + bias);
    };
  },
});

/** The plugin object: register it with `registry.use(percentPlugin)`. */
export const percentPlugin = definePlugin({
  name: "calibra-plugin-percent-example",
  version: "0.0.0",
  apiVersion: PLUGIN_API_VERSION,
  activations: [percentActivation],
  calibrators: [biasOnlyCalibrator],
});
