import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCalibraError } from "@calibra/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { columnIndex, readNumbers, readStrings } from "./columns.js";
import { openTable } from "./open-table.js";
import type { TableBatch } from "./table.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "calibra-columns-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The single batch of a small table file. */
async function batchOf(name: string, content: string): Promise<TableBatch> {
  const path = join(directory, name);
  await writeFile(path, content);
  const batches: TableBatch[] = [];
  for await (const batch of await openTable(path)) batches.push(batch);
  expect(batches.length).toBe(1);
  return batches[0] as TableBatch;
}

/** The error `run` throws. */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

/** A batch made by hand, as a command or test could. */
function handBatch(columns: string[], records: unknown[][]): TableBatch {
  return { columns, rows: records.length, firstRow: 0, records, line: (i) => i + 10 };
}

describe("columnIndex", () => {
  it("finds a column in a list, a reader's or a batch's columns", async () => {
    expect(columnIndex(["id", "logit", "label"], "label", "data.csv")).toBe(2);
    const batch = await batchOf("a.csv", "id,logit,label\n1,2,3\n");
    expect(columnIndex(batch, "logit", "a.csv")).toBe(1);
  });

  it("lists the columns when the name is missing, with the code E_DATA_FORMAT", () => {
    const error = thrown(() => columnIndex(["id", "logit", "label"], "score", "data.csv"));
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message).toBe('data.csv: no column "score"; the columns are: id, logit, label');
  });

  it("lists the first 20 of many columns and says how many more", () => {
    const columns = Array.from({ length: 45 }, (_, k) => `f${k}`);
    const error = thrown(() => columnIndex(columns, "score", "wide.csv"));
    expect(error.message).toBe(
      `wide.csv: no column "score"; the columns are: ${columns.slice(0, 20).join(", ")} and 25 more`,
    );
  });

  it("suggests a column that differs only in case, and refuses a name that occurs twice", () => {
    expect(thrown(() => columnIndex(["id", "Score"], "score", "d.csv")).message).toBe(
      'd.csv: no column "score" (did you mean "Score"?); the columns are: id, Score',
    );
    const twice = thrown(() => columnIndex(["score", "x", "score"], "score", "d.csv"));
    expect(isCalibraError(twice, "E_DATA_FORMAT")).toBe(true);
    expect(twice.message).toBe(
      'd.csv: column "score" appears more than once (columns 1 and 3); rename one of them.',
    );
  });
});

describe("readNumbers on CSV", () => {
  it("parses each field with Number()'s rules, empty, blank and NaN fields as NaN", async () => {
    const batch = await batchOf(
      "s.csv",
      'id,score\n1,0.5\n2,\n3, \n4,NaN\n5,nan\n6,-1e-300\n7," 2 "\n8,-0\n',
    );
    const out = new Float64Array(10).fill(7);
    const missing = readNumbers(batch, 1, out, 1, { file: "s.csv", column: "score" });
    expect(missing).toBe(4);
    expect(Array.from(out)).toEqual([
      7,
      0.5,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      -1e-300,
      2,
      -0,
      7,
    ]);
    expect(Object.is(out[8], -0)).toBe(true);
  });

  it('names file:line and column for a value that is not a number: scores.csv:1042: column "score": "abc"', async () => {
    let text = "id,score\n";
    for (let line = 2; line < 1042; line++) text += `${line},0.5\n`;
    const batch = await batchOf("scores.csv", `${text}1042,abc\n1043,0.1\n`);
    const error = thrown(() =>
      readNumbers(batch, 1, new Float64Array(batch.rows), 0, { file: "scores.csv", column: "score" }),
    );
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message).toBe('scores.csv:1042: column "score": "abc" is not a number');
  });

  it("reads quoted fields as their unquoted text", async () => {
    const batch = await batchOf("q.csv", 'name;score\n"a;b";"0,5"\n"c";"0.25"\n');
    const out = new Float64Array(2);
    expect(() => readNumbers(batch, 1, out, 0, { file: "q.csv", column: "score" })).toThrow(
      'q.csv:2: column "score": "0,5" is not a number',
    );
    const numbers = new Float64Array(1);
    const second = await batchOf("r.csv", 'name;score\n"a;b";"0.75"\n');
    readNumbers(second, 1, numbers, 0, { file: "r.csv", column: "score" });
    expect(numbers[0]).toBe(0.75);
  });

  it("refuses an output array too short for the batch", async () => {
    const batch = await batchOf("s.csv", "score\n1\n2\n");
    const error = thrown(() =>
      readNumbers(batch, 0, new Float64Array(2), 1, { file: "s.csv", column: "score" }),
    );
    expect(isCalibraError(error, "E_LENGTH_MISMATCH")).toBe(true);
  });
});

describe("readNumbers on JSON values", () => {
  it("takes numbers as they are, null and absent keys as NaN, numeric strings as text", async () => {
    const batch = await batchOf(
      "s.jsonl",
      '{"score":0.5}\n{"score":null}\n{"other":1}\n{"score":"0.25"}\n{"score":""}\n{"score":"Infinity"}\n',
    );
    const out = new Float64Array(6);
    expect(readNumbers(batch, 0, out, 0, { file: "s.jsonl", column: "score" })).toBe(3);
    expect(Array.from(out)).toEqual([
      0.5,
      Number.NaN,
      Number.NaN,
      0.25,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it("refuses other strings, booleans and objects, naming file:line", async () => {
    const batch = await batchOf("b.jsonl", '{"score":1}\n{"score":"abc"}\n');
    expect(() => readNumbers(batch, 0, new Float64Array(2), 0, { file: "b.jsonl", column: "score" })).toThrow(
      'b.jsonl:2: column "score": "abc" is not a number',
    );
    const hand = handBatch(["score"], [[true], [{ a: 1 }]]);
    const error = thrown(() => readNumbers(hand, 0, new Float64Array(2), 0, { file: "h", column: "score" }));
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message).toBe('h:10: column "score": "true" is not a number');
    expect(() =>
      readNumbers(handBatch(["s"], [[{ a: 1 }]]), 0, new Float64Array(1), 0, { file: "h", column: "s" }),
    ).toThrow('h:10: column "s": "{\\"a\\":1}" is not a number');
  });

  it("shortens a long bad value in the message", () => {
    const long = "x".repeat(100);
    const error = thrown(() =>
      readNumbers(handBatch(["s"], [[long]]), 0, new Float64Array(1), 0, { file: "h", column: "s" }),
    );
    expect(error.message).toBe(`h:10: column "s": "${"x".repeat(40)}…" is not a number`);
  });
});

describe("readStrings", () => {
  it("gives CSV fields as they are, empty fields as empty strings", async () => {
    const batch = await batchOf("l.csv", 'id,label\n1,churn\n2,\n3,"a,b"\n');
    expect(readStrings(batch, 1)).toEqual(["churn", "", "a,b"]);
  });

  it("formats JSON values: numbers with String(), null and absent as empty", async () => {
    const batch = await batchOf(
      "l.jsonl",
      '{"label":1}\n{"label":"yes"}\n{"label":null}\n{}\n{"label":false}\n{"label":0.5}\n',
    );
    expect(readStrings(batch, 0)).toEqual(["1", "yes", "", "", "false", "0.5"]);
  });
});
