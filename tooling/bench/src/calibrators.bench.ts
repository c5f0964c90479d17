import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededUniform, sigmoid } from "@calibra/core";
import { CALIBRATORS, SKLEARN_METHODS } from "./calibrators/methods.js";
import { measureInNode, measureInPython, sklearnAvailable } from "./child-measurement.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Over-confident synthetic scores: z ~ N(0, 3²)-ish, labels ~ Bernoulli(σ(0.6·z − 0.4)). */
function writeSyntheticData(prefix: string, rows: number): void {
  const uniform = seededUniform(2026);
  const logOdds = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    // Box–Muller from two uniforms.
    const z = 3 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    logOdds[i] = z;
    labels[i] = uniform() < sigmoid(0.6 * z - 0.4) ? 1 : 0;
  }
  writeFileSync(`${prefix}.logodds.f64`, logOdds);
  writeFileSync(`${prefix}.labels.u8`, labels);
}

/** Fits every calibrator at each size; with scikit-learn installed, times its Platt and isotonic on the same file. */
export function benchCalibrators(rows: number): void {
  const directory = mkdtempSync(join(tmpdir(), "calibra-bench-"));
  const prefix = join(directory, `synthetic-${rows}`);
  try {
    writeSyntheticData(prefix, rows);
    const runs = rows <= 1_000_000 ? 5 : 1;
    const sklearn = sklearnAvailable();
    console.log(
      `\ncalibrator fits on ${rows.toLocaleString("en")} rows (median of ${runs}; peak = extra maxRSS)`,
    );
    console.log(
      `| calibrator | Calibra ms | Calibra peak MiB | ${sklearn ? "scikit-learn 1.2 ms | scikit-learn peak MiB | time ratio Calibra / scikit-learn |" : ""}`,
    );
    console.log(`| --- | ---: | ---: | ${sklearn ? "---: | ---: | ---: |" : ""}`);
    for (const method of Object.keys(CALIBRATORS)) {
      const ours = measureInNode(join(here, "calibrators", "fit-once.ts"), [method, prefix, String(runs)]);
      let theirs = "";
      if (sklearn && (SKLEARN_METHODS as readonly string[]).includes(method)) {
        const reference = measureInPython("sklearn_calibrators.py", [method, prefix, String(runs)]);
        theirs = `${reference.medianMs.toFixed(1)} | ${reference.peakExtraMiB.toFixed(1)} | ${(ours.medianMs / reference.medianMs).toFixed(3)} |`;
      } else if (sklearn) {
        theirs = "— | — | — |";
      }
      console.log(`| ${method} | ${ours.medianMs.toFixed(1)} | ${ours.peakExtraMiB.toFixed(1)} | ${theirs}`);
    }
    if (!sklearn)
      console.log(
        "(scikit-learn not found at /usr/bin/python3: `apt-get install -y python3-sklearn` for ratios)",
      );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
