// Small components used to exercise core's machinery in its own tests. They are deliberately simple but real:
// each fits something from the data, so a test that used them wrongly would fail.
import { z } from "zod";
import {
  defineCalibrator,
  definePlugin,
  defineThresholder,
  PLUGIN_API_VERSION,
  sigmoid,
} from "../src/index.js";

/** p = σ(z + shift), where shift moves the mean predicted probability to the (weighted) prevalence. */
export const shiftCalibrator = defineCalibrator({
  id: "toy-shift",
  description: "adds a constant to the log-odds so that the mean probability equals the prevalence",
  input: "logOdds",
  monotone: true,
  options: z.object({ iterations: z.number().int().positive().default(50) }).strict(),
  params: z.object({ shift: z.number() }).strict(),
  fit(data, options) {
    const { logOdds, weights } = data;
    const target = data.positiveWeight / (data.positiveWeight + data.negativeWeight);
    let shift = 0;
    for (let iteration = 0; iteration < options.iterations; iteration++) {
      // Newton on mean(σ(z + s)) = target.
      let mean = 0;
      let slope = 0;
      let total = 0;
      for (let i = 0; i < logOdds.length; i++) {
        const w = weights ? (weights[i] as number) : 1;
        const p = sigmoid((logOdds[i] as number) + shift);
        mean += w * p;
        slope += w * p * (1 - p);
        total += w;
      }
      const step = (mean / total - target) / Math.max(slope / total, 1e-12);
      shift -= step;
      if (Math.abs(step) < 1e-14) break;
    }
    return { shift };
  },
  compile({ shift }) {
    return (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) out[i] = sigmoid((logOdds[i] as number) + shift);
    };
  },
});

/** A step function: the positive rate among rows below / at-or-above the median log-odds. */
export const stepCalibrator = defineCalibrator({
  id: "toy-step",
  description: "two bins split at the median log-odds",
  input: "logOdds",
  monotone: (params: { split: number; low: number; high: number }) => params.low <= params.high,
  options: z.object({}).strict(),
  params: z
    .object({ split: z.number(), low: z.number().min(0).max(1), high: z.number().min(0).max(1) })
    .strict(),
  fit(data) {
    const sorted = Float64Array.from(data.logOdds).sort();
    const split = sorted[Math.floor(sorted.length / 2)] as number;
    let lowPositive = 0;
    let lowTotal = 0;
    let highPositive = 0;
    let highTotal = 0;
    for (let i = 0; i < data.rows; i++) {
      if ((data.logOdds[i] as number) < split) {
        lowTotal++;
        lowPositive += data.labels[i] as number;
      } else {
        highTotal++;
        highPositive += data.labels[i] as number;
      }
    }
    return {
      split,
      low: lowTotal === 0 ? 0 : lowPositive / lowTotal,
      high: highTotal === 0 ? 0 : highPositive / highTotal,
    };
  },
  compile({ split, low, high }) {
    return (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) out[i] = (logOdds[i] as number) < split ? low : high;
    };
  },
});

/** Not monotone: probability depends on |z|, as a miscalibrated "confidence" would. */
export const distanceCalibrator = defineCalibrator({
  id: "toy-distance",
  description: "probability falls with |log-odds|",
  input: "logOdds",
  monotone: false,
  options: z.object({}).strict(),
  params: z.object({ scale: z.number().positive() }).strict(),
  fit: (data) => {
    let sum = 0;
    for (let i = 0; i < data.rows; i++) sum += Math.abs(data.logOdds[i] as number);
    return { scale: Math.max(sum / data.rows, 1e-9) };
  },
  compile({ scale }) {
    return (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) out[i] = Math.exp(-Math.abs(logOdds[i] as number) / scale);
    };
  },
});

/** Chooses the threshold that flags the same share of rows as the positive class's prevalence. */
export const prevalenceThresholder = defineThresholder({
  id: "toy-prevalence",
  description: "flags as many rows as there are positives",
  options: z.object({}).strict(),
  needsData: true,
  choose(_options, data) {
    const { probabilities, labels } = data!;
    let positives = 0;
    for (let i = 0; i < labels.length; i++) positives += labels[i] as number;
    const sorted = Float64Array.from(probabilities).sort().reverse();
    return { threshold: sorted[positives - 1] as number, details: { positives } };
  },
});

export const toyPlugin = definePlugin({
  name: "toy-calibrators",
  version: "1.0.0",
  apiVersion: PLUGIN_API_VERSION,
  calibrators: [shiftCalibrator, stepCalibrator, distanceCalibrator],
  thresholders: [prevalenceThresholder],
});
