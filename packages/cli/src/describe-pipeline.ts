import { isCalibraError, logit, type Pipeline } from "@calibra/core";

/** Formats a number for people: up to 6 significant digits, no exponent for everyday magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e6)) return value.toExponential(4);
  return String(Number(value.toPrecision(6)));
}

/** `P(churn = Yes)`, or `P(Yes)` when the label column is not known. */
export function probabilityName(pipeline: Pipeline): string {
  const column = pipeline.fit?.labelColumn;
  return column ? `P(${column} = ${pipeline.classes.positive})` : `P(${pipeline.classes.positive})`;
}

/** The pipeline's threshold on the raw log-odds, or why there is no single one. */
export function rawCutoff(pipeline: Pipeline): { value: number } | { reason: string } {
  try {
    return { value: pipeline.logOddsCutoff() };
  } catch (error) {
    if (isCalibraError(error, "E_NOT_MONOTONE")) {
      return { reason: "none (the calibrator is not monotone, so decisions compare probabilities)" };
    }
    throw error;
  }
}

/**
 * What a pipeline does, in plain words, one fact per line: which class the probability is for, how the raw output
 * becomes log-odds, the calibrator and its parameters, any prior shift, and the threshold in probability and on
 * the raw log-odds (so that decisions can skip the sigmoid).
 */
export function describePipeline(pipeline: Pipeline): string[] {
  const spec = pipeline.toJSON();
  const { positive, negative } = pipeline.classes;
  const lines: string[] = [];
  lines.push(
    `Probability of: ${probabilityName(pipeline)} — the positive class is "${positive}", the other one "${negative}".`,
  );
  const columns = pipeline.fit?.scoreColumns;
  const activationDefinition = pipeline.activation.definition;
  lines.push(
    `Activation: ${pipeline.activation.id}${columns ? ` on column${columns.length > 1 ? "s" : ""} ${columns.map((c) => `"${c}"`).join(", ")}` : ""}. ` +
      (activationDefinition.explain?.(pipeline.activation.params as never) ??
        activationDefinition.description),
  );
  if (pipeline.calibrator) {
    const calibrator = pipeline.calibrator;
    const params = spec.calibrator?.params;
    const shown = JSON.stringify(params, (_, value) =>
      typeof value === "number" ? Number(formatNumber(value)) : value,
    );
    lines.push(
      `Calibrator: ${calibrator.id}${spec.calibrator?.plugin ? ` (from ${spec.calibrator.plugin})` : ""}, parameters ${shown.length > 300 ? `${shown.slice(0, 300)}…` : shown}. ` +
        (calibrator.definition.explain?.(calibrator.params as never) ?? calibrator.definition.description),
    );
  } else {
    lines.push("Calibrator: none — the probability is the sigmoid of the log-odds.");
  }
  if (pipeline.priorShift) {
    const { trainPrevalence, deployPrevalence } = pipeline.priorShift;
    const offset = logit(deployPrevalence) - logit(trainPrevalence);
    lines.push(
      `Prior shift: from a prevalence of ${formatNumber(trainPrevalence)} to ${formatNumber(deployPrevalence)}; every log-odds value moves by ${formatNumber(offset)}.`,
    );
  }
  const thresholder = pipeline.thresholder;
  const how =
    thresholder.definition.explain?.(thresholder.options as never, {
      threshold: pipeline.threshold,
      details: thresholder.details,
    }) ?? thresholder.definition.description;
  lines.push(
    `Threshold: decide "${positive}" when ${probabilityName(pipeline)} >= ${formatNumber(pipeline.threshold)} (${thresholder.id}: ${how}).`,
  );
  const cutoff = rawCutoff(pipeline);
  lines.push(
    "value" in cutoff
      ? `Same decision on the raw log-odds: ${positive} when log-odds >= ${formatNumber(cutoff.value)} — no sigmoid needed per row.`
      : `Cutoff on the raw log-odds: ${cutoff.reason}.`,
  );
  if (pipeline.fit) {
    lines.push(
      `Fitted on ${pipeline.fit.rows} rows (prevalence ${formatNumber(pipeline.fit.prevalence)}) at ${pipeline.fit.fittedAt}.`,
    );
  }
  return lines;
}
