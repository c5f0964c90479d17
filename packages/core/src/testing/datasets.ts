import { seededUniform } from "../math/random.js";
import { sigmoid } from "../math/stable.js";

/** A labelled data set the conformance kit fits calibrators on. */
export interface ConformanceDataset {
  readonly name: string;
  readonly logOdds: Float64Array;
  readonly labels: Uint8Array;
  readonly weights?: Float64Array;
}

/** Rows whose labels are drawn from P(y = 1) = σ(slope·z + bias), with z spread uniformly over ±range. */
function drawn(
  name: string,
  rows: number,
  range: number,
  slope: number,
  bias: number,
  seed: number,
): ConformanceDataset {
  const uniform = seededUniform(seed);
  const logOdds = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const z = (uniform() * 2 - 1) * range;
    logOdds[i] = z;
    labels[i] = uniform() < sigmoid(slope * z + bias) ? 1 : 0;
  }
  // Both classes must be present whatever the draw.
  labels[0] = 1;
  labels[1] = 0;
  return { name, logOdds, labels };
}

/** The data sets every calibrator must handle: ordinary, over-confident, extreme, separated, tied, tiny, weighted. */
export function conformanceDatasets(seed = 20261123): ConformanceDataset[] {
  const ordinary = drawn("ordinary", 400, 4, 1, 0, seed);
  const overconfident = drawn("over-confident logits", 400, 40, 0.1, 0.3, seed + 1);
  const extreme = drawn("extreme logits (±3000)", 300, 3000, 0.002, 0, seed + 2);
  const separatedLogOdds = Float64Array.from({ length: 60 }, (_, i) => (i < 30 ? -5 - i / 10 : 5 + i / 10));
  const separatedLabels = Uint8Array.from({ length: 60 }, (_, i) => (i < 30 ? 0 : 1));
  const tiedLogOdds = new Float64Array(50).fill(1.5);
  const tiedLabels = Uint8Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0));
  const uniform = seededUniform(seed + 3);
  const weights = Float64Array.from(ordinary.logOdds, () => 0.1 + 3 * uniform());
  return [
    ordinary,
    overconfident,
    extreme,
    { name: "perfectly separated", logOdds: separatedLogOdds, labels: separatedLabels },
    { name: "all scores equal", logOdds: tiedLogOdds, labels: tiedLabels },
    { name: "two rows", logOdds: Float64Array.from([-1, 2]), labels: Uint8Array.from([0, 1]) },
    { name: "weighted", logOdds: ordinary.logOdds, labels: ordinary.labels, weights },
    {
      name: "weighted with zero weights",
      logOdds: ordinary.logOdds,
      labels: ordinary.labels,
      weights: weights.map((w, i) => (i % 7 === 3 ? 0 : w)),
    },
    crowded(seed + 4),
  ];
}

/** Scores crowded far from zero (700 ± 1e-7): differences live in the last few bits of each double. */
function crowded(seed: number): ConformanceDataset {
  const uniform = seededUniform(seed);
  const logOdds = new Float64Array(200);
  const labels = new Uint8Array(200);
  for (let i = 0; i < 200; i++) {
    const offset = (uniform() * 2 - 1) * 1e-7;
    logOdds[i] = 700 + offset;
    labels[i] = uniform() < 0.5 + offset * 2e6 ? 1 : 0;
  }
  labels[0] = 1;
  labels[1] = 0;
  return { name: "crowded far from zero (700 ± 1e-7)", logOdds, labels };
}

/** Log-odds at which predictions are checked: a grid, the extremes, and the infinities. */
export function probeLogOdds(): Float64Array {
  const grid: number[] = [];
  for (let z = -50; z <= 50; z += 0.25) grid.push(z);
  grid.push(-1e308, -5000, -745, -40.000001, 1e-300, -1e-300, 745, 5000, 1e308);
  grid.push(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  return Float64Array.from(grid).sort();
}
