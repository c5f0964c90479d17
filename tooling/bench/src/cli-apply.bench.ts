import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { platt } from "@calibra/calibrator-platt";
import { encodeLabels, fitPipeline, seededUniform, sigmoid } from "@calibra/core";
import { fixed } from "@calibra/thresholds";

const here = dirname(fileURLToPath(import.meta.url));
/** The built `calibra` binary. */
const BIN = join(here, "..", "..", "..", "packages", "cli", "dist", "bin.js");

/** Characters gathered before each write, when generating the input and in the line-copy baseline. */
const WRITE_PIECE_CHARS = 1 << 20;

/** Writes `rows` rows of `id,logit,churn` (logits uniform in [−4, 4], labels drawn from their sigmoid). */
async function generateCsv(path: string, rows: number): Promise<void> {
  const uniform = seededUniform(99);
  const out = createWriteStream(path);
  let text = "id,logit,churn\n";
  for (let i = 0; i < rows; i++) {
    const logit = uniform() * 8 - 4;
    text += `${i},${logit},${uniform() < sigmoid(logit) ? "Yes" : "No"}\n`;
    if (text.length >= WRITE_PIECE_CHARS) {
      if (!out.write(text)) await once(out, "drain");
      text = "";
    }
  }
  out.end(text);
  await once(out, "finish");
}

/** The baseline: a plain streaming read-and-write of the file, line by line (readline), in this process. */
async function lineCopy(input: string, output: string): Promise<void> {
  const out = createWriteStream(output);
  let text = "";
  for await (const line of createInterface({
    input: createReadStream(input),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    text += `${line}\n`;
    if (text.length >= WRITE_PIECE_CHARS) {
      if (!out.write(text)) await once(out, "drain");
      text = "";
    }
  }
  out.end(text);
  await once(out, "finish");
}

function seconds(run: () => unknown): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

async function secondsAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/**
 * `calibra apply` end to end — a fresh process of the built binary, its start-up included — on a CSV of `rows`
 * rows, against a line-by-line streaming copy of the same file in the same run. The target: apply at more
 * than half the speed of the plain read-and-write (speed ratio > 0.5).
 */
export async function benchCliApply(rows: number): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), "calibra-bench-cli-"));
  try {
    const input = join(directory, "scores.csv");
    await generateCsv(input, rows);
    const fitRows = 10_000;
    const uniform = seededUniform(5);
    const z = Float64Array.from({ length: fitRows }, () => uniform() * 8 - 4);
    const labels = encodeLabels(
      Array.from(z, (v) => (uniform() < sigmoid(v) ? "Yes" : "No")),
      { positive: "Yes" },
    );
    const pipeline = fitPipeline({ raw: z, labels, calibrator: platt(), thresholder: fixed(0.3) });
    const spec = { ...pipeline.toJSON(), fit: { ...pipeline.toJSON().fit, scoreColumns: ["logit"] } };
    writeFileSync(join(directory, "pipeline.json"), JSON.stringify(spec));

    const runs = rows <= 1_000_000 ? 3 : 1;
    const copies: number[] = [];
    const applies: number[] = [];
    for (let k = 0; k < runs; k++) {
      copies.push(await secondsAsync(() => lineCopy(input, join(directory, "copy.csv"))));
      applies.push(
        seconds(() => {
          const result = spawnSync(
            process.execPath,
            [BIN, "apply", "--pipeline", "pipeline.json", "--data", "scores.csv", "-o", "out.csv", "--quiet"],
            { cwd: directory, encoding: "utf8" },
          );
          if (result.status !== 0) throw new Error(`calibra apply failed: ${result.stderr}`);
        }),
      );
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const copy = median(copies);
    const apply = median(applies);
    const megabytes = statSync(input).size / 1e6;
    console.log(
      `\ncalibra apply on a ${rows.toLocaleString("en")}-row CSV (${megabytes.toFixed(0)} MB), median of ${runs}`,
    );
    console.log('| case | seconds | rows/s | speed relative to "line copy" |');
    console.log("| --- | ---: | ---: | ---: |");
    console.log(
      `| line copy (readline → write stream) | ${copy.toFixed(2)} | ${Math.round(rows / copy).toLocaleString("en")} | 1.00 |`,
    );
    console.log(
      `| calibra apply (fresh process) | ${apply.toFixed(2)} | ${Math.round(rows / apply).toLocaleString("en")} | ${(copy / apply).toFixed(2)} |`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
