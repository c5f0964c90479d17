// Ranking metrics against scikit-learn 1.2 on the same data in the same run. Each measurement runs in a fresh
// process (this file re-run as a child: `node --import tsx metrics.bench.ts measure <case> <prefix> <runs>`), so that
// peak memory (maxRSS) belongs to that metric alone and neither side's timings are disturbed by the other's heap.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { seededUniform, sigmoid } from "@calibra/core";
import { averagePrecision, rocAuc } from "@calibra/metrics";
import {
  type Measurement as ChildMeasurement,
  measureInNode,
  measureInPython,
  sklearnAvailable,
} from "./child-measurement.js";

interface Measurement extends ChildMeasurement {
  readonly case: string;
  /** The metric's value, so the table can show that both sides computed the same number. */
  readonly value: number;
}

/** Both sides must agree to this (the unit tests hold them to it on the reference data). */
const AGREEMENT = 1e-12;
/** The "ties" case rounds probabilities to this step, as scores binned or printed to three decimals are. */
const TIE_STEP = 1e-3;

/** The cases timed, by the name scikit-learn's script knows them by, with the data each reads. */
const CASES = {
  roc_auc: { label: "rocAuc", scores: "proba", weighted: false },
  average_precision: { label: "averagePrecision", scores: "proba", weighted: false },
  roc_auc_ties: { label: "rocAuc, probabilities rounded to 0.001", scores: "ties", weighted: false },
  roc_auc_weighted: { label: "rocAuc, weighted", scores: "proba", weighted: true },
  average_precision_weighted: { label: "averagePrecision, weighted", scores: "proba", weighted: true },
} as const;
type CaseName = keyof typeof CASES;

/**
 * Probabilities of an over-confident model: p = σ(z) with z ~ N(0, 3²)-ish, labels ~ Bernoulli(σ(0.6·z − 0.4)), the
 * same probabilities rounded to 0.001 (many ties), and weights uniform in [0.5, 1.5).
 */
function writeSyntheticData(prefix: string, rows: number): void {
  const uniform = seededUniform(2027);
  const probabilities = new Float64Array(rows);
  const tied = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  const weights = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    // Box–Muller from two uniforms.
    const z = 3 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    probabilities[i] = sigmoid(z);
    tied[i] = Math.round(sigmoid(z) / TIE_STEP) * TIE_STEP;
    labels[i] = uniform() < sigmoid(0.6 * z - 0.4) ? 1 : 0;
    weights[i] = 0.5 + uniform();
  }
  writeFileSync(`${prefix}.proba.f64`, probabilities);
  writeFileSync(`${prefix}.ties.f64`, tied);
  writeFileSync(`${prefix}.labels.u8`, labels);
  writeFileSync(`${prefix}.weights.f64`, weights);
}

function readFloat64(path: string): Float64Array {
  const bytes = readFileSync(path);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

/** Child process: computes one case `runs` times after one untimed warm-up and prints the JSON measurement. */
function measureHere(name: CaseName, prefix: string, runs: number): void {
  const spec = CASES[name];
  const probabilities = readFloat64(`${prefix}.${spec.scores}.f64`);
  const labels = new Uint8Array(readFileSync(`${prefix}.labels.u8`));
  const weights = spec.weighted ? readFloat64(`${prefix}.weights.f64`) : undefined;
  const metric = name.startsWith("average_precision") ? averagePrecision : rocAuc;
  const peakMiB = () => process.resourceUsage().maxRSS / 1024;
  const before = peakMiB();
  // One untimed run first, so that the timed ones measure compiled code (scikit-learn's side gets the same warm-up).
  const value = metric(probabilities, labels, weights);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    metric(probabilities, labels, weights);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const measurement: Measurement = {
    case: name,
    rows: probabilities.length,
    medianMs: times[Math.floor(times.length / 2)] as number,
    peakExtraMiB: peakMiB() - before,
    value,
  };
  console.log(JSON.stringify(measurement));
}

/** Times rocAuc and averagePrecision at `rows` rows; with scikit-learn installed, its functions on the same files. */
export function benchMetrics(rows: number): void {
  const directory = mkdtempSync(join(tmpdir(), "calibra-bench-metrics-"));
  const prefix = join(directory, `synthetic-${rows}`);
  try {
    writeSyntheticData(prefix, rows);
    const runs = rows <= 1_000_000 ? 5 : 1;
    const sklearn = sklearnAvailable();
    console.log(
      `\nranking metrics on ${rows.toLocaleString("en")} rows (median of ${runs}; peak = extra maxRSS)`,
    );
    console.log(
      `| metric | Calibra ms | Calibra peak MiB | ${sklearn ? "scikit-learn 1.2 ms | scikit-learn peak MiB | time ratio Calibra / scikit-learn | values agree |" : ""}`,
    );
    console.log(`| --- | ---: | ---: | ${sklearn ? "---: | ---: | ---: | --- |" : ""}`);
    for (const name of Object.keys(CASES) as CaseName[]) {
      const ours = measureInNode<Measurement>(fileURLToPath(import.meta.url), [
        "measure",
        name,
        prefix,
        String(runs),
      ]);
      let theirs = "";
      if (sklearn) {
        const reference = measureInPython<Measurement>("sklearn_metrics.py", [name, prefix, String(runs)]);
        const difference = Math.abs(ours.value - reference.value);
        const agree = difference <= AGREEMENT ? "yes" : `NO (|Δ| = ${difference.toExponential(2)})`;
        theirs = `${reference.medianMs.toFixed(1)} | ${reference.peakExtraMiB.toFixed(1)} | ${(ours.medianMs / reference.medianMs).toFixed(3)} | ${agree} |`;
      }
      console.log(
        `| ${CASES[name].label} | ${ours.medianMs.toFixed(1)} | ${ours.peakExtraMiB.toFixed(1)} | ${theirs}`,
      );
    }
    if (!sklearn)
      console.log(
        "(scikit-learn not found at /usr/bin/python3: `apt-get install -y python3-sklearn` for ratios)",
      );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Run as the child process of measureOurs.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, name = "", prefix = "", runs = "3"] = process.argv.slice(2);
  if (mode !== "measure" || !(name in CASES))
    throw new Error(`usage: metrics.bench.ts measure <case> <prefix> <runs>`);
  measureHere(name as CaseName, prefix, Number(runs));
}
