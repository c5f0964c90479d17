import type { CalibrationReport } from "@calibra/metrics";
import { chartJsSource } from "./chart-js-source.js";
import { probabilityLabel } from "./class-labels.js";
import { decisionRates } from "./decision-rates.js";
import type { Evaluation } from "./evaluation.js";
import { classRowCounts, type NamedSide, namedSides } from "./evaluation-sides.js";
import { HTML_REPORT_SCRIPT } from "./html-report-script.js";
import { HTML_REPORT_STYLE } from "./html-report-style.js";
import { formatCount, formatMetric, formatThreshold } from "./number-format.js";

/** The id of the `<script type="application/json">` element that holds the evaluation in the report. */
export const EVALUATION_ELEMENT_ID = "calibra-evaluation";

/** The characters HTML gives a meaning to in text and attribute values. */
const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (character) => HTML_ENTITIES[character] as string);
}

/**
 * The evaluation as the text of a `<script type="application/json">` element: JSON with every "<" written
 * "\u003c", so that neither "</script>" nor "<!--" in a name or path can end or change the element.
 */
export function embeddedEvaluationJson(evaluation: Evaluation): string {
  return JSON.stringify(evaluation).replace(/</g, "\\u003c");
}

/** The last path segment of the data file, for the page title. */
function fileName(path: string): string {
  const segments = path.split(/[\\/]/).filter((segment) => segment.length > 0);
  return segments[segments.length - 1] ?? path;
}

/** A count for a table cell: integers with thousands separators, weighted sums with 2 decimals. */
function countCell(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US") : formatCount(value);
}

/** The rows of the metrics table: label, value, and which direction is better. */
const METRIC_ROWS: readonly {
  readonly label: string;
  readonly value: (report: CalibrationReport) => number;
  readonly better: "lower" | "higher";
}[] = [
  { label: "Brier score", value: (report) => report.brier.score, better: "lower" },
  { label: "Log loss", value: (report) => report.logLoss, better: "lower" },
  { label: "ECE", value: (report) => report.ece, better: "lower" },
  { label: "MCE", value: (report) => report.mce, better: "lower" },
  { label: "ACE", value: (report) => report.ace, better: "lower" },
  { label: "ROC AUC", value: (report) => report.rocAuc, better: "higher" },
  { label: "Average precision", value: (report) => report.averagePrecision, better: "higher" },
];

function factsHtml(evaluation: Evaluation): string {
  const { report } = evaluation.uncalibrated;
  const rows = classRowCounts(evaluation.uncalibrated);
  const positive = escapeHtml(evaluation.classes.positive);
  const negative = escapeHtml(evaluation.classes.negative);
  const probability = escapeHtml(probabilityLabel(evaluation.classes));
  const weighting = report.weighted ? ` (weighted: total weight ${countCell(report.totalWeight)})` : "";
  const facts: [string, string][] = [
    ["Data", `<code>${escapeHtml(evaluation.data)}</code>`],
    [
      "Rows",
      `${countCell(report.rows)}: ${countCell(rows.positive)} ${positive}, ` +
        `${countCell(rows.negative)} ${negative}${weighting}; prevalence ${formatMetric(report.prevalence)}`,
    ],
    ["Probability", `${probability}, the probability of the positive class <strong>${positive}</strong>`],
    [
      "Threshold",
      `predict ${positive} when ${probability} &ge; ${formatThreshold(evaluation.threshold.probability)}` +
        (Number.isNaN(evaluation.threshold.logOdds)
          ? ""
          : ` (log-odds &ge; ${formatThreshold(evaluation.threshold.logOdds)})`),
    ],
    [
      "Pipeline",
      evaluation.pipeline === undefined ? "none: uncalibrated only" : escapeHtml(evaluation.pipeline),
    ],
    [
      "Bins",
      `${report.bins} equal-width bins for ECE and MCE and the reliability diagram, equal-mass for ACE`,
    ],
  ];
  return `<dl class="facts">${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>`;
}

