import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCalibraError } from "@calibra/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { columnIndex, readNumbers } from "./columns.js";
import { openTable } from "./open-table.js";
import type { OutputColumn, TableBatch, TableFormat } from "./table.js";
import { createTableWriter } from "./table-writer.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "calibra-writer-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const CSV: TableFormat = { kind: "csv", delimiter: "," };
const JSONL: TableFormat = { kind: "jsonl" };

async function file(name: string, content: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

/**
 * Copies the table at `input` to `output` in `format` (the input's by default), adding the columns `extra(batch)`
 * gives for each batch, and returns the output's text.
 */
async function copy(
  input: string,
  output: string,
  extra: (batch: TableBatch) => OutputColumn[] = () => [],
  format?: TableFormat,
  batchRows?: number,
): Promise<string> {
  const reader = await openTable(input, batchRows ? { batchRows } : {});
  const writer = await createTableWriter(output, format ?? reader.format);
  for await (const batch of reader) await writer.write(batch, extra(batch));
  await writer.commit();
  return readFile(output, "utf8");
}

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

/** A batch made by hand, as a command or test could. */
function handBatch(columns: string[], records: unknown[][]): TableBatch {
  return { columns, rows: records.length, firstRow: 0, records, line: (i) => i + 2 };
}

/** Random doubles of every magnitude, with the awkward ones the brief names. */
function awkwardDoubles(count: number): Float64Array {
  const values = new Float64Array(count);
  const words = new Uint32Array(values.buffer);
  for (let k = 0; k < words.length; k++) words[k] = (Math.random() * 2 ** 32) >>> 0;
  const special = [1e-300, 5e-324, -0, 0, -5e-324, Number.MAX_VALUE, 0.1, 1 / 3, 2 ** 53 + 2, -1e300];
  values.set(special, 0);
  for (let i = 0; i < count; i++) if (Number.isNaN(values[i])) values[i] = i;
  return values;
}

describe("CSV output", () => {
  it("writes the header once, then each input row as it was followed by the new values", async () => {
    const input = await file("in.csv", 'id,text,score\r\n1,"a, b",0.5\r\n2,"x\r\ny",0.25\r\n3,plain,\r\n');
    const text = await copy(
      input,
      join(directory, "out.csv"),
      (batch) => [
        {
          name: "p",
          values: Float64Array.from(
            { length: batch.rows },
            (_, i) => [0.1, Number.NaN, -0][batch.firstRow + i] as number,
          ),
        },
        {
          name: "decision",
          values: ["yes", 'say "no"', "a,b"].slice(batch.firstRow, batch.firstRow + batch.rows),
        },
      ],
      undefined,
      2,
    );
    expect(text).toBe(
      'id,text,score,p,decision\n1,"a, b",0.5,0.1,yes\n2,"x\r\ny",0.25,,"say ""no"""\n3,plain,,-0,"a,b"\n',
    );
  });

  it("keeps the input's delimiter and quotes new values only when needed", async () => {
    const input = await file("in.csv", "id;score\n1;0,5\n");
    const text = await copy(input, join(directory, "out.csv"), () => [
      { name: "note", values: ["a;b"] },
      { name: "plain", values: ["a,b"] },
    ]);
    expect(text).toBe('id;score;note;plain\n1;0,5;"a;b";a,b\n');
    const tabs = await copy(await file("in.tsv", "id\tscore\n1\t2\n"), join(directory, "out.tsv"), () => [
      { name: "t", values: ["x\ty"] },
    ]);
    expect(tabs).toBe('id\tscore\tt\n1\t2\t"x\ty"\n');
  });

  it("writes rows of other origins field by field", async () => {
    const writer = await createTableWriter(join(directory, "hand.csv"), CSV);
    await writer.write(
      handBatch(
        ["a", "b", "c"],
        [
          [1.5, "x,y", null],
          [true, { k: 1 }, undefined],
        ],
      ),
      [],
    );
    await writer.commit();
    expect(await readFile(join(directory, "hand.csv"), "utf8")).toBe(
      'a,b,c\n1.5,"x,y",\ntrue,"{""k"":1}",\n',
    );
    const fromJsonl = await copy(
      await file("in.jsonl", '{"a":1,"b":"x"}\n{"a":-0}\n'),
      join(directory, "c.csv"),
      () => [],
      CSV,
    );
    expect(fromJsonl).toBe("a,b\n1,x\n-0,\n");
  });

  it("writes a header alone for an empty batch, and rows of new columns with writeColumns", async () => {
    const empty = await createTableWriter(join(directory, "empty.csv"), CSV);
    await empty.write(handBatch(["a", "b"], []), [{ name: "p", values: new Float64Array(0) }]);
    await empty.commit();
    expect(await readFile(join(directory, "empty.csv"), "utf8")).toBe("a,b,p\n");
    const columns = await createTableWriter(join(directory, "cols.csv"), { kind: "csv", delimiter: ";" });
    await columns.writeColumns(
      [
        { name: "log_odds", values: Float64Array.of(1.25, Number.NEGATIVE_INFINITY) },
        { name: "p_churn", values: Float64Array.of(0.75, 0) },
        { name: "class", values: ["a;b", "c"] },
      ],
      2,
    );
    await columns.writeColumns([{ name: "ignored", values: Float64Array.of(3) }], 1);
    await columns.commit();
    expect(await readFile(join(directory, "cols.csv"), "utf8")).toBe(
      'log_odds;p_churn;class\n1.25;0.75;"a;b"\n-Infinity;0;c\n3\n',
    );
  });

  it("refuses output columns with fewer values than rows", async () => {
    const writer = await createTableWriter(join(directory, "short.csv"), CSV);
    const error = await failure(() =>
      writer.write(handBatch(["a"], [[1], [2]]), [{ name: "p", values: new Float64Array(1) }]),
    );
    expect(isCalibraError(error, "E_LENGTH_MISMATCH")).toBe(true);
    await writer.abort();
  });
});

describe("JSON Lines output", () => {
  it("adds the new keys to each input object as it was written", async () => {
    const input = await file("in.jsonl", '{"id":1, "score":0.5}\n\n{ }\n{"id":3,"nested":{"a":[1]}}  \n');
    const text = await copy(input, join(directory, "out.jsonl"), (batch) => [
      {
        name: "p",
        values: Float64Array.of(0.25, Number.NaN, Number.POSITIVE_INFINITY).subarray(0, batch.rows),
      },
      { name: "decision", values: ['say "yes"', "no", "é"].slice(0, batch.rows) },
    ]);
    expect(text).toBe(
      '{"id":1, "score":0.5,"p":0.25,"decision":"say \\"yes\\""}\n' +
        '{ "p":null,"decision":"no"}\n' +
        '{"id":3,"nested":{"a":[1]},"p":"Infinity","decision":"é"}\n',
    );
    for (const line of text.trim().split("\n")) expect(typeof JSON.parse(line)).toBe("object");
  });

  it("writes objects from other origins and rows of new columns", async () => {
    const writer = await createTableWriter(join(directory, "hand.jsonl"), JSONL);
    await writer.write(
      handBatch(
        ["a", "b"],
        [
          [-0, "x"],
          [undefined, null],
        ],
      ),
      [{ name: "d", values: Float64Array.of(1, 2) }],
    );
    await writer.writeColumns([{ name: "only", values: ["z"] }], 1);
    await writer.commit();
    expect(await readFile(join(directory, "hand.jsonl"), "utf8")).toBe(
      '{"a":-0,"b":"x","d":1}\n{"b":null,"d":2}\n{"only":"z"}\n',
    );
    const fromCsv = await copy(
      await file("in.csv", "a,b\n1,x\n"),
      join(directory, "c.jsonl"),
      () => [],
      JSONL,
    );
    expect(fromCsv).toBe('{"a":"1","b":"x"}\n');
  });
});

describe("numbers through the writer and back", () => {
  for (const format of [CSV, JSONL]) {
    it(`come back bit for bit (${format.kind})`, async () => {
      const values = awkwardDoubles(20_000);
      const output = join(directory, format.kind === "csv" ? "numbers.csv" : "numbers.jsonl");
      const writer = await createTableWriter(output, format);
      await writer.writeColumns([{ name: "x", values }], values.length);
      await writer.commit();
      const reader = await openTable(output, { batchRows: 7_000 });
      const back = new Float64Array(values.length);
      const column = columnIndex(reader.columns, "x", output);
      for await (const batch of reader) {
        readNumbers(batch, column, back, batch.firstRow, { file: output, column: "x" });
      }
      let same = 0;
      for (let i = 0; i < values.length; i++) if (Object.is(back[i], values[i])) same++;
      expect(same).toBe(values.length);
      expect(Object.is(back[2], -0)).toBe(true);
      expect(back[1]).toBe(5e-324);
    });
  }
});

describe("atomic writing", () => {
  /** The temporary files left in the directory. */
  async function temporaryFiles(): Promise<string[]> {
    return (await readdir(directory)).filter((name) => name.endsWith(".tmp"));
  }

  it("writes to a hidden temporary file beside the output and renames it on commit", async () => {
    const output = await file("out.csv", "old contents\n");
    const writer = await createTableWriter(output, CSV);
    await writer.writeColumns([{ name: "a", values: Float64Array.of(1, 2) }], 2);
    const temporary = await temporaryFiles();
    expect(temporary.length).toBe(1);
    expect(temporary[0]).toMatch(new RegExp(`^\\.out\\.csv\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
    expect(await readFile(output, "utf8")).toBe("old contents\n");
    await writer.commit();
    expect(await readFile(output, "utf8")).toBe("a\n1\n2\n");
    expect(await temporaryFiles()).toEqual([]);
    await writer.abort(); // after a commit: nothing to undo
    expect(await readFile(output, "utf8")).toBe("a\n1\n2\n");
  });

  it("abort leaves an existing file byte for byte and no temporary file, also when called twice", async () => {
    const old = Buffer.from("id,score\r\n1,\u00e9\r\n", "utf8");
    const output = join(directory, "out.csv");
    await writeFile(output, old);
    const writer = await createTableWriter(output, CSV);
    await writer.writeColumns([{ name: "a", values: new Float64Array(100_000) }], 100_000);
    await writer.abort();
    await writer.abort();
    expect(Buffer.compare(await readFile(output), old)).toBe(0);
    expect(await temporaryFiles()).toEqual([]);
    expect(await failure(() => writer.commit())).toBeInstanceOf(Error);
  });

  it("leaves no output when reading fails in the middle", async () => {
    let text = "id,score\n";
    for (let i = 0; i < 1000; i++) text += `${i},${i === 700 ? "abc" : i}\n`;
    const input = await file("in.csv", text);
    const output = join(directory, "out.csv");
    const reader = await openTable(input, { batchRows: 100 });
    const writer = await createTableWriter(output, reader.format);
    const error = await failure(async () => {
      try {
        for await (const batch of reader) {
          const scores = new Float64Array(batch.rows);
          readNumbers(batch, 1, scores, 0, { file: "in.csv", column: "score" });
          await writer.write(batch, [{ name: "twice", values: scores.map((x) => 2 * x) }]);
        }
        await writer.commit();
      } catch (caught) {
        await writer.abort();
        throw caught;
      }
    });
    expect(error.message).toBe('in.csv:702: column "score": "abc" is not a number');
    expect((await readdir(directory)).sort()).toEqual(["in.csv"]);
  });

  it("streams outputs larger than the stream's buffer (waiting for drain)", async () => {
    let text = "id,name\n";
    const rows = 200_000;
    for (let i = 0; i < rows; i++) text += `${i},name-${"x".repeat(20)}-${i}\n`;
    const input = await file("big.csv", text);
    const output = join(directory, "big-out.csv");
    const reader = await openTable(input);
    const writer = await createTableWriter(output, reader.format, { bufferChars: 4096 });
    for await (const batch of reader) {
      await writer.write(batch, [
        { name: "row", values: Float64Array.from({ length: batch.rows }, (_, i) => batch.firstRow + i) },
      ]);
    }
    await writer.commit();
    const written = await readFile(output, "utf8");
    const lines = written.split("\n");
    expect(lines.length).toBe(rows + 2);
    expect(lines[0]).toBe("id,name,row");
    expect(lines[rows]).toBe(`${rows - 1},name-${"x".repeat(20)}-${rows - 1},${rows - 1}`);
    for (let i = 0; i < rows; i += 9973) expect(lines[i + 1]).toBe(`${i},name-${"x".repeat(20)}-${i},${i}`);
  });

  it("is E_IO naming the path when the directory does not exist or the path is a directory", async () => {
    const missing = join(directory, "no-such-dir", "out.csv");
    const error = await failure(() => createTableWriter(missing, CSV));
    expect(isCalibraError(error, "E_IO")).toBe(true);
    expect(error.message).toBe(
      `cannot write ${missing}: no such file or directory. The directory ${join(directory, "no-such-dir")} does not exist; create it first.`,
    );
    const folder = await failure(() => createTableWriter(directory, CSV));
    expect(isCalibraError(folder, "E_IO")).toBe(true);
    expect(folder.message).toBe(`cannot write ${directory}: it is a directory, not a file.`);
  });

  it("is E_IO naming the path when a parent of it is a file, not a directory", async () => {
    // Root may write into a read-only directory, so a file in the way is the failure every user meets alike.
    const blocker = join(directory, "not-a-directory");
    await writeFile(blocker, "x");
    const target = join(blocker, "out.csv");
    const error = await failure(() => createTableWriter(target, CSV));
    expect(isCalibraError(error, "E_IO")).toBe(true);
    expect(error.message).toContain(`cannot write ${target}`);
  });
});
