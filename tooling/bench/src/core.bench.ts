import { fixedThreshold, Pipeline, seededUniform, sigmoidArray, sigmoidLogits } from "@calibra/core";
import { report, time } from "./measure.js";

/**
 * Core's hot paths against plain baselines in the same run:
 * - the stable sigmoid over an array, against the naive 1 / (1 + exp(−z)) loop (which overflows for z ≪ 0);
 * - deciding with the pipeline's log-odds cutoff, against computing every probability and comparing it.
 */
export function benchCore(rows: number): void {
  const random = seededUniform(42);
  const logOdds = new Float64Array(rows);
  for (let i = 0; i < rows; i++) logOdds[i] = (random() - 0.5) * 20;
  const out = new Float64Array(rows);

  report(`sigmoid over ${rows.toLocaleString("en")} log-odds`, [
    time("naive loop 1/(1+exp(-z))", () => {
      for (let i = 0; i < rows; i++) out[i] = 1 / (1 + Math.exp(-(logOdds[i] as number)));
    }),
    time("sigmoidArray (stable)", () => sigmoidArray(logOdds, out)),
  ]);

  const pipeline = new Pipeline({
    classes: { positive: "positive", negative: "negative" },
    activation: sigmoidLogits(),
    thresholder: fixedThreshold(0.3),
  });
  const threshold = pipeline.threshold;
  const decisions = new Uint8Array(rows);
  report(`decisions for ${rows.toLocaleString("en")} rows at threshold 0.3`, [
    time("sigmoid per row, then p >= t", () => {
      for (let i = 0; i < rows; i++)
        decisions[i] = 1 / (1 + Math.exp(-(logOdds[i] as number))) >= threshold ? 1 : 0;
    }),
    time("pipeline.decideFromLogOdds (cutoff)", () => pipeline.decideFromLogOdds(logOdds)),
  ]);
}
