// Child process: fits one calibrator on a data file and prints its median time and peak extra memory as JSON.
// Each measurement runs in a fresh process so that peak memory (maxRSS) belongs to that fit alone.
import { readFileSync } from "node:fs";
import { CALIBRATORS } from "./methods.js";

const [method = "", prefix = "", runsArg = "3"] = process.argv.slice(2);
const create = CALIBRATORS[method];
if (!create) throw new Error(`unknown calibrator ${method}`);
const logOddsBytes = readFileSync(`${prefix}.logodds.f64`);
const logOdds = new Float64Array(logOddsBytes.buffer, logOddsBytes.byteOffset, logOddsBytes.byteLength / 8);
const labels = new Uint8Array(readFileSync(`${prefix}.labels.u8`));

const peakMiB = () => process.resourceUsage().maxRSS / 1024;
const before = peakMiB();
// One untimed fit first, so that the timed ones measure compiled code (scikit-learn's side gets the same warm-up).
create().fit(logOdds, labels);
const times: number[] = [];
for (let run = 0; run < Number(runsArg); run++) {
  const start = performance.now();
  create().fit(logOdds, labels);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    method,
    rows: logOdds.length,
    medianMs: times[Math.floor(times.length / 2)],
    peakExtraMiB: peakMiB() - before,
  }),
);
