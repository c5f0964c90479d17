import { benchBackends } from "./backends.bench.js";
import { benchCalibrationMetrics } from "./calibration-metrics.bench.js";
import { benchCalibrators } from "./calibrators.bench.js";
import { benchCliApply } from "./cli-apply.bench.js";
import { benchCore } from "./core.bench.js";
import { benchMetrics } from "./metrics.bench.js";

/** Row counts to benchmark; `BENCH_ROWS=1000000` narrows the run. */
const sizes = (process.env.BENCH_ROWS ?? "1000000,10000000").split(",").map(Number);
/** Suites to run; `BENCH_SUITES=calibrators` narrows the run. */
const suites = new Set((process.env.BENCH_SUITES ?? "core,calibrators,metrics,backends,cli").split(","));

for (const rows of sizes) {
  console.log(`\n## ${rows.toLocaleString("en")} rows`);
  if (suites.has("core")) benchCore(rows);
  if (suites.has("calibrators")) benchCalibrators(rows);
  if (suites.has("metrics")) {
    benchMetrics(rows);
    benchCalibrationMetrics(rows);
  }
  if (suites.has("backends")) await benchBackends(rows);
  if (suites.has("cli")) await benchCliApply(rows);
}
