import { basename } from "node:path";
import { CalibraError, ErrorCodes, seededUniform } from "@calibra/core";
import type { Command } from "commander";
import { type CliEnvironment, type CommonOptions, note } from "../cli-io.js";
import { withCommonOptions } from "../common-options.js";
import { listOption } from "../feature-columns.js";
import {
  columnIndex,
  createTableWriter,
  openTable,
  readStrings,
  selectRows,
  type TableWriter,
} from "../io/index.js";

interface SplitOptions extends CommonOptions {
  data: string;
  fractions: string;
  stratify?: string;
  seed: string;
  output: string;
}

const EXAMPLES = `
Examples:
  $ calibra split --data telco_churn.csv --fractions 0.5,0.25,0.25 --stratify churn \\
      -o train.csv,calibration.csv,test.csv
  $ calibra split --data scores.jsonl --fractions 0.8,0.2 --seed 7 -o fit.jsonl,holdout.jsonl

Splits the rows of a file into parts at random (seeded), each in the input's format with the header and the rows in
their original order. With --stratify COLUMN every value of that column (each class) is split in the same
proportions, exactly up to rounding: the calibration and test sets then keep the training prevalence.`;

/** Part index per row for a stratified split: each class's rows shuffled (seeded) and cut at the fractions. */
function stratifiedAssignment(
  classes: readonly string[],
  fractions: readonly number[],
  seed: number,
): Uint8Array {
  const byClass = new Map<string, number[]>();
  classes.forEach((value, row) => {
    const rows = byClass.get(value);
    if (rows) rows.push(row);
    else byClass.set(value, [row]);
  });
  const random = seededUniform(seed);
  const assignment = new Uint8Array(classes.length);
  for (const rows of byClass.values()) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as number, rows[i] as number];
    }
    let start = 0;
    let cumulative = 0;
    fractions.forEach((fraction, part) => {
      cumulative += fraction;
      const end = part === fractions.length - 1 ? rows.length : Math.round(cumulative * rows.length);
      for (let k = start; k < end; k++) assignment[rows[k] as number] = part;
      start = end;
    });
  }
  return assignment;
}

async function runSplit(options: SplitOptions, environment: CliEnvironment): Promise<void> {
  const fractions = (listOption(options.fractions) ?? []).map(Number);
  const outputs = listOption(options.output) ?? [];
  const total = fractions.reduce((sum, f) => sum + f, 0);
  if (fractions.length < 2 || fractions.some((f) => !(f > 0)) || Math.abs(total - 1) > 1e-9) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `--fractions must be two or more positive numbers adding up to 1, got "${options.fractions}".`,
    );
  }
  if (outputs.length !== fractions.length) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `-o names ${outputs.length} file(s) for ${fractions.length} fractions: give one output per part, comma-separated.`,
    );
  }
  const seed = Number(options.seed);
  const file = basename(options.data);
  let assignment: Uint8Array | undefined;
  if (options.stratify !== undefined) {
    const reader = await openTable(options.data);
    const index = columnIndex(reader.columns, options.stratify, file);
    const values: string[] = [];
    for await (const batch of reader) for (const value of readStrings(batch, index)) values.push(value);
    assignment = stratifiedAssignment(values, fractions, seed);
  }
  const reader = await openTable(options.data);
  const writers: TableWriter[] = [];
  const counts = fractions.map(() => 0);
  try {
    for (const output of outputs) writers.push(await createTableWriter(output, reader.format));
    const random = seededUniform(seed);
    const cumulative = fractions.map((_, k) => fractions.slice(0, k + 1).reduce((a, b) => a + b, 0));
    for await (const batch of reader) {
      const parts: number[][] = fractions.map(() => []);
      for (let i = 0; i < batch.rows; i++) {
        let part: number;
        if (assignment) part = assignment[batch.firstRow + i] as number;
        else {
          const u = random();
          part = cumulative.findIndex((edge) => u < edge);
          if (part < 0) part = fractions.length - 1;
        }
        (parts[part] as number[]).push(i);
      }
      for (const [part, rows] of parts.entries()) {
        if (rows.length === 0) continue;
        counts[part] = (counts[part] as number) + rows.length;
        await (writers[part] as TableWriter).write(selectRows(batch, rows), []);
      }
    }
    for (const writer of writers) await writer.commit();
  } catch (error) {
    await Promise.all(writers.map((writer) => writer.abort()));
    throw error;
  }
  note(
    environment,
    options,
    `calibra split: ${file} → ${outputs.map((o, k) => `${o} (${counts[k]} rows)`).join(", ")}`,
  );
}

/** `calibra split`: seeded (optionally stratified) random split of a table into parts. */
export function registerSplit(program: Command, environment: CliEnvironment): void {
  withCommonOptions(program.command("split"))
    .description("split a table's rows at random (seeded, optionally stratified) into several files")
    .requiredOption("--data <file>", "the table: CSV (, ; or tab) or JSON Lines")
    .requiredOption(
      "--fractions <list>",
      "share of each part, comma-separated, adding up to 1 (e.g. 0.5,0.25,0.25)",
    )
    .option("--stratify <column>", "keep each value of this column (each class) in the same proportions")
    .option("--seed <n>", "seed of the random assignment", "0")
    .requiredOption("-o, --output <files>", "one output file per part, comma-separated")
    .addHelpText("after", EXAMPLES)
    .action((options: SplitOptions) => runSplit(options, environment));
}
