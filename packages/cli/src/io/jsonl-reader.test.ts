import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCalibraError } from "@calibra/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTable } from "./open-table.js";
import type { TableBatch } from "./table.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "calibra-jsonl-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

async function batchesOf(path: string, batchRows?: number): Promise<TableBatch[]> {
  const batches: TableBatch[] = [];
  for await (const batch of await openTable(path, batchRows ? { batchRows } : {})) batches.push(batch);
  return batches;
}

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("openTable on JSON Lines", () => {
  it("reads one object per line, skipping blank lines, with values as parsed", async () => {
    const path = await file(
      "scores.jsonl",
      '{"id":1,"score":0.5,"label":"yes"}\n\n   \r\n{"id":2,"score":null,"label":"no"}\r\n{"id":3,"score":-1e-300,"label":true}',
    );
    const reader = await openTable(path);
    expect(reader.format).toEqual({ kind: "jsonl" });
    expect(reader.columns).toEqual(["id", "score", "label"]);
    const [batch] = await batchesOf(path);
    expect(batch?.records).toEqual([
      [1, 0.5, "yes"],
      [2, null, "no"],
      [3, -1e-300, true],
    ]);
    expect([0, 1, 2].map((i) => batch?.line(i))).toEqual([1, 4, 5]);
  });

  it("adds keys met later as new columns, undefined for rows without them", async () => {
    const path = await file("grow.ndjson", '{"a":1}\n{"b":{"x":[1,2]},"a":2}\n{"c":"z"}\n');
    expect((await openTable(path)).format).toEqual({ kind: "jsonl" });
    const batches = await batchesOf(path, 2);
    expect(batches.map((batch) => batch.columns)).toEqual([
      ["a", "b"],
      ["a", "b", "c"],
    ]);
    expect(batches.map((batch) => batch.firstRow)).toEqual([0, 2]);
    expect(batches[0]?.records).toEqual([[1], [2, { x: [1, 2] }]]);
    expect(batches[1]?.records[0]?.[0]).toBeUndefined();
    expect(batches[1]?.records[0]?.[2]).toBe("z");
  });

  it("gives no rows and no columns for an empty or blank file", async () => {
    for (const text of ["", "\n\n  \n"]) {
      const path = await file("empty.jsonl", text);
      expect((await openTable(path)).columns).toEqual([]);
      expect(await batchesOf(path)).toEqual([]);
    }
  });

  it("drops a byte-order mark", async () => {
    const path = await file("bom.jsonl", '\uFEFF{"a":1}\n');
    expect((await openTable(path)).columns).toEqual(["a"]);
  });

  it("names file:line for a line that is not an object", async () => {
    const path = await file("bad.jsonl", '{"a":1}\n\n[1,2]\n');
    const error = await failure(() => batchesOf(path));
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message).toBe(
      `${path}:3: not a JSON object (the line starts with "["); each line must hold one object such as {"score": 0.7, "label": 1}.`,
    );
    for (const line of ["42", '"text"', "null"]) {
      const other = await file("other.jsonl", `{"a":1}\n${line}\n`);
      const refused = await failure(() => batchesOf(other));
      expect(refused.message.startsWith(`${other}:2: not a JSON object`)).toBe(true);
    }
  });

  it("names file:line for a line that is not valid JSON, already when opening if it is the first", async () => {
    const path = await file("broken.jsonl", '{"a":1}\n{"a":2,}\n');
    const error = await failure(() => batchesOf(path));
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message.startsWith(`${path}:2: not valid JSON (`)).toBe(true);
    const pretty = await file("pretty.jsonl", '{\n  "a": 1\n}\n');
    const opening = await failure(() => openTable(pretty));
    expect(isCalibraError(opening, "E_DATA_FORMAT")).toBe(true);
    expect(opening.message).toContain(`${pretty}:1: not valid JSON`);
    expect(opening.message).toContain("not a JSON array or pretty-printed JSON");
  });
});
