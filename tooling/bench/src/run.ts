import { benchCore } from "./core.bench.js";

/** Row counts to benchmark; `BENCH_ROWS=1000000` narrows the run. */
const sizes = (process.env.BENCH_ROWS ?? "1000000,10000000").split(",").map(Number);

for (const rows of sizes) {
  console.log(`\n## ${rows.toLocaleString("en")} rows`);
  benchCore(rows);
}
