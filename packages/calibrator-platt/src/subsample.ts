import type { PlattProblem } from "./objective.js";
import type { Standardisation } from "./standardise.js";

/** A subsample of a Platt problem, with the class weights it holds (the fit needs both positive). */
export interface PlattSubsample {
  readonly problem: PlattProblem;
  readonly positiveWeight: number;
  readonly negativeWeight: number;
}

/**
 * Every `stride`-th row of `problem` — rows stride/2, stride/2 + stride, … (the middle of each block of `stride`
 * rows) — with its log-odds standardised by the FULL data's `map` (as `standardiseLogOdds` writes them), its label
 * and weight, and the full data's class targets (`problem.targets`, computed from the full row counts). A fit on it
 * therefore estimates the full data's optimum in the same coordinates, with a sampling error of about
 * 1/√(rows / stride).
 *
 * Systematic rather than random: deterministic, and stratified along whatever order the rows come in (sorted by
 * score, by label, or by time, every stretch of the data is represented in proportion). O(n / stride), allocates
 * the subsample's three arrays once.
 */
export function strideSubsample(problem: PlattProblem, map: Standardisation, stride: number): PlattSubsample {
  const { logOdds, labels, weights } = problem;
  const first = Math.floor(stride / 2);
  const rows = logOdds.length > first ? Math.floor((logOdds.length - 1 - first) / stride) + 1 : 0;
  const sampledLogOdds = new Float64Array(rows);
  const sampledLabels = new Uint8Array(rows);
  const sampledWeights = weights === undefined ? undefined : new Float64Array(rows);
  const { prescale, center } = map;
  const inverseScale = 1 / map.scale;
  let positiveWeight = 0;
  let negativeWeight = 0;
  for (let j = 0, i = first; j < rows; j++, i += stride) {
    const label = labels[i] as number;
    const weight = weights === undefined ? 1 : (weights[i] as number);
    sampledLogOdds[j] = ((logOdds[i] as number) * prescale - center) * inverseScale;
    sampledLabels[j] = label;
    if (sampledWeights !== undefined) sampledWeights[j] = weight;
    if (label === 1) positiveWeight += weight;
    else negativeWeight += weight;
  }
  return {
    problem: {
      logOdds: sampledLogOdds,
      labels: sampledLabels,
      weights: sampledWeights,
      targets: problem.targets,
    },
    positiveWeight,
    negativeWeight,
  };
}
