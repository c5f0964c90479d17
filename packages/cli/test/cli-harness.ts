import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** The built binary, as `npm install -g @calibra/cli` would run it. */
export const BIN = join(here, "..", "dist", "bin.js");

/** This folder's fixtures (a test plugin). */
export const FIXTURES = join(here, "fixtures");

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `calibra ...args` in a fresh Node process, in `cwd`. */
export function calibra(args: readonly string[], cwd: string): CliResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build @calibra/cli first (pnpm build)`);
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 64 << 20,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary working directory, removed after the test file. */
export function workspace(prefix: string): { dir: string; path: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), `calibra-cli-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, path: (name: string) => join(dir, name) };
}

/** Writes a CSV from a header and rows (values joined with `delimiter`, no quoting needed by the callers). */
export function writeCsv(
  path: string,
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  delimiter = ",",
): void {
  const lines = [header.join(delimiter), ...rows.map((row) => row.join(delimiter))];
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/** Reads a CSV written by the CLI (no quoted fields in these tests) into header and rows of strings. */
export function readCsv(path: string, delimiter = ","): { header: string[]; rows: string[][] } {
  const [header = "", ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  return { header: header.split(delimiter), rows: lines.map((line) => line.split(delimiter)) };
}

/** One column of a CSV read with {@link readCsv}, as numbers. */
export function numberColumn(table: { header: string[]; rows: string[][] }, name: string): number[] {
  const index = table.header.indexOf(name);
  if (index < 0) throw new Error(`no column ${name} in ${table.header.join(",")}`);
  return table.rows.map((row) => Number(row[index]));
}
