import { readFileSync, writeFileSync } from "node:fs";
import { loadTsModel } from "@calibra/backend-ts";
import { loadDataset } from "@calibra/fixtures";
import { modelFixturePaths } from "@calibra/model-fixtures";
import { describe, expect, it } from "vitest";
import { calibra, FIXTURES, numberColumn, readCsv, workspace, writeCsv } from "./cli-harness.js";

const { dir, path } = workspace("predict");
const cancer = loadDataset("breast_cancer");
const paths = modelFixturePaths("logreg");
const header = [...cancer.featureNames, "diagnosis"];
const rows = Array.from({ length: cancer.rows }, (_, i) => [
  ...Array.from(cancer.features.subarray(i * cancer.columns, (i + 1) * cancer.columns)),
  cancer.labels[i] === 1 ? "malignant" : "benign",
]);
writeCsv(path("cancer.csv"), header, rows);

const tsModel = await loadTsModel(paths.calibra);
const expected = (
  await tsModel.predict({ data: cancer.features, rows: cancer.rows, columns: cancer.columns })
).data;

describe("calibra predict with each backend's fixture model", () => {
  it.each([
    ["ts", paths.calibra, 0],
    ["onnx", paths.onnx, 1e-5],
    ["tfjs", paths.tfjs, 1e-5],
  ] as const)(
    "%s: picks the backend from the file, the features by name, and keeps the row order",
    (backend, model, tolerance) => {
      const result = calibra(
        [
          "predict",
          "--model",
          model,
          "--data",
          "cancer.csv",
          "--positive-name",
          "malignant",
          "-o",
          `${backend}.csv`,
        ],
        dir,
      );
      expect(result.stderr).toContain(`through ${backend}`);
      expect(result.code).toBe(0);
      const out = readCsv(path(`${backend}.csv`));
      expect(out.header).toEqual([...header, "log_odds", "p_malignant"]);
      const logOdds = numberColumn(out, "log_odds");
      expect(logOdds.length).toBe(cancer.rows);
      let max = 0;
      logOdds.forEach((z, i) => {
        max = Math.max(max, Math.abs(z - (expected[i] as number)));
      });
      expect(max).toBeLessThanOrEqual(tolerance);
      const p = numberColumn(out, "p_malignant");
      expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-(logOdds[0] as number))), 12);
    },
  );

  it("runs the pipeline after the model: fit on predict's output, then predict with --pipeline", () => {
    expect(
      calibra(
        [
          "fit",
          "--data",
          "ts.csv",
          "--score-col",
          "log_odds",
          "--label-col",
          "diagnosis",
          "--positive",
          "malignant",
          "--method",
          "platt",
          "--threshold",
          "youden",
          "-o",
          "pipeline.json",
        ],
        dir,
      ).code,
    ).toBe(0);
    const result = calibra(
      [
        "predict",
        "--model",
        paths.onnx,
        "--pipeline",
        "pipeline.json",
        "--data",
        "cancer.csv",
        "-o",
        "decided.csv",
      ],
      dir,
    );
    expect(result.code).toBe(0);
    const out = readCsv(path("decided.csv"));
    expect(out.header.slice(-3)).toEqual(["log_odds", "p_malignant", "decision"]);
    const decisions = out.rows.map((row) => row.at(-1));
    const correct = decisions.filter(
      (d, i) => d === (cancer.labels[i] === 1 ? "malignant" : "benign"),
    ).length;
    expect(correct / cancer.rows).toBeGreaterThan(0.95);
  });

  it("refuses a feature table that does not fit the model, listing what it found", () => {
    writeCsv(path("narrow.csv"), ["a", "b"], [[1, 2]]);
    const result = calibra(["predict", "--model", paths.onnx, "--data", "narrow.csv", "-o", "x.csv"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no column "mean_radius"/);
  });
});

describe("plugins", () => {
  it("--plugin loads a third-party calibrator that fit, apply and explain then use", () => {
    writeCsv(
      path("scores.csv"),
      ["score", "label"],
      Array.from({ length: 60 }, (_, i) => [((i % 11) - 5) * 0.7, i % 4 === 0 ? 1 : 0]),
    );
    const plugin = ["--plugin", `${FIXTURES}/offset-plugin.mjs`];
    const fit = calibra(
      ["fit", "--data", "scores.csv", "--method", "offset:steps=20", ...plugin, "-o", "offset.json"],
      dir,
    );
    expect(fit.code).toBe(0);
    const spec = JSON.parse(readFileSync(path("offset.json"), "utf8"));
    expect(spec.calibrator).toMatchObject({ type: "offset", plugin: "calibra-plugin-offset-test" });
    // The fitted offset matches the mean probability to the mean label (15 positives of 60).
    const offset = spec.calibrator.params.offset as number;
    const scores = Array.from({ length: 60 }, (_, i) => ((i % 11) - 5) * 0.7);
    const mean = scores.reduce((sum, z) => sum + 1 / (1 + Math.exp(-(z + offset))), 0) / 60;
    expect(mean).toBeCloseTo(15 / 60, 10);
    // Without the plugin the spec names what to install.
    const missing = calibra(["explain", "--pipeline", "offset.json"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/calibra-plugin-offset-test/);
    const explain = calibra(["explain", "--pipeline", "offset.json", ...plugin], dir);
    expect(explain.stdout).toMatch(/Every log-odds value moves by/);
  });

  it("calibra.config.json lists plugins too, and `calibra plugins` shows them", () => {
    writeFileSync(
      path("calibra.config.json"),
      JSON.stringify({ plugins: [`${FIXTURES}/offset-plugin.mjs`] }),
    );
    const result = calibra(["plugins"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/@calibra\/calibrator-platt .*\n\s+calibrators\s+platt/);
    expect(result.stdout).toMatch(
      /calibra-plugin-offset-test 1\.0\.0[^\n]*\n\s+calibrators\s+offset, broken/,
    );
    expect(result.stdout).toMatch(/backends\s+onnx/);
    const json = JSON.parse(calibra(["plugins", "--json"], dir).stdout);
    expect(json.loaded[0].plugins).toEqual(["calibra-plugin-offset-test"]);
  });
});
