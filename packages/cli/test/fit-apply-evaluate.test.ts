import { readFileSync } from "node:fs";
import { createRegistry, loadPipeline } from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { FIRST_PARTY_PLUGINS } from "../src/first-party.js";
import { calibra, numberColumn, readCsv, workspace, writeCsv } from "./cli-harness.js";

/**
 * fit → apply → evaluate through the built binary on scikit-learn reference scores: the CLI's numbers are the
 * library's, and the library's are scikit-learn's.
 */
const reference = loadReference("telco_churn", "logreg");
const { positive_label: positive, negative_label: negative } = reference;
const { dir, path } = workspace("fit-apply");

function split(part: "calibration" | "test") {
  const { logit, label } = reference[part];
  return logit.map((z, i) => [i, z, label[i] === 1 ? positive : negative]);
}
writeCsv(path("calibration.csv"), ["id", "logit", "churn"], split("calibration"));
writeCsv(path("test.csv"), ["id", "logit", "churn"], split("test"));
const columns = ["--score-col", "logit", "--label-col", "churn", "--positive", positive];

const registry = createRegistry();
for (const plugin of FIRST_PARTY_PLUGINS) registry.use(plugin);

function maxAbsDifference(a: readonly number[], b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  return a.reduce((max, value, i) => Math.max(max, Math.abs(value - (b[i] as number))), 0);
}

describe("calibra fit → apply → evaluate on telco_churn / logreg scores", () => {
  it("isotonic: test probabilities identical to scikit-learn's, metrics equal to its metrics", () => {
    const fit = calibra(
      ["fit", "--data", "calibration.csv", ...columns, "--method", "isotonic", "-o", "iso.json"],
      dir,
    );
    expect(fit.stderr).toMatch(/calibra fit: \d+ rows of calibration\.csv/);
    expect(fit.code).toBe(0);
    const apply = calibra(["apply", "--pipeline", "iso.json", "--data", "test.csv", "-o", "out.csv"], dir);
    expect(apply.code).toBe(0);
    const out = readCsv(path("out.csv"));
    expect(out.header).toEqual(["id", "logit", "churn", `p_${positive}`, "decision"]);
    expect(out.rows.length).toBe(reference.test.logit.length);
    expect(numberColumn(out, "id")).toEqual(reference.test.logit.map((_, i) => i));
    expect(
      maxAbsDifference(numberColumn(out, `p_${positive}`), reference.isotonic.test_proba),
    ).toBeLessThanOrEqual(1e-15);

    const evaluation = calibra(
      ["evaluate", "--data", "test.csv", "--pipeline", "iso.json", "--format", "json"],
      dir,
    );
    expect(evaluation.code).toBe(0);
    const json = JSON.parse(evaluation.stdout);
    const expected = reference.metrics_test;
    for (const [side, metrics] of [
      ["uncalibrated", expected.uncalibrated],
      ["calibrated", expected.isotonic],
    ] as const) {
      expect(json[side].brier).toBeCloseTo(metrics.brier, 12);
      expect(json[side].log_loss).toBeCloseTo(metrics.log_loss, 12);
      expect(json[side].roc_auc).toBeCloseTo(metrics.roc_auc, 12);
      expect(json[side].average_precision).toBeCloseTo(metrics.average_precision, 12);
      expect(json[side].ece).toBeCloseTo(metrics.ece_15_equal_width, 12);
    }
    expect(json.classes).toEqual({ positive, negative });
  });

  it("platt with an F1 threshold: the file's numbers are the library's, bit for bit", () => {
    const fit = calibra(
      [
        "fit",
        "--data",
        "calibration.csv",
        ...columns,
        "--method",
        "platt",
        "--threshold",
        "f1",
        "-o",
        "platt.json",
      ],
      dir,
    );
    expect(fit.code).toBe(0);
    const spec = JSON.parse(readFileSync(path("platt.json"), "utf8"));
    expect(spec.fit.scoreColumns).toEqual(["logit"]);
    expect(spec.fit.labelColumn).toBe("churn");
    // Platt's sign convention is scikit-learn's: p = 1 / (1 + exp(a·z + b)); the exact optimum of its objective.
    expect(spec.calibrator.params.a).toBeCloseTo(reference.platt.exact.a, 7);
    expect(spec.calibrator.params.b).toBeCloseTo(reference.platt.exact.b, 7);
    expect(spec.threshold.details.value).toBeCloseTo(reference.thresholds_calibration_platt.max_f1.f1, 6);

    const apply = calibra(
      ["apply", "--pipeline", "platt.json", "--data", "test.csv", "-o", "platt.csv"],
      dir,
    );
    expect(apply.code).toBe(0);
    const pipeline = loadPipeline(readFileSync(path("platt.json"), "utf8"), { registry });
    const out = readCsv(path("platt.csv"));
    const logits = Float64Array.from(reference.test.logit);
    expect(numberColumn(out, `p_${positive}`)).toEqual(Array.from(pipeline.predictProba(logits)));
    const decisions = pipeline.decide(logits);
    expect(out.rows.map((row) => row[4])).toEqual(
      Array.from(decisions, (d) => (d === 1 ? positive : negative)),
    );
    expect(
      maxAbsDifference(numberColumn(out, `p_${positive}`), reference.platt.exact.test_proba),
    ).toBeLessThan(3e-9);
  });

  it("auto picks by cross-validated log loss and says so; explain names the class and both cutoffs", () => {
    const fit = calibra(
      ["fit", "--data", "calibration.csv", ...columns, "--method", "auto", "-o", "auto.json"],
      dir,
    );
    expect(fit.code).toBe(0);
    expect(fit.stderr).toMatch(/cross-validated log loss/);
    for (const id of ["temperature", "platt", "beta", "histogram", "isotonic"])
      expect(fit.stderr).toContain(id);
    expect(fit.stderr).toMatch(/← chosen/);
    const explain = calibra(["explain", "--pipeline", "auto.json"], dir);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain(`P(churn = ${positive})`);
    expect(explain.stdout).toMatch(/Threshold: decide "Yes" when P\(churn = Yes\) >= 0\.5/);
    expect(explain.stdout).toMatch(/log-odds >= -?\d/);
  });

  it("prints a table with the class named and an ASCII reliability diagram, and writes an HTML report", () => {
    const result = calibra(
      ["evaluate", "--data", "test.csv", "--pipeline", "iso.json", "--report", "report.html"],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ECE");
    expect(result.stdout).toContain(positive);
    expect(result.stdout).toMatch(/uncalibrated/);
    const html = readFileSync(path("report.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
  });
});
