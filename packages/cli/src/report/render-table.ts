import type { CalibrationReport } from "@calibra/metrics";
import { probabilityLabel } from "./class-labels.js";
import { decisionRates } from "./decision-rates.js";
import type { Evaluation } from "./evaluation.js";
import { classRowCounts, type NamedSide, namedSides } from "./evaluation-sides.js";
import { formatCount, formatMetric, formatThreshold } from "./number-format.js";
import { reliabilityAsciiLines } from "./reliability-ascii.js";
import { type TerminalStyle, terminalStyle } from "./terminal-style.js";
import { printable, truncateEnd, wrapWords } from "./text-layout.js";

/** Options of {@link renderTable}. */
export interface RenderTableOptions {
  /** Style headings and the reliability bars with ANSI colours (false: plain text, no escape codes at all). */
  readonly color: boolean;
  /** Columns per line (default {@link DEFAULT_TABLE_WIDTH}; widths below {@link MIN_TABLE_WIDTH} count as it). */
  readonly width?: number;
}

/** The width of a classic terminal, which every line fits by default. */
export const DEFAULT_TABLE_WIDTH = 80;

/** The narrowest layout: confusion matrices with 15-column class names, reliability bars of 19 columns. */
export const MIN_TABLE_WIDTH = 60;

/** Indent of everything under a heading. */
const INDENT = "  ";
/**
 * Class names are cut to at most this many columns inside the confusion matrices (elsewhere lines wrap instead), and
 * to less on a narrow terminal: a matrix takes the indent, "actual " and three name-wide columns with their gaps.
 */
const CLASS_NAME_WIDTH = 20;
/** Spaces between the columns of the tables. */
const COLUMN_GAP = "   ";

/** The rows of the metrics table, in order. */
const METRIC_ROWS: readonly {
  readonly label: string;
  readonly value: (report: CalibrationReport) => number;
}[] = [
  { label: "Brier", value: (report) => report.brier.score },
  { label: "log loss", value: (report) => report.logLoss },
  { label: "ECE", value: (report) => report.ece },
  { label: "MCE", value: (report) => report.mce },
  { label: "ACE", value: (report) => report.ace },
  { label: "ROC AUC", value: (report) => report.rocAuc },
  { label: "average precision", value: (report) => report.averagePrecision },
];

/** Title, rows per class, pipeline and threshold. */
function headerLines(evaluation: Evaluation, width: number, style: TerminalStyle): string[] {
  const title = "Calibration of ";
  const { report } = evaluation.uncalibrated;
  const rows = classRowCounts(evaluation.uncalibrated);
  const positive = printable(evaluation.classes.positive);
  const negative = printable(evaluation.classes.negative);
  const weighting = report.weighted ? `, weighted (total weight ${formatCount(report.totalWeight)})` : "";
  // The whole path, cut over several lines if need be: both its directory and its file name matter.
  const lines = wrapWords(title + printable(evaluation.data), width, "", INDENT).map((line) =>
    style.heading(line),
  );
  lines.push(
    ...wrapWords(
      `${report.rows} rows: ${rows.positive} ${positive}, ${rows.negative} ${negative}` +
        `${weighting}; prevalence ${formatMetric(report.prevalence)}`,
      width,
      INDENT,
      INDENT + INDENT,
    ),
  );
  if (evaluation.pipeline !== undefined) {
    lines.push(...wrapWords(`pipeline: ${printable(evaluation.pipeline)}`, width, INDENT, INDENT + INDENT));
  }
  const { probability, logOdds } = evaluation.threshold;
  lines.push(
    ...wrapWords(
      `threshold: ${printable(probabilityLabel(evaluation.classes))} >= ${formatThreshold(probability)}` +
        (Number.isNaN(logOdds) ? "" : ` (log-odds >= ${formatThreshold(logOdds)})`),
      width,
      INDENT,
      INDENT + INDENT,
    ),
  );
  return lines;
}

/** The metrics, one row each, one column per side. */
function metricLines(sides: readonly NamedSide[], bins: number, style: TerminalStyle): string[] {
  const labelWidth = Math.max(...METRIC_ROWS.map((row) => row.label.length));
  const columnWidth = Math.max(...sides.map(({ name }) => name.length));
  const lead = INDENT + " ".repeat(labelWidth);
  const lines = [
    style.heading(`Metrics (ECE, MCE and ACE over ${bins} bins)`),
    lead + sides.map(({ name }) => COLUMN_GAP + name.padStart(columnWidth)).join(""),
  ];
  for (const row of METRIC_ROWS) {
    lines.push(
      INDENT +
        row.label.padEnd(labelWidth) +
        sides
          .map(({ side }) => COLUMN_GAP + formatMetric(row.value(side.report)).padStart(columnWidth))
          .join(""),
    );
  }
  return lines;
}

