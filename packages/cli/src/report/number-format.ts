/** Decimals of every metric shown in the table and the HTML report. */
export const METRIC_DECIMALS = 4;

/** Significant digits of a threshold: enough to tell apart thresholds chosen by optimising a metric. */
const THRESHOLD_DIGITS = 6;

/** A metric with {@link METRIC_DECIMALS} decimals; "-" when there is none. */
export function formatMetric(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? "-" : value.toFixed(METRIC_DECIMALS);
}

/** A count as an integer, or with 2 decimals when it is a sum of non-integer weights. */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/**
 * A threshold (probability or log-odds) to {@link THRESHOLD_DIGITS} significant digits; ±∞ as "-inf" / "+inf", and
 * "n/a" for NaN (a cutoff that has no single log-odds value).
 */
export function formatThreshold(value: number): string {
  if (Number.isNaN(value)) return "n/a";
  if (value === Number.POSITIVE_INFINITY) return "+inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return String(Number(value.toPrecision(THRESHOLD_DIGITS)));
}
