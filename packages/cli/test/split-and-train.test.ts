import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calibra, readCsv, workspace, writeCsv } from "./cli-harness.js";

const { dir, path } = workspace("split");
const rows = Array.from({ length: 400 }, (_, i) => [
  i,
  Math.sin(i) * 3,
  Math.cos(i * 0.7),
  i % 4 === 0 ? "Yes" : "No",
]);
writeCsv(path("data.csv"), ["id", "x1", "x2", "churn"], rows);

describe("calibra split", () => {
  it("keeps every row once, in order, and each class's share in every part", () => {
    const result = calibra(
      [
        "split",
        "--data",
        "data.csv",
        "--fractions",
        "0.5,0.25,0.25",
        "--stratify",
        "churn",
        "--seed",
        "3",
        "-o",
        "a.csv,b.csv,c.csv",
      ],
      dir,
    );
    expect(result.code).toBe(0);
    const parts = ["a.csv", "b.csv", "c.csv"].map((name) => readCsv(path(name)));
    for (const part of parts) expect(part.header).toEqual(["id", "x1", "x2", "churn"]);
    const ids = parts.flatMap((part) => part.rows.map((row) => Number(row[0])));
    expect([...ids].sort((a, b) => a - b)).toEqual(rows.map((row) => row[0]));
    for (const part of parts) {
      const partIds = part.rows.map((row) => Number(row[0]));
      expect(partIds).toEqual([...partIds].sort((a, b) => a - b));
    }
    // 100 "Yes" and 300 "No" rows: exactly 50/25/25 and 150/75/75.
    const yes = parts.map((part) => part.rows.filter((row) => row[3] === "Yes").length);
    const no = parts.map((part) => part.rows.filter((row) => row[3] === "No").length);
    expect(yes).toEqual([50, 25, 25]);
    expect(no).toEqual([150, 75, 75]);
    // Rows are copied unchanged.
    const original = readFileSync(path("data.csv"), "utf8").split("\n");
    const first = parts[0]?.rows[0]?.join(",");
    expect(original).toContain(first);
    // The same seed gives the same split; another seed another.
    calibra(
      [
        "split",
        "--data",
        "data.csv",
        "--fractions",
        "0.5,0.25,0.25",
        "--stratify",
        "churn",
        "--seed",
        "3",
        "-o",
        "a2.csv,b2.csv,c2.csv",
      ],
      dir,
    );
    expect(readFileSync(path("a2.csv"), "utf8")).toBe(readFileSync(path("a.csv"), "utf8"));
    calibra(
      [
        "split",
        "--data",
        "data.csv",
        "--fractions",
        "0.5,0.25,0.25",
        "--stratify",
        "churn",
        "--seed",
        "4",
        "-o",
        "a3.csv,b3.csv,c3.csv",
      ],
      dir,
    );
    expect(readFileSync(path("a3.csv"), "utf8")).not.toBe(readFileSync(path("a.csv"), "utf8"));
  });

  it("refuses fractions that do not add up to 1 or do not match the outputs", () => {
    const bad = calibra(["split", "--data", "data.csv", "--fractions", "0.5,0.4", "-o", "x.csv,y.csv"], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/adding up to 1/);
    const mismatch = calibra(["split", "--data", "data.csv", "--fractions", "0.5,0.5", "-o", "x.csv"], dir);
    expect(mismatch.stderr).toMatch(/one output per part/);
  });
});

describe("calibra train", () => {
  it("trains a logistic model whose JSON records the feature names, with posWeight balanced", () => {
    const result = calibra(
      [
        "train",
        "--data",
        "data.csv",
        "--label-col",
        "churn",
        "--positive",
        "Yes",
        "--exclude",
        "id",
        "--pos-weight",
        "balanced",
        "-o",
        "model.json",
      ],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/posWeight 3\b/);
    const model = JSON.parse(readFileSync(path("model.json"), "utf8"));
    expect(model).toMatchObject({
      format: "calibra.model",
      kind: "logistic",
      inputs: 2,
      featureNames: ["x1", "x2"],
    });
    const predicted = calibra(
      ["predict", "--model", "model.json", "--data", "data.csv", "-o", "scores.csv"],
      dir,
    );
    expect(predicted.code).toBe(0);
    expect(readCsv(path("scores.csv")).header).toEqual(["id", "x1", "x2", "churn", "log_odds", "p_positive"]);
  });
});
