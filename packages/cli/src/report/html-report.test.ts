import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sigmoidArray } from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { afterEach, describe, expect, it } from "vitest";
import { chartJsPath, chartJsSource } from "./chart-js-source.js";
import { evaluate } from "./evaluate.js";
import type { Evaluation } from "./evaluation.js";
import { EVALUATION_ELEMENT_ID, renderHtmlReport } from "./html-report.js";
import { HTML_REPORT_SCRIPT } from "./html-report-script.js";

function breastCancerEvaluation(withCalibrated = true): Evaluation {
  const reference = loadReference("breast_cancer", "naive_bayes");
  return evaluate({
    data: "data/breast_cancer.csv",
    probabilities: sigmoidArray(Float64Array.from(reference.test.logit)),
    labels: Uint8Array.from(reference.test.label),
    ...(withCalibrated ? { calibrated: Float64Array.from(reference.platt.test_proba) } : {}),
    classes: { positive: "malignant", negative: "benign" },
    threshold: { probability: 0.5, logOdds: 0 },
    ...(withCalibrated ? { pipeline: "sigmoid → platt → fixed threshold" } : {}),
  });
}

const EMBEDDED_JSON = new RegExp(
  `<script type="application/json" id="${EVALUATION_ELEMENT_ID}">([^<]*)</script>`,
);

function embeddedJson(html: string): string {
  const match = EMBEDDED_JSON.exec(html);
  if (match === null) throw new Error("no embedded evaluation");
  return match[1] as string;
}

// biome-ignore lint/suspicious/noExplicitAny: the charts' configurations are Chart.js objects, checked field by field.
type ChartConfig = any;

interface DrawnChart {
  readonly canvas: string;
  readonly config: ChartConfig;
}

/**
 * Runs the report's own script against a stand-in for Chart.js and the DOM, with the page's embedded JSON and
 * canvases, and returns the charts it asks for.
 */