/** The confusion matrix of one side (rows actual class, columns predicted class) and its rates. */
function confusionLines(
  evaluation: Evaluation,
  { name, side }: NamedSide,
  width: number,
  style: TerminalStyle,
): string[] {
  const nameWidth = Math.min(
    CLASS_NAME_WIDTH,
    Math.floor((width - INDENT.length - "actual ".length - 2 * COLUMN_GAP.length) / 3),
  );
  const positive = truncateEnd(printable(evaluation.classes.positive), nameWidth);
  const negative = truncateEnd(printable(evaluation.classes.negative), nameWidth);
  const { truePositives, falsePositives, trueNegatives, falseNegatives } = side.report.confusion;
  const cells = [
    [formatCount(truePositives), formatCount(falseNegatives)],
    [formatCount(falsePositives), formatCount(trueNegatives)],
  ];
  const rowLabels = [`actual ${positive}`, `actual ${negative}`];
  const labelWidth = Math.max(...rowLabels.map((label) => label.length));
  const columnWidth = Math.max(positive.length, negative.length, ...cells.flat().map((cell) => cell.length));
  const lead = INDENT + " ".repeat(labelWidth);
  const lines = [
    style.heading(`Confusion matrix, ${name}`),
    style.dim(`${lead}${COLUMN_GAP}predicted`),
    `${lead}${COLUMN_GAP}${positive.padStart(columnWidth)}${COLUMN_GAP}${negative.padStart(columnWidth)}`,
  ];
  for (let row = 0; row < 2; row++) {
    const [predictedPositive, predictedNegative] = cells[row] as [string, string];
    lines.push(
      INDENT +
        (rowLabels[row] as string).padEnd(labelWidth) +
        COLUMN_GAP +
        predictedPositive.padStart(columnWidth) +
        COLUMN_GAP +
        predictedNegative.padStart(columnWidth),
    );
  }
  const rates = decisionRates(side.report);
  lines.push(
    ...wrapWords(
      `precision ${formatMetric(rates.precision)}, recall ${formatMetric(rates.recall)}, ` +
        `F1 ${formatMetric(rates.f1)}, accuracy ${formatMetric(side.report.rates.accuracy)}`,
      width,
      INDENT,
    ),
  );
  return lines;
}

/** The reliability diagram of one side, with its legend. */
function reliabilityLines(
  evaluation: Evaluation,
  { name, side }: NamedSide,
  width: number,
  style: TerminalStyle,
): string[] {
  const positive = printable(evaluation.classes.positive);
  const probability = printable(probabilityLabel(evaluation.classes));
  return [
    ...wrapWords(
      `Reliability diagram, ${name} (${side.report.bins} bins of ${probability})`,
      width,
      "",
      INDENT,
    ).map((line) => style.heading(line)),
    ...wrapWords(
      `# fraction of rows that are ${positive} (obs), | mean ${probability} (pred): ` +
        "the bar of a calibrated bin ends at its |.",
      width,
      INDENT,
    ).map((line) => style.dim(line)),
    ...reliabilityAsciiLines(side.report.reliabilityDiagram, { width, style, indent: INDENT }),
  ];
}

/**
 * The evaluation as text for a terminal: the data, rows per class, pipeline and threshold (in probability and
 * log-odds); a metrics table (Brier, log loss, ECE, MCE, ACE, ROC AUC, average precision, 4 decimals) with an
 * "uncalibrated" column and a "calibrated" one when present; the confusion matrix at the threshold for each side
 * (rows actual class, columns predicted class) with precision, recall, F1 and accuracy; and an ASCII reliability
 * diagram for each side. Classes are named everywhere; no line is wider than `width` (80 by default). With
 * `color: false` the text holds no escape codes, and control characters in names from the file are shown as "?".
 *
 * Ends with a newline: write it with `process.stdout.write`.
 */
export function renderTable(evaluation: Evaluation, options: RenderTableOptions): string {
  const requested = options.width ?? DEFAULT_TABLE_WIDTH;
  const width = Number.isFinite(requested)
    ? Math.max(MIN_TABLE_WIDTH, Math.floor(requested))
    : DEFAULT_TABLE_WIDTH;
  const style = terminalStyle(options.color);
  const sides = namedSides(evaluation);
  const sections = [
    headerLines(evaluation, width, style),
    metricLines(sides, evaluation.uncalibrated.report.bins, style),
    ...sides.map((side) => confusionLines(evaluation, side, width, style)),
    ...sides.map((side) => reliabilityLines(evaluation, side, width, style)),
  ];
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
