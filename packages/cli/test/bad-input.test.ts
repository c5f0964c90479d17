import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calibra, FIXTURES, workspace, writeCsv } from "./cli-harness.js";

/** One test per kind of bad input: exit code 1, a message saying what and where, and no output file. */
const { dir, path } = workspace("bad-input");
const good = Array.from({ length: 40 }, (_, i) => [((i % 7) - 3) * 0.8, i % 3 === 0 ? 1 : 0]);
writeCsv(path("good.csv"), ["score", "label"], good);
const fitted = calibra(["fit", "--data", "good.csv", "--method", "platt", "-o", "pipeline.json"], dir);

function expectRefused(args: readonly string[], message: RegExp, output = "out.csv"): string {
  const before = readdirSync(dir).sort();
  const result = calibra([...args, "-o", output], dir);
  expect(result.stderr).toMatch(message);
  expect(result.code).toBe(1);
  expect(existsSync(path(output))).toBe(false);
  // Nothing else was left behind either: no temporary file.
  expect(readdirSync(dir).sort()).toEqual(before);
  return result.stderr;
}

describe("bad input: exit code 1, a clear message, no output", () => {
  it("the fixture pipeline was fitted", () => {
    expect(fitted.code).toBe(0);
  });

  it("a value that is not a number names file, line and column", () => {
    writeCsv(path("abc.csv"), ["score", "label"], [...good, ["abc", 1]]);
    expectRefused(
      ["fit", "--data", "abc.csv", "--method", "platt"],
      /abc\.csv:42: column "score": "abc" is not a number/,
      "p.json",
    );
  });

  it("a missing column lists the columns that exist", () => {
    expectRefused(
      ["fit", "--data", "good.csv", "--score-col", "logit", "--method", "platt"],
      /no column "logit"; the columns are: score, label/,
      "p.json",
    );
  });

  it("rows without a score are counted, with the first line", () => {
    writeCsv(path("nan.csv"), ["score", "label"], [...good, ["", 1], ["NaN", 0], [0.4, 1]]);
    expectRefused(
      ["fit", "--data", "nan.csv", "--method", "platt"],
      /nan\.csv: 2 of 43 rows .* line 42/,
      "p.json",
    );
    expectRefused(["apply", "--pipeline", "pipeline.json", "--data", "nan.csv"], /2 of 43 rows .* line 42/);
  });

  it("one class, and labels outside the two classes", () => {
    writeCsv(
      path("one.csv"),
      ["score", "label"],
      good.map(([score]) => [score, 1]),
    );
    expectRefused(["fit", "--data", "one.csv", "--method", "platt"], /E_ONE_CLASS/, "p.json");
    writeCsv(path("three.csv"), ["score", "label"], [...good, [0.2, 2]]);
    expectRefused(["fit", "--data", "three.csv", "--method", "platt"], /E_LABEL_CLASSES/, "p.json");
  });

  it("an empty file, and a header without rows", () => {
    writeFileSync(path("empty.csv"), "");
    expectRefused(["fit", "--data", "empty.csv", "--method", "platt"], /empty\.csv/, "p.json");
    writeFileSync(path("header.csv"), "score,label\n");
    expectRefused(
      ["fit", "--data", "header.csv", "--method", "platt"],
      /header\.csv has no data rows/,
      "p.json",
    );
  });

  it("a row with the wrong number of fields", () => {
    writeFileSync(path("ragged.csv"), "score,label\n0.1,1\n0.2,0,7\n");
    expectRefused(
      ["fit", "--data", "ragged.csv", "--method", "platt"],
      /ragged\.csv:3: 3 fields, the header has 2/,
      "p.json",
    );
  });

  it("a missing data file and a missing output directory", () => {
    expectRefused(["fit", "--data", "missing.csv", "--method", "platt"], /E_IO.*missing\.csv/, "p.json");
    const result = calibra(
      ["apply", "--pipeline", "pipeline.json", "--data", "good.csv", "-o", "no/such/dir/out.csv"],
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/E_IO/);
  });

  it("an unknown method, threshold and activation", () => {
    expectRefused(
      ["fit", "--data", "good.csv", "--method", "splines"],
      /E_UNKNOWN_COMPONENT.*splines/,
      "p.json",
    );
    expectRefused(["fit", "--data", "good.csv", "--method", "platt", "--threshold", "f2"], /f2/, "p.json");
    expectRefused(
      ["fit", "--data", "good.csv", "--method", "platt", "--activation", "softmax2"],
      /reads two columns: pass --score-col/,
      "p.json",
    );
  });

  it("a malformed pipeline spec, and one of an unknown version", () => {
    writeFileSync(path("broken.json"), "{ not json");
    expectRefused(
      ["apply", "--pipeline", "broken.json", "--data", "good.csv"],
      /E_SPEC_INVALID.*broken\.json/,
    );
    const spec = JSON.parse(readFileSync(path("pipeline.json"), "utf8"));
    writeFileSync(path("v9.json"), JSON.stringify({ ...spec, version: 9 }));
    expectRefused(["apply", "--pipeline", "v9.json", "--data", "good.csv"], /E_SPEC_VERSION/);
  });

  it("usage errors exit 1 too", () => {
    const result = calibra(["fit", "--data", "good.csv"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/required option '--method <method>'/);
    expect(calibra(["frobnicate"], dir).code).toBe(1);
  });

  it("an existing output file is left untouched when a command fails", () => {
    writeFileSync(path("keep.csv"), "precious\n");
    const result = calibra(
      ["apply", "--pipeline", "pipeline.json", "--data", "nan.csv", "-o", "keep.csv"],
      dir,
    );
    expect(result.code).toBe(1);
    expect(readFileSync(path("keep.csv"), "utf8")).toBe("precious\n");
  });

  it("a plugin's bug is an internal error: exit code 2 with the stack", () => {
    const result = calibra(
      [
        "fit",
        "--data",
        "good.csv",
        "--method",
        "broken",
        "--plugin",
        `${FIXTURES}/offset-plugin.mjs`,
        "-o",
        "p.json",
      ],
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/internal error: TypeError/);
    expect(existsSync(path("p.json"))).toBe(false);
  });
});
