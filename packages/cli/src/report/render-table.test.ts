import { sigmoidArray } from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate.js";
import type { Evaluation } from "./evaluation.js";
import { renderTable } from "./render-table.js";

/** Any ANSI escape sequence. */
const ESCAPE = "\u001b";
const SGR_SEQUENCE = new RegExp(`${ESCAPE}\\[[0-9;]*m`, "g");

function linesOf(text: string): string[] {
  return text.split("\n");
}

function longestLine(text: string): number {
  return Math.max(...linesOf(text).map((line) => line.length));
}

function breastCancerEvaluation(): Evaluation {
  const reference = loadReference("breast_cancer", "naive_bayes");
  return evaluate({
    data: "data/breast_cancer.csv",
    probabilities: sigmoidArray(Float64Array.from(reference.test.logit)),
    labels: Uint8Array.from(reference.test.label),
    calibrated: Float64Array.from(reference.platt.test_proba),
    classes: { positive: "malignant", negative: "benign" },
    threshold: { probability: 0.5, logOdds: 0 },
    pipeline: "sigmoid → platt → fixed threshold",
  });
}

describe("renderTable", () => {
  it("lays out a small case exactly", () => {
    const evaluation = evaluate({
      data: "four.csv",
      probabilities: Float64Array.of(0.1, 0.4, 0.35, 0.8),
      labels: Uint8Array.of(0, 0, 1, 1),
      classes: { positive: "yes", negative: "no" },
      threshold: { probability: 0.4, logOdds: Math.log(0.4 / 0.6) },
      bins: 2,
    });
    expect(renderTable(evaluation, { color: false })).toBe(
      [
        "Calibration of four.csv",
        "  4 rows: 2 yes, 2 no; prevalence 0.5000",
        "  threshold: P(yes) >= 0.4 (log-odds >= -0.405465)",
        "",
        "Metrics (ECE, MCE and ACE over 2 bins)",
        "                      uncalibrated",
        "  Brier                     0.1581",
        "  log loss                  0.4723",
        "  ECE                       0.0875",
        "  MCE                       0.2000",
        "  ACE                       0.1875",
        "  ROC AUC                   0.7500",
        "  average precision         0.8333",
        "",
        "Confusion matrix, uncalibrated",
        "               predicted",
        "               yes    no",
        "  actual yes     1     1",
        "  actual no      1     1",
        "  precision 0.5000, recall 0.5000, F1 0.5000, accuracy 0.5000",
        "",
        "Reliability diagram, uncalibrated (2 bins of P(yes))",
        "  # fraction of rows that are yes (obs), | mean P(yes) (pred): the bar of a",
        "  calibrated bin ends at its |.",
        "  bin          0                     0.5                    1    pred     obs  n",
        // Bin [0, 0.5): 0.1, 0.4, 0.35 — mean 0.2833 (| in cell ⌊0.2833·46⌋ = 13), a third positive (15 cells).
        "  0.000-0.500  #############|#                                 0.2833  0.3333  3",
        "  0.500-1.000  ####################################|#########  0.8000  1.0000  1",
        "",
      ].join("\n"),
    );
  });

  it("shows both sides' numbers, the class names and the confusion matrices of the reference case", () => {
    const evaluation = breastCancerEvaluation();
    const text = renderTable(evaluation, { color: false });
    const calibrated = evaluation.calibrated?.report;
    expect(calibrated).toBeDefined();
    for (const report of [evaluation.uncalibrated.report, calibrated]) {
      for (const value of [
        report?.brier.score,
        report?.logLoss,
        report?.ece,
        report?.mce,
        report?.ace,
        report?.rocAuc,
        report?.averagePrecision,
      ]) {
        expect(text).toContain((value as number).toFixed(4));
      }
    }
    const lines = linesOf(text);
    expect(lines).toContain("  Brier                     0.0641         0.1272");
    expect(lines).toContain("  ROC AUC                   0.9864         0.9864");
    expect(text).toContain("143 rows: 53 malignant, 90 benign; prevalence 0.3706");
    expect(text).toContain("pipeline: sigmoid → platt → fixed threshold");
    expect(text).toContain("threshold: P(malignant) >= 0.5 (log-odds >= 0)");
    expect(text).toContain("Reliability diagram, uncalibrated (15 bins of P(malignant))");
    expect(text).toContain("Reliability diagram, calibrated (15 bins of P(malignant))");
    // Rows actual class, columns predicted: TP and FN on the malignant row, FP and TN on the benign one.
    const uncalibratedMatrix = lines.indexOf("Confusion matrix, uncalibrated");
    expect(lines[uncalibratedMatrix + 2]).toBe("                     malignant      benign");
    expect(lines[uncalibratedMatrix + 3]).toBe("  actual malignant          46           7");
    expect(lines[uncalibratedMatrix + 4]).toBe("  actual benign              3          87");
    const calibratedMatrix = lines.indexOf("Confusion matrix, calibrated");
    expect(lines[calibratedMatrix + 3]).toBe("  actual malignant          24          29");
    expect(lines[calibratedMatrix + 4]).toBe("  actual benign              0          90");
    expect(lines[calibratedMatrix + 5]).toBe("  precision 1.0000, recall 0.4528, F1 0.6234, accuracy 0.7972");
    // One line per bin and side, with its count: the first calibrated bin is empty.
    expect(lines.filter((line) => /^ {2}0\.\d{3}-[01]\.\d{3} {2}/.test(line))).toHaveLength(30);
    expect(text).toContain("  0.000-0.067  |##");
    expect(text).toMatch(/ {2}0\.000-0\.067 {2}\(empty\) +- +- +0\n/);
  });

  it("fits 80 columns and writes no escape codes without colour", () => {
    const text = renderTable(breastCancerEvaluation(), { color: false });
    expect(longestLine(text)).toBeLessThanOrEqual(80);
    expect(text).not.toContain(ESCAPE);
  });

  it("colours headings and bars on a colour terminal, in the same layout", () => {
    const evaluation = breastCancerEvaluation();
    const coloured = renderTable(evaluation, { color: true });
    expect(coloured).toContain(`${ESCAPE}[1mMetrics`);
    expect(coloured).toContain(`${ESCAPE}[36m#`);
    expect(coloured.replace(SGR_SEQUENCE, "")).toBe(renderTable(evaluation, { color: false }));
  });

  it("keeps long names, paths and pipelines within the width, and prints no control characters from names", () => {
    const evaluation = evaluate({
      data: "/experiments/2024-11-23/a-rather-long-directory-name/run-0042/scores_of_the_held_out_test_split.csv",
      probabilities: Float64Array.of(0.1, 0.4, 0.35, 0.8, 0.9, 0.05),
      labels: Uint8Array.of(0, 0, 1, 1, 1, 0),
      calibrated: Float64Array.of(0.12, 0.38, 0.37, 0.79, 0.93, 0.02),
      classes: { positive: "customer churned within ninety days of signup", negative: "stayed\u001b[31m" },
      threshold: { probability: 0.37, logOdds: Math.log(0.37 / 0.63) },
      pipeline:
        "softmax2 → temperature (T = 1.2345) → prior shift (0.27 to 0.1) → fbeta:2 threshold chosen by CV",
    });
    const text = renderTable(evaluation, { color: false });
    expect(longestLine(text)).toBeLessThanOrEqual(80);
    expect(text).not.toContain(ESCAPE);
    expect(text).toContain("stayed?[31m");
    expect(text).toContain("/experiments/2024-11-23/");
    expect(text).toContain("scores_of_the_held_out_test_split.csv");
    expect(text).toContain("actual customer churned ...");
    for (const width of [60, 100, 132]) {
      expect(longestLine(renderTable(evaluation, { color: false, width }))).toBeLessThanOrEqual(width);
    }
    // Narrower than the narrowest layout counts as it.
    expect(longestLine(renderTable(evaluation, { color: false, width: 20 }))).toBeLessThanOrEqual(60);
  });

  it("leaves out the log-odds of a threshold that has none", () => {
    const evaluation = evaluate({
      data: "x.csv",
      probabilities: Float64Array.of(0.1, 0.9),
      labels: Uint8Array.of(0, 1),
      classes: { positive: "1", negative: "0" },
      threshold: { probability: 0.3, logOdds: Number.NaN },
    });
    expect(renderTable(evaluation, { color: false })).toContain("  threshold: P(1) >= 0.3\n");
  });
});