function drawCharts(html: string, chartAvailable = true): { charts: DrawnChart[]; classes: string[] } {
  const json = embeddedJson(html);
  const canvases = new Set([...html.matchAll(/<canvas id="([^"]+)"/g)].map((match) => match[1]));
  const charts: DrawnChart[] = [];
  const classes: string[] = [];
  class StandInChart {
    static defaults = {
      font: { family: "" },
      color: "",
      animation: true,
      maintainAspectRatio: true,
      plugins: { legend: { labels: {} } },
    };
    constructor(canvas: { id: string }, config: ChartConfig) {
      charts.push({ canvas: canvas.id, config });
    }
  }
  const document = {
    getElementById(id: string) {
      if (id === EVALUATION_ELEMENT_ID) return { textContent: json };
      if (!canvases.has(id)) throw new Error(`the page has no canvas #${id}`);
      return { id };
    },
    body: { classList: { add: (name: string) => classes.push(name) } },
  };
  const getComputedStyle = () => ({ fontFamily: "system-ui" });
  new Function("document", "Chart", "getComputedStyle", HTML_REPORT_SCRIPT)(
    document,
    chartAvailable ? StandInChart : undefined,
    getComputedStyle,
  );
  return { charts, classes };
}

function chartOn(charts: readonly DrawnChart[], canvas: string): ChartConfig {
  const chart = charts.find((drawn) => drawn.canvas === canvas);
  if (chart === undefined) throw new Error(`no chart on #${canvas}`);
  return chart.config;
}

const temporaryDirectories: string[] = [];
afterEach(async () => {
  await Promise.all(temporaryDirectories.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

describe("renderHtmlReport", () => {
  it("is self-contained: Chart.js inlined, no script or style loaded from anywhere", () => {
    const html = renderHtmlReport(breastCancerEvaluation());
    const chartJs = chartJsSource();
    expect(chartJs).toContain("Chart.js v4.6.1");
    expect(html).toContain(chartJs);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    // Addresses appear only in the inlined library's licence comments.
    const ownParts = html.replace(chartJs, "");
    expect(ownParts).not.toMatch(/<img\b|<iframe\b|@import|url\(/i);
    expect(ownParts).not.toMatch(/https?:\/\//);
    expect(chartJs).not.toContain("sourceMappingURL");
    expect(html.match(/<script\b/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it("embeds the evaluation as JSON that parses back to it", () => {
    const evaluation = breastCancerEvaluation();
    const html = renderHtmlReport(evaluation);
    expect(JSON.parse(embeddedJson(html))).toEqual(evaluation);
  });

  it("escapes names in the page and in the JSON, so that none can end an element", () => {
    const hostile = "</script><script>alert(1)</script><!--";
    const evaluation = evaluate({
      data: "runs/<b>x.csv",
      probabilities: Float64Array.of(0.1, 0.4, 0.35, 0.8),
      labels: Uint8Array.of(0, 0, 1, 1),
      classes: { positive: hostile, negative: 'say "no" & <i>' },
      threshold: { probability: 0.5, logOdds: 0 },
      pipeline: "<pipeline>",
    });
    const html = renderHtmlReport(evaluation);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<b>x");
    expect(html).not.toContain("<pipeline>");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--");
    expect(html).toContain("say &quot;no&quot; &amp; &lt;i&gt;");
    expect(html).toContain("<title>Calibration report: &lt;b&gt;x.csv</title>");
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    const json = embeddedJson(html);
    expect(json).not.toContain("<");
    expect(json).toContain("\\u003c/script>");
    expect(JSON.parse(json)).toEqual(evaluation);
  });

  it("shows the title, classes, threshold, metrics and confusion matrices as HTML", () => {
    const evaluation = breastCancerEvaluation();
    const html = renderHtmlReport(evaluation);
    expect(html).toContain("<title>Calibration report: breast_cancer.csv</title>");
    expect(html).toContain("<h1>Calibration report: <code>breast_cancer.csv</code></h1>");
    expect(html).toContain("<code>data/breast_cancer.csv</code>");
    expect(html).toContain("143: 53 malignant, 90 benign; prevalence 0.3706");
    expect(html).toContain("<h2>Decisions at P(malignant) &ge; 0.5</h2>");
    expect(html).toContain("predict malignant when P(malignant) &ge; 0.5 (log-odds &ge; 0)");
    expect(html).toContain("<h3>Reliability diagram: P(malignant)</h3>");
    expect(html).toContain("<h3>ROC curve: malignant against benign</h3>");
    expect(html).toContain("<h3>Precision and recall of malignant</h3>");
    expect(html).toContain("<h3>P(malignant), uncalibrated</h3>");
    expect(html).toContain("<h3>P(malignant), calibrated</h3>");
    expect(html).toContain("against false positive rate (share of benign predicted malignant)");
    expect(html).toContain(
      '<th class="uncalibrated">uncalibrated</th><th class="calibrated">calibrated</th><th>change</th>',
    );
    // Brier 0.0641 before and 0.1272 after Platt scaling (worse: Naive Bayes' ranking is good, its Platt fit poor).
    expect(html).toContain("<tr><th>Brier score</th><td>0.0641</td><td>0.1272</td><td>+0.0631</td>");
    expect(html).toContain("<tr><th>ROC AUC</th><td>0.9864</td><td>0.9864</td><td>+0.0000</td>");
    expect(html).toContain(
      '<tr><th>actual malignant</th><td class="correct">46</td><td class="wrong">7</td></tr>' +
        '<tr><th>actual benign</th><td class="wrong">3</td><td class="correct">87</td></tr>',
    );
    expect(html).toContain(
      '<tr><th>actual malignant</th><td class="correct">24</td><td class="wrong">29</td></tr>' +
        '<tr><th>actual benign</th><td class="wrong">0</td><td class="correct">90</td></tr>',
    );
    expect(html).toContain("<tr><th>precision</th><td>1.0000</td></tr>");
  });

  it("draws the reliability diagram, histograms, ROC and PR curves from the embedded data", () => {
    const evaluation = breastCancerEvaluation();
    const { charts } = drawCharts(renderHtmlReport(evaluation));
    expect(charts.map((chart) => chart.canvas)).toEqual([
      "chart-reliability",
      "chart-histogram-uncalibrated",
      "chart-histogram-calibrated",
      "chart-roc",
      "chart-pr",
    ]);

    const reliability = chartOn(charts, "chart-reliability");
    const [diagonal, before, after] = reliability.data.datasets;
    expect(diagonal.data).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
    const nonEmpty = evaluation.uncalibrated.report.reliabilityDiagram.filter((bin) => bin.count > 0);
    expect(before.data.map((point: { x: number; y: number }) => [point.x, point.y])).toEqual(
      nonEmpty.map((bin) => [bin.meanPredicted, bin.fractionPositive]),
    );
    expect(before.label).toBe(`uncalibrated (ECE ${evaluation.uncalibrated.report.ece.toFixed(4)})`);
    expect(after.label).toBe(`calibrated (ECE ${evaluation.calibrated?.report.ece.toFixed(4)})`);
    // The tooltip names the bin and its row count; the point grows with the count.
    const firstBin = { raw: before.data[0], dataset: before };
    expect(reliability.options.plugins.tooltip.callbacks.label(firstBin)).toEqual([
      "uncalibrated, bin 0.000 to 0.067",
      `mean P(malignant): ${nonEmpty[0]?.meanPredicted?.toFixed(4)}`,
      `fraction malignant: ${nonEmpty[0]?.fractionPositive?.toFixed(4)}`,
      "90 rows",
    ]);
    expect(before.pointRadius(firstBin)).toBeCloseTo(9, 12);
    expect(before.pointRadius({ raw: before.data[1] })).toBeCloseTo(3 + 6 * Math.sqrt(1 / 90), 12);

    const histogram = chartOn(charts, "chart-histogram-calibrated");
    const [positive, negative] = histogram.data.datasets;
    expect(positive.label).toBe("actual malignant");
    expect(negative.label).toBe("actual benign");
    expect(positive.data.map((point: { y: number }) => point.y)).toEqual(
      evaluation.calibrated?.histogram.positive,
    );
    expect(positive.data[0].x).toBeCloseTo(0.025, 15);
    expect(histogram.options.plugins.tooltip.callbacks.title([{ dataIndex: 3 }])).toBe(
      "P(malignant) from 0.15 to 0.20",
    );

    const roc = chartOn(charts, "chart-roc");
    const rocLabels = roc.data.datasets.map((dataset: { label: string }) => dataset.label);
    expect(rocLabels).toEqual([
      "chance",
      "uncalibrated (AUC 0.9864)",
      "uncalibrated at the threshold",
      "calibrated (AUC 0.9864)",
      "calibrated at the threshold",
    ]);
    expect(roc.data.datasets[1].data).toHaveLength(evaluation.uncalibrated.roc.fpr.length);
    // At p ≥ 0.5 before calibration: 3 of 90 benign predicted malignant, 46 of 53 malignant found.
    expect(roc.data.datasets[2].data).toEqual([{ x: 3 / 90, y: 46 / 53 }]);
    expect(roc.options.scales.x.title.text).toBe("false positive rate");
    expect(chartOn(charts, "chart-reliability").options.scales.y.title.text).toBe("fraction malignant");

    const pr = chartOn(charts, "chart-pr");
    expect(pr.data.datasets[0].data).toEqual([
      { x: 0, y: 53 / 143 },
      { x: 1, y: 53 / 143 },
    ]);
    expect(pr.data.datasets[1].label).toBe(
      `uncalibrated (AP ${evaluation.uncalibrated.report.averagePrecision.toFixed(4)})`,
    );
    expect(pr.data.datasets[2].data).toEqual([{ x: 46 / 53, y: 46 / 49 }]);
  });

  it("draws the threshold as a vertical line at its place on the probability axis", () => {
    const { charts } = drawCharts(renderHtmlReport(breastCancerEvaluation()));
    const [thresholdLine] = chartOn(charts, "chart-reliability").plugins;
    const calls: string[] = [];
    const context = new Proxy({ measureText: () => ({ width: 60 }) } as Record<string, unknown>, {
      get: (target, property: string) =>
        property in target
          ? target[property]
          : (...args: unknown[]) => calls.push(`${property}(${args.join(",")})`),
    });
    thresholdLine.afterDatasetsDraw({
      scales: { x: { getPixelForValue: (value: number) => 100 + 400 * value } },
      chartArea: { left: 100, right: 500, top: 10, bottom: 300 },
      ctx: context,
    });
    expect(calls).toContain("moveTo(300,10)");
    expect(calls).toContain("lineTo(300,300)");
    expect(calls).toContain("fillText(threshold 0.5,306,24)");
  });

  it("draws every chart with the real, inlined Chart.js on a stand-in canvas", () => {
    const evaluation = breastCancerEvaluation();
    const html = renderHtmlReport(evaluation);
    // The UMD build as the page runs it, given CommonJS' module object so that it leaves no global behind.
    const module = { exports: {} as ChartConfig };
    new Function("module", "exports", "define", chartJsSource())(module, module.exports, undefined);
    const RealChart = module.exports;
    const texts: string[] = [];
    const contextOf = (canvas: object) =>
      new Proxy(
        { canvas, measureText: (text: string) => ({ width: 6 * String(text).length }) } as ChartConfig,
        {
          get: (target, property: string) =>
            property in target
              ? target[property]
              : (...args: unknown[]) => {
                  if (property === "fillText") texts.push(String(args[0]));
                },
          set: (target, property: string, value) => {
            target[property] = value;
            return true;
          },
        },
      );
    const drawn: ChartConfig[] = [];
    class RecordingChart extends RealChart {
      constructor(item: ChartConfig, config: ChartConfig) {
        super(item, config);
        drawn.push(this);
      }
    }
    const json = embeddedJson(html);
    const document = {
      getElementById(id: string) {
        if (id === EVALUATION_ELEMENT_ID) return { textContent: json };
        const canvas: ChartConfig = { id, width: 600, height: 380, style: {} };
        canvas.getContext = () => contextOf(canvas);
        return canvas;
      },
      body: { classList: { add: () => undefined } },
    };
    new Function("document", "Chart", "getComputedStyle", HTML_REPORT_SCRIPT)(
      document,
      RecordingChart,
      () => ({
        fontFamily: "sans-serif",
      }),
    );
    const elements = drawn.map((chart) =>
      chart.data.datasets.map((_: unknown, index: number) => chart.getDatasetMeta(index).data.length),
    );
    const nonEmptyBins = (side: "uncalibrated" | "calibrated") =>
      evaluation[side]?.report.reliabilityDiagram.filter((bin) => bin.count > 0).length;
    expect(elements).toEqual([
      [2, nonEmptyBins("uncalibrated"), nonEmptyBins("calibrated")],
      [20, 20],
      [20, 20],
      [2, evaluation.uncalibrated.roc.fpr.length, 1, evaluation.calibrated?.roc.fpr.length, 1],
      [2, evaluation.uncalibrated.pr.recall.length, 1, evaluation.calibrated?.pr.recall.length, 1],
    ]);
    // Every chart spans [0, 1] on x, and the three with a probability axis carry the threshold.
    expect(drawn.map((chart) => [chart.scales.x.min, chart.scales.x.max])).toEqual(new Array(5).fill([0, 1]));
    expect(texts.filter((text) => text === "threshold 0.5")).toHaveLength(3);
    // Histogram bars sit in their bins: the first bin's bars left of the second's.
    const bars = drawn[1].getDatasetMeta(0).data;
    expect(bars[0].x).toBeLessThan(bars[1].x);
    expect(bars[0].width).toBeGreaterThan(0);
    for (const chart of drawn) chart.destroy();
  });

  it("draws one histogram without a pipeline, and leaves the tables when Chart.js is missing", () => {
    const html = renderHtmlReport(breastCancerEvaluation(false));
    expect(html).not.toContain("chart-histogram-calibrated");
    expect(html).toContain("none: uncalibrated only");
    const { charts } = drawCharts(html);
    expect(charts.map((chart) => chart.canvas)).toEqual([
      "chart-reliability",
      "chart-histogram-uncalibrated",
      "chart-roc",
      "chart-pr",
    ]);
    expect(chartOn(charts, "chart-roc").data.datasets).toHaveLength(3);
    expect(drawCharts(html, false)).toEqual({ charts: [], classes: ["no-charts"] });
  });

  it("writes the breast_cancer reference report to a file that reads back the same", async () => {
    const directory = await mkdtemp(join(tmpdir(), "calibra-report-"));
    temporaryDirectories.push(directory);
    const path = join(directory, "report.html");
    const html = renderHtmlReport(breastCancerEvaluation());
    await writeFile(path, html, "utf8");
    const written = await readFile(path, "utf8");
    expect(written).toBe(html);
    expect(written.startsWith("<!doctype html>")).toBe(true);
    expect(written.trimEnd().endsWith("</html>")).toBe(true);
  });
});

describe("chartJsPath", () => {
  it("finds the UMD build of the installed Chart.js beside its main entry", () => {
    expect(chartJsPath()).toMatch(/chart\.js[\\/]dist[\\/]chart\.umd\.js$/);
  });
});