function metricsTableHtml(sides: readonly NamedSide[]): string {
  const withChange = sides.length === 2;
  const head =
    "<tr><th>Metric</th>" +
    sides.map(({ name }) => `<th class="${name}">${name}</th>`).join("") +
    (withChange ? "<th>change</th>" : "") +
    "<th></th></tr>";
  const rows = METRIC_ROWS.map(({ label, value, better }) => {
    const values = sides.map(({ side }) => value(side.report));
    const change =
      withChange && values[0] !== undefined && values[1] !== undefined
        ? `<td>${values[1] - values[0] >= 0 ? "+" : "&minus;"}${formatMetric(Math.abs(values[1] - values[0]))}</td>`
        : "";
    return (
      `<tr><th>${label}</th>${values.map((v) => `<td>${formatMetric(v)}</td>`).join("")}${change}` +
      `<td class="hint">${better} is better</td></tr>`
    );
  }).join("");
  return `<table class="metrics"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

function confusionHtml(evaluation: Evaluation, { name, side }: NamedSide): string {
  const positive = escapeHtml(evaluation.classes.positive);
  const negative = escapeHtml(evaluation.classes.negative);
  const { truePositives, falsePositives, trueNegatives, falseNegatives } = side.report.confusion;
  const rates = decisionRates(side.report);
  const rateRows: [string, number | null][] = [
    ["precision", rates.precision],
    ["recall", rates.recall],
    ["F1", rates.f1],
    ["accuracy", side.report.rates.accuracy],
  ];
  return (
    `<div class="matrix"><table class="confusion"><caption class="${name}">${name}</caption>` +
    `<thead><tr><th rowspan="2"></th><th colspan="2">predicted</th></tr>` +
    `<tr><th>${positive}</th><th>${negative}</th></tr></thead><tbody>` +
    `<tr><th>actual ${positive}</th><td class="correct">${countCell(truePositives)}</td>` +
    `<td class="wrong">${countCell(falseNegatives)}</td></tr>` +
    `<tr><th>actual ${negative}</th><td class="wrong">${countCell(falsePositives)}</td>` +
    `<td class="correct">${countCell(trueNegatives)}</td></tr></tbody></table>` +
    `<table class="rates"><tbody>${rateRows
      .map(([label, value]) => `<tr><th>${label}</th><td>${formatMetric(value)}</td></tr>`)
      .join("")}</tbody></table></div>`
  );
}

function figureHtml(id: string, title: string, caption: string): string {
  return (
    `<figure><h3>${title}</h3><div class="chart"><canvas id="${id}" role="img" aria-label="${title}"></canvas></div>` +
    `<figcaption>${caption}</figcaption></figure>`
  );
}

/** What the page says where its charts would be when they cannot be drawn. */
const CHARTS_MISSING =
  '<p class="charts-missing">The charts could not be drawn (JavaScript is off or Chart.js failed to load); ' +
  "the tables above hold every number.</p>";

/** The reliability diagram, ROC and precision–recall curves, three across on a laptop screen. */
function curvesHtml(evaluation: Evaluation): string {
  const positive = escapeHtml(evaluation.classes.positive);
  const negative = escapeHtml(evaluation.classes.negative);
  const probability = escapeHtml(probabilityLabel(evaluation.classes));
  const figures = [
    figureHtml(
      "chart-reliability",
      `Reliability diagram: ${probability}`,
      `Each point is a bin of rows: its mean ${probability} against the fraction of its rows that are ${positive}. ` +
        "On the diagonal a bin is calibrated; below it the probabilities are too high, above it too low. " +
        "Larger points hold more rows; hover for the bin's range and count.",
    ),
    figureHtml(
      "chart-roc",
      `ROC curve: ${positive} against ${negative}`,
      `True positive rate (share of ${positive} predicted ${positive}) against false positive rate (share of ` +
        `${negative} predicted ${positive}) at every threshold. The diamonds are the decisions at the threshold.`,
    ),
    figureHtml(
      "chart-pr",
      `Precision and recall of ${positive}`,
      `Precision (share of predicted ${positive} that are ${positive}) against recall (share of ${positive} ` +
        "found) at every threshold. The dashed line is a classifier without skill; the diamonds, the threshold.",
    ),
  ];
  return `${CHARTS_MISSING}<div class="charts curves">${figures.join("")}</div>`;
}

/** The per-class score histograms, before and after calibration side by side. */
function histogramsHtml(evaluation: Evaluation, sides: readonly NamedSide[]): string {
  const positive = escapeHtml(evaluation.classes.positive);
  const negative = escapeHtml(evaluation.classes.negative);
  const probability = escapeHtml(probabilityLabel(evaluation.classes));
  const figures = sides.map(({ name }) =>
    figureHtml(
      `chart-histogram-${name}`,
      `${probability}, ${name}`,
      `Rows per bin of ${probability}: actual ${positive} and actual ${negative}; the dashed line is the threshold.`,
    ),
  );
  return `<div class="charts histograms">${figures.join("")}</div>`;
}

/**
 * The evaluation as one self-contained HTML page, viewable without a network: the inlined Chart.js, an inline style
 * sheet, and the evaluation embedded as JSON in `<script type="application/json" id="calibra-evaluation">` ("<"
 * escaped as \u003c). It shows the data file, classes, threshold and pipeline; the metrics table (with the change
 * after calibration); the confusion matrix at the threshold for each side with precision, recall, F1 and accuracy;
 * and charts of the reliability diagram (mean predicted against fraction positive per bin, before and after, with
 * the diagonal and bin counts in tooltips), the score histograms per class (one chart per side), and the ROC and
 * precision–recall curves of both sides with the threshold's operating point.
 *
 * The tables are plain HTML and need no script. The caller writes the string (atomically).
 * Throws `E_IO` when Chart.js cannot be read.
 */
export function renderHtmlReport(evaluation: Evaluation): string {
  const sides = namedSides(evaluation);
  const name = escapeHtml(fileName(evaluation.data));
  const probability = escapeHtml(probabilityLabel(evaluation.classes));
  const threshold = formatThreshold(evaluation.threshold.probability);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="calibra evaluate">
<title>Calibration report: ${name}</title>
<style>${HTML_REPORT_STYLE}</style>
</head>
<body>
<header class="report">
<h1>Calibration report: <code>${name}</code></h1>
${factsHtml(evaluation)}
</header>
<main>
<section class="panel">
<h2>Metrics</h2>
${metricsTableHtml(sides)}
<p class="note">ECE, MCE and ACE: expected, maximum and adaptive calibration error of ${probability}.
Brier score and log loss measure calibration and separation together; ROC AUC and average precision measure ranking
only, which a strictly increasing calibration leaves unchanged (isotonic regression's ties can change it a little).</p>
</section>
<section class="panel">
<h2>Decisions at ${probability} &ge; ${threshold}</h2>
<div class="matrices">${sides.map((side) => confusionHtml(evaluation, side)).join("")}</div>
</section>
<section class="panel">
<h2>Calibration and ranking</h2>
${curvesHtml(evaluation)}
</section>
<section class="panel">
<h2>Scores by class</h2>
${histogramsHtml(evaluation, sides)}
</section>
</main>
<footer class="report">Made by <code>calibra evaluate</code>. Charts drawn with Chart.js (MIT licence), included in
this file; the evaluation's numbers are embedded as JSON in the element <code>#${EVALUATION_ELEMENT_ID}</code>.</footer>
<script type="application/json" id="${EVALUATION_ELEMENT_ID}">${embeddedEvaluationJson(evaluation)}</script>
<script>${chartJsSource()}</script>
<script>${HTML_REPORT_SCRIPT}</script>
</body>
</html>
`;
}
