import { isCalibraError } from "@calibra/core";
import { describe, expect, it } from "vitest";
import { detectDelimiter, findHeaderLine, parseHeaderColumns } from "./csv-header.js";

describe("detectDelimiter", () => {
  it("picks the delimiter that occurs most in the header", () => {
    expect(detectDelimiter("id,score,label")).toBe(",");
    expect(detectDelimiter("id;score;label")).toBe(";");
    expect(detectDelimiter("id\tscore\tlabel")).toBe("\t");
    expect(detectDelimiter("id;score;label,with comma")).toBe(";");
  });

  it("does not count delimiters inside quotes", () => {
    expect(detectDelimiter('"a,b,c";"d,e";f')).toBe(";");
    expect(detectDelimiter('"x;y;z"\tscore\t"p;q"')).toBe("\t");
  });

  it("is , for a one-column header and on a tie with ,", () => {
    expect(detectDelimiter("score")).toBe(",");
    expect(detectDelimiter("a;b,c")).toBe(",");
  });
});

describe("findHeaderLine", () => {
  it("ends at the first newline, without the carriage return", () => {
    expect(findHeaderLine("a,b\r\n1,2\r\n", false)).toEqual({ text: "a,b", end: 5, lines: 1 });
    expect(findHeaderLine("a,b\n1,2\n", false)).toEqual({ text: "a,b", end: 4, lines: 1 });
  });

  it("waits for more text until the line ends, and takes all the text at the end of the file", () => {
    expect(findHeaderLine("a,b", false)).toBeUndefined();
    expect(findHeaderLine("a,b", true)).toEqual({ text: "a,b", end: 3, lines: 1 });
  });

  it("skips newlines inside quotes and counts the lines the header spans", () => {
    expect(findHeaderLine('"a\nb",c\n1,2\n', false)).toEqual({ text: '"a\nb",c', end: 8, lines: 2 });
  });
});

describe("parseHeaderColumns", () => {
  it("splits, unquotes and trims the names", () => {
    expect(parseHeaderColumns("id, score ,label", ",", "f.csv")).toEqual(["id", "score", "label"]);
    expect(parseHeaderColumns('"a;b";"say ""hi""";c', ";", "f.csv")).toEqual(["a;b", 'say "hi"', "c"]);
    expect(parseHeaderColumns(",a,b", ",", "f.csv")).toEqual(["", "a", "b"]);
  });

  it("refuses a header csv-parse cannot read, naming line 1", () => {
    let error: unknown;
    try {
      parseHeaderColumns('a,"b', ",", "f.csv");
    } catch (caught) {
      error = caught;
    }
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect((error as Error).message).toMatch(/^f\.csv:1: the header line is not valid CSV/);
  });
});
