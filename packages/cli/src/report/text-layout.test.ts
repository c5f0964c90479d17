import { describe, expect, it } from "vitest";
import { printable, truncateEnd, wrapWords } from "./text-layout.js";

describe("text layout", () => {
  it("wraps words within the width, with the indents", () => {
    expect(wrapWords("one two three four five six", 9)).toEqual(["one two", "three", "four five", "six"]);
    expect(wrapWords("alpha beta gamma", 12, "  ", "    ")).toEqual(["  alpha beta", "    gamma"]);
    expect(wrapWords("", 10, "  ")).toEqual(["  "]);
  });

  it("cuts a path longer than a line after a separator, keeping the file name whole", () => {
    const lines = wrapWords(
      "Calibration of /experiments/2024-11-23/a-rather-long-directory-name/run-0042/scores_of_the_test_split.csv",
      80,
      "",
      "  ",
    );
    expect(lines).toEqual([
      "Calibration of /experiments/2024-11-23/a-rather-long-directory-name/run-0042/",
      "  scores_of_the_test_split.csv",
    ]);
    expect(wrapWords("a C:\\data\\runs\\y.csv", 12)).toEqual(["a C:\\data\\", "runs\\y.csv"]);
  });

  it("cuts a word without separators anywhere, never past the width", () => {
    const lines = wrapWords(`${"x".repeat(30)} end`, 10, "  ", "    ");
    expect(lines).toEqual(["  xxxxxxxx", "    xxxxxx", "    xxxxxx", "    xxxxxx", "    xxxx", "    end"]);
  });

  it("truncates with three dots and replaces control characters", () => {
    expect(truncateEnd("malignant", 20)).toBe("malignant");
    expect(truncateEnd("customer churned within ninety days", 20)).toBe("customer churned ...");
    expect(truncateEnd("abcdef", 3)).toBe("abc");
    expect(printable("a\u001b[31mb\tc\u007fd\u009be")).toBe("a?[31mb?c?d?e");
    expect(printable("Größe → ok")).toBe("Größe → ok");
  });
});
