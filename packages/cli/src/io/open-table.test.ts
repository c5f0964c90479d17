import { execFileSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCalibraError } from "@calibra/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { READ_CHUNK_BYTES } from "./file-text.js";
import { openTable } from "./open-table.js";
import type { TableReadOptions } from "./table.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "calibra-open-table-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Writes `content` to a file of the temporary directory and returns its path. */
async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

/** Every batch of a table, with each row's fields and line. */
async function readAll(path: string, options?: TableReadOptions) {
  const reader = await openTable(path, options);
  const batches: { firstRow: number; rows: number; columns: readonly string[] }[] = [];
  const records: unknown[][] = [];
  const lines: number[] = [];
  for await (const batch of reader) {
    batches.push({ firstRow: batch.firstRow, rows: batch.rows, columns: batch.columns });
    for (let i = 0; i < batch.rows; i++) {
      records.push([...(batch.records[i] as unknown[])]);
      lines.push(batch.line(i));
    }
  }
  return { reader, batches, records, lines };
}

/** The error `run` fails with. */
async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("openTable on CSV", () => {
  it("reads a comma-separated file with its columns, rows and lines", async () => {
    const path = await file("data.csv", "id,logit,label\n1,0.5,yes\n2,-1.25,no\n");
    const { reader, records, lines } = await readAll(path);
    expect(reader.format).toEqual({ kind: "csv", delimiter: "," });
    expect(reader.columns).toEqual(["id", "logit", "label"]);
    expect(reader.path).toBe(path);
    expect(records).toEqual([
      ["1", "0.5", "yes"],
      ["2", "-1.25", "no"],
    ]);
    expect(lines).toEqual([2, 3]);
  });

  it("detects ; and tab, and takes tab for .tsv whatever the header holds", async () => {
    const semicolon = await readAll(await file("a.csv", "id;score\n1;0,5\n"));
    expect(semicolon.reader.format).toEqual({ kind: "csv", delimiter: ";" });
    expect(semicolon.records).toEqual([["1", "0,5"]]);
    const tab = await readAll(await file("b.txt", "id\tscore\n1\t0.5\n"));
    expect(tab.reader.format).toEqual({ kind: "csv", delimiter: "\t" });
    expect(tab.records).toEqual([["1", "0.5"]]);
    const tsv = await readAll(await file("c.tsv", "a,b\tc\n1,2\t3\n"));
    expect(tsv.reader.format).toEqual({ kind: "csv", delimiter: "\t" });
    expect(tsv.reader.columns).toEqual(["a,b", "c"]);
    expect(tsv.records).toEqual([["1,2", "3"]]);
  });

  it("does not count quoted delimiters when detecting", async () => {
    const { reader, records } = await readAll(await file("q.csv", '"a;b;c",d\n"1;2;3",4\n'));
    expect(reader.format).toEqual({ kind: "csv", delimiter: "," });
    expect(reader.columns).toEqual(["a;b;c", "d"]);
    expect(records).toEqual([["1;2;3", "4"]]);
  });

  it("reads a one-column file with , as its delimiter", async () => {
    const { reader, records } = await readAll(await file("one.csv", "score\n0.1\n0.2\n"));
    expect(reader.format).toEqual({ kind: "csv", delimiter: "," });
    expect(records).toEqual([["0.1"], ["0.2"]]);
  });

  it("unquotes fields holding delimiters, quotes and newlines, with the lines right after a multi-line field", async () => {
    const text =
      'id,text,score\n1,"a, b",0.5\n2,"say ""hi""",0.25\n3,"two\nlines",0.125\n4,plain,1\n5,"x\r\ny",2\n6,z,3\n';
    const { records, lines } = await readAll(await file("quoted.csv", text));
    expect(records).toEqual([
      ["1", "a, b", "0.5"],
      ["2", 'say "hi"', "0.25"],
      ["3", "two\nlines", "0.125"],
      ["4", "plain", "1"],
      ["5", "x\r\ny", "2"],
      ["6", "z", "3"],
    ]);
    expect(lines).toEqual([2, 3, 4, 6, 7, 9]);
  });

  it("keeps counting lines when quotes first appear after plain rows", async () => {
    const text = 'id,text\n1,a\n2,b\n\n3,"multi\nline"\n4,c\n';
    const { records, lines } = await readAll(await file("late.csv", text), { batchRows: 2 });
    expect(records).toEqual([
      ["1", "a"],
      ["2", "b"],
      ["3", "multi\nline"],
      ["4", "c"],
    ]);
    expect(lines).toEqual([2, 3, 5, 7]);
  });

  it("drops a UTF-8 byte-order mark", async () => {
    const { reader, records } = await readAll(await file("bom.csv", "\uFEFFid,score\n1,2\n"));
    expect(reader.columns).toEqual(["id", "score"]);
    expect(records).toEqual([["1", "2"]]);
  });

  it("reads CRLF line endings, skipping blank lines and reading a last line without a line ending", async () => {
    const { reader, records, lines } = await readAll(
      await file("crlf.csv", "id,score\r\n1,0.5\r\n\r\n2,0.75\r\n3,1"),
    );
    expect(reader.columns).toEqual(["id", "score"]);
    expect(records).toEqual([
      ["1", "0.5"],
      ["2", "0.75"],
      ["3", "1"],
    ]);
    expect(lines).toEqual([2, 4, 5]);
  });

  it("cuts the rows into batches of batchRows with the right firstRow and lines", async () => {
    let text = "id,score\n";
    for (let i = 0; i < 10; i++) text += `${i},${i / 10}\n`;
    const { batches, records, lines } = await readAll(await file("ten.csv", text), { batchRows: 3 });
    expect(batches.map((batch) => [batch.firstRow, batch.rows])).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
      [9, 1],
    ]);
    expect(records.map((record) => record[0])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(lines).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it("reads files larger than one read, plain and with quotes, without losing a row at the seams", async () => {
    const rows = Math.ceil((2.5 * READ_CHUNK_BYTES) / 24);
    let plain = "id,value,name\n";
    let quoted = "id,value,name\n";
    for (let i = 0; i < rows; i++) {
      plain += `${i},${i * 0.5},n${i}\n`;
      quoted += i % 7 === 3 ? `${i},${i * 0.5},"q,${i}"\n` : `${i},${i * 0.5},n${i}\n`;
    }
    for (const [name, text] of [
      ["plain.csv", plain],
      ["quoted.csv", quoted],
    ] as const) {
      const { batches, records, lines } = await readAll(await file(name, text), { batchRows: 10_000 });
      expect(records.length).toBe(rows);
      expect(batches.every((batch, k) => batch.firstRow === k * 10_000)).toBe(true);
      for (let i = 0; i < rows; i += 997) {
        expect(records[i]).toEqual([
          String(i),
          String(i * 0.5),
          name === "quoted.csv" && i % 7 === 3 ? `q,${i}` : `n${i}`,
        ]);
        expect(lines[i]).toBe(i + 2);
      }
      expect(lines[rows - 1]).toBe(rows + 1);
    }
  });

  it("reads the file again on a second pass", async () => {
    const path = await file("twice.csv", "a,b\n1,2\n3,4\n");
    const reader = await openTable(path);
    for (let pass = 0; pass < 2; pass++) {
      const rows: unknown[] = [];
      for await (const batch of reader) rows.push(...batch.records);
      expect(rows).toEqual([
        ["1", "2"],
        ["3", "4"],
      ]);
    }
  });

  it("gives no rows for an empty file, a blank file or a header alone", async () => {
    for (const [name, text, columns] of [
      ["empty.csv", "", []],
      ["blank.csv", "\n \n", []],
      ["header.csv", "id,score\n", ["id", "score"]],
      ["header-no-newline.csv", "id,score", ["id", "score"]],
    ] as const) {
      const { reader, records } = await readAll(await file(name, text));
      expect(reader.columns).toEqual(columns);
      expect(records).toEqual([]);
    }
  });

  it("reports onProgress with increasing byte counts up to the file's size", async () => {
    let text = "id,score\n";
    for (let i = 0; i < 200_000; i++) text += `${i},0.${i}\n`;
    const path = await file("progress.csv", text);
    const size = (await stat(path)).size;
    const calls: [number, number][] = [];
    await readAll(path, { onProgress: (bytesRead, totalBytes) => calls.push([bytesRead, totalBytes]) });
    expect(calls.length).toBeGreaterThan(1);
    for (let k = 1; k < calls.length; k++) expect(calls[k]?.[0]).toBeGreaterThan(calls[k - 1]?.[0] as number);
    expect(calls.every(([, total]) => total === size)).toBe(true);
    expect(calls.at(-1)?.[0]).toBe(size);
  });

  it("reads a named pipe once", async () => {
    const path = join(directory, "pipe.csv");
    execFileSync("mkfifo", [path]);
    const writing = writeFile(path, "id,score\n1,0.5\n2,0.25\n");
    const reader = await openTable(path);
    expect(reader.columns).toEqual(["id", "score"]);
    const rows: unknown[] = [];
    for await (const batch of reader) rows.push(...batch.records);
    await writing;
    expect(rows).toEqual([
      ["1", "0.5"],
      ["2", "0.25"],
    ]);
    const again = await failure(async () => {
      for await (const _batch of reader) break;
    });
    expect(isCalibraError(again, "E_IO")).toBe(true);
  });
});

describe("openTable errors", () => {
  it("names file:line for a row with too many or too few fields", async () => {
    let text = "id,logit,label\n";
    for (let i = 2; i < 17; i++) text += `${i},0.5,a\n`;
    const path = await file("data.csv", `${text}17,0.5,a,extra\n`);
    const tooMany = await failure(() => readAll(path));
    expect(isCalibraError(tooMany, "E_DATA_FORMAT")).toBe(true);
    expect(tooMany.message).toContain(`${path}:17: 4 fields, the header has 3 columns`);
    const few = await file("few.csv", "a,b,c\n1,2,3\n\n4,5\n");
    const error = await failure(() => readAll(few));
    expect(error.message).toContain(`${few}:4: 2 fields, the header has 3 columns`);
  });

  it("names the line where a quoted row has the wrong number of fields", async () => {
    const path = await file("q.csv", 'a,b\n1,"x\ny"\n2,"z",3\n');
    const error = await failure(() => readAll(path));
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message).toContain(`${path}:4: 3 fields, the header has 2 columns`);
  });

  it("names the line where a quote is never closed", async () => {
    const path = await file("open.csv", 'a,b\n1,2\n3,"x\n4,5\n');
    const error = await failure(() => readAll(path));
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: a quoted field`),
    );
  });

  it("refuses a file whose first line is blank but has data", async () => {
    const path = await file("no-header.csv", "\n1,2\n");
    const error = await failure(() => openTable(path));
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message).toBe(
      `${path}:1: the first line is empty; it must be the header naming the columns (e.g. id,score,label).`,
    );
  });

  it("refuses a UTF-16 file", async () => {
    const path = await file("utf16.csv", Buffer.from("\uFEFFid,score\n", "utf16le"));
    const error = await failure(() => openTable(path));
    expect(isCalibraError(error, "E_DATA_FORMAT")).toBe(true);
    expect(error.message).toContain("UTF-16");
  });

  it("is E_IO naming the path for a missing file or a directory", async () => {
    const missing = join(directory, "missing.csv");
    const error = await failure(() => openTable(missing));
    expect(isCalibraError(error, "E_IO")).toBe(true);
    expect(error.message).toBe(`cannot read ${missing}: no such file or directory.`);
    const folder = await failure(() => openTable(directory));
    expect(isCalibraError(folder, "E_IO")).toBe(true);
    expect(folder.message).toBe(`cannot read ${directory}: it is a directory, not a file.`);
  });

  it("refuses a batch size that is not a positive integer", async () => {
    const path = await file("a.csv", "a\n1\n");
    const error = await failure(() => openTable(path, { batchRows: 0 }));
    expect(isCalibraError(error, "E_INVALID_OPTIONS")).toBe(true);
  });
});
