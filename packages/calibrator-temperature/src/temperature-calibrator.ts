import { defineCalibrator, sigmoid } from "@calibra/core";
import { z } from "zod";
import { fitTemperatureScaling } from "./fit-temperature.js";

/** Options of temperature scaling, validated by {@link temperatureOptionsSchema}. */
export const temperatureOptionsSchema = z
  .object({
    /**
     * Also fit an intercept c: p = σ(z / T + c). Off by default, which keeps the decision boundary at z = 0 (p = ½)
     * and every prediction on the same side of ½ as the model's own; turn it on when the scores are shifted as
     * well as over- or under-confident (class weighting, resampling).
     */
    bias: z.boolean().default(false),
  })
  .strict();

/** What `temperature(options)` accepts: `{ bias?: boolean }`. */
export type TemperatureOptions = z.input<typeof temperatureOptionsSchema>;

/** The options after validation, with defaults filled in. */
export type ResolvedTemperatureOptions = z.output<typeof temperatureOptionsSchema>;

/** Fitted parameters of temperature scaling, validated by {@link temperatureParamsSchema} when read from a spec. */
export const temperatureParamsSchema = z
  .object({
    /** T > 0: the log-odds are divided by it. T > 1 softens over-confident scores, T < 1 sharpens them. */
    temperature: z.number().positive(),
    /** c, added after the division; 0 when the bias option is off. */
    bias: z.number(),
  })
  .strict();

/** The fitted parameters `{ temperature, bias }`: p = σ(z / temperature + bias). */
export type TemperatureParams = z.output<typeof temperatureParamsSchema>;

function formatNumber(value: number): string {
  return Number.parseFloat(value.toPrecision(6)).toString();
}

/**
 * Temperature scaling (Guo, Pleiss, Sun & Weinberger, "On Calibration of Modern Neural Networks", ICML 2017),
 * binary form: p = σ(z / T), or p = σ(z / T + c) with the `bias` option, where z is the model's log-odds and T > 0
 * and c are fitted by (weighted) maximum likelihood on held-out data. See {@link fitTemperatureScaling} for the
 * method and for what happens on reversed, uninformative and perfectly separated scores.
 *
 * Always monotone (T > 0): it never changes the ranking of the scores, and without the bias it keeps the decision
 * boundary p = ½ at z = 0.
 */
export const temperatureCalibrator = defineCalibrator({
  id: "temperature",
  description:
    "p = sigmoid(logOdds / T [+ c]): temperature scaling (Guo et al. 2017), one fitted temperature",
  input: "logOdds",
  monotone: true,
  options: temperatureOptionsSchema,
  params: temperatureParamsSchema,
  fit(data, options): TemperatureParams {
    const fit = fitTemperatureScaling(data, options.bias);
    return { temperature: fit.temperature, bias: options.bias ? fit.bias : 0 };
  },
  compile({ temperature, bias }) {
    return (logOdds, out) => {
      // ±∞ / T + c = ±∞ (T and c are finite), and σ(±∞) = 1 or 0: no NaN for any non-NaN input.
      for (let i = 0; i < logOdds.length; i++) out[i] = sigmoid((logOdds[i] as number) / temperature + bias);
    };
  },
  explain({ temperature, bias }) {
    const effect =
      temperature > 1
        ? `temperature ${formatNumber(temperature)} > 1 softens the log-odds (the model was over-confident)`
        : temperature < 1
          ? `temperature ${formatNumber(temperature)} < 1 sharpens the log-odds (the model was under-confident)`
          : "temperature 1 leaves the log-odds as they are";
    const shift =
      bias === 0
        ? "no bias, so p = 0.5 stays at log-odds 0"
        : `then adds ${formatNumber(bias)}, so p = 0.5 moves to log-odds ${formatNumber(-bias * temperature)}`;
    const formula =
      bias === 0
        ? `p = sigmoid(logOdds / ${formatNumber(temperature)})`
        : `p = sigmoid(logOdds / ${formatNumber(temperature)} ${bias < 0 ? "−" : "+"} ${formatNumber(Math.abs(bias))})`;
    return `${formula}: ${effect}; ${shift}. The ranking of the scores is unchanged.`;
  },
});
