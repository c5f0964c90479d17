import { defineCalibrator, type FitData, sigmoid } from "@calibra/core";
import { binRates, binTotals } from "./bin-rates.js";
import { binOf } from "./bin-search.js";
import { equalMassEdges } from "./equal-mass-edges.js";
import { equalWidthEdges } from "./equal-width-edges.js";
import { histogramOptionsSchema, type ResolvedHistogramOptions } from "./histogram-options.js";
import { type HistogramParams, histogramParamsSchema, valuesAreNonDecreasing } from "./histogram-params.js";
import { poolAdjacentViolators } from "./pav.js";

/** `explain` lists at most this many bins, so that a fit with thousands of bins still reads as a paragraph. */
const EXPLAIN_MAX_BINS = 20;

/**
 * Histogram binning (Zadrozny & Elkan 2001, "Obtaining calibrated probability estimates from decision trees and
 * naive Bayesian classifiers"): the scores are cut into bins and each bin predicts the (weighted) positive rate of
 * the calibration rows that fell in it.
 *
 * Bins are laid out `"equal-width"` on the probability scale σ(z) (edges logit(k/B)) or `"equal-mass"` at weighted
 * quantiles of z without splitting ties (see {@link equalMassEdges}). Each bin's rate is smoothed toward the overall
 * prevalence π by a Beta prior, p̂ = (positives + m·π) / (total + m), unless `prior: "none"`; with
 * `monotone: true` decreasing runs of bins are pooled (PAV). Prediction finds z's bin by binary search among the
 * log-odds edges (a z equal to an edge goes to the bin above; ±∞ to the end bins) and returns its value: a step
 * function, non-decreasing exactly when `values` is.
 */
export const histogramCalibrator = defineCalibrator<ResolvedHistogramOptions, HistogramParams>({
  id: "histogram",
  description:
    "histogram binning (Zadrozny & Elkan 2001): each bin of scores predicts its (weighted) positive rate",
  input: "logOdds",
  monotone: (params) => valuesAreNonDecreasing(params.values),
  options: histogramOptionsSchema,
  params: histogramParamsSchema,
  fit(data: FitData, options: ResolvedHistogramOptions): HistogramParams {
    const edges =
      options.strategy === "equal-width"
        ? equalWidthEdges(options.bins)
        : equalMassEdges(data.logOdds, data.weights, options.bins);
    const totals = binTotals(data, edges);
    const prevalence = data.positiveWeight / (data.positiveWeight + data.negativeWeight);
    const rates = binRates(totals, prevalence, options.prior, options.priorStrength);
    const values = options.monotone ? poolAdjacentViolators(rates, totals.weight) : rates;
    return {
      strategy: options.strategy,
      edges: Array.from(edges),
      values: Array.from(values),
      counts: Array.from(totals.weight),
      prevalence,
    };
  },
  compile(params: HistogramParams) {
    const edges = Float64Array.from(params.edges);
    const values = Float64Array.from(params.values);
    return (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) out[i] = values[binOf(edges, logOdds[i] as number)] as number;
    };
  },
  explain: explainHistogram,
});

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

function describeBin(params: HistogramParams, k: number): string {
  const lower = params.edges[k - 1];
  const upper = params.edges[k];
  const range =
    lower === undefined && upper === undefined
      ? "every score"
      : lower === undefined
        ? `log-odds < ${formatNumber(upper as number)} (P < ${formatNumber(sigmoid(upper as number))})`
        : upper === undefined
          ? `log-odds ≥ ${formatNumber(lower)} (P ≥ ${formatNumber(sigmoid(lower))})`
          : `${formatNumber(lower)} ≤ log-odds < ${formatNumber(upper)}`;
  return `  bin ${k + 1}: ${range} → ${formatNumber(params.values[k] as number)} (weight ${formatNumber(params.counts[k] as number)})`;
}

/** A plain-words account of fitted histogram parameters: layout, prevalence, monotonicity and the bins. */
function explainHistogram(params: HistogramParams): string {
  const bins = params.values.length;
  const lines = [
    `Histogram binning: ${bins} ${params.strategy} bin${bins === 1 ? "" : "s"} over the log-odds; each predicts ` +
      `its calibration rows' positive rate (prevalence π = ${formatNumber(params.prevalence)}). ` +
      (valuesAreNonDecreasing(params.values)
        ? "The map is non-decreasing."
        : "The map is not monotone: a higher score can get a lower probability."),
  ];
  const shown = Math.min(bins, EXPLAIN_MAX_BINS);
  for (let k = 0; k < shown; k++) lines.push(describeBin(params, k));
  if (bins > shown) lines.push(`  … and ${bins - shown} more bins.`);
  return lines.join("\n");
}
