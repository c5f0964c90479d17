import { argsortFloat64 } from "@calibra/core";

/**
 * Inner edges, in log-odds, of at most `bins` bins that hold (close to) equal calibration weight, never splitting
 * rows that share a log-odds value.
 *
 * The rows are sorted and gathered into tie groups (rows with the same z). With W the total weight, each target
 * cumulative weight t_k = k·W/B (k = 1 … B − 1) is moved to the nearest boundary between tie groups (on an exact
 * tie between two boundaries, the lower one); targets that land on the ends or on a boundary already taken are
 * dropped, so fewer than B bins come out when a few values carry most of the weight (all rows equal: one bin).
 * Because each cut is within half a tie group of its target, every bin's weight is within one tie group of W/B.
 *
 * The edge between the groups with values a < b is their midpoint (a/2 + b/2, which cannot overflow), or b when
 * a and b are so close that the midpoint rounds onto a: a < edge ≤ b, so with "equal goes up" every row lands in
 * its group's bin, and a new score between a and b goes to the nearer side.
 *
 * Rows of weight 0 are ignored, exactly as if they were absent. Sorting: `Float64Array.prototype.sort` on a copy
 * without weights (only the keys are needed), else core's O(n) radix `argsortFloat64`.
 */
export function equalMassEdges(
  logOdds: Float64Array,
  weights: Float64Array | undefined,
  bins: number,
): Float64Array {
  const rows = logOdds.length;
  let sortedLogOdds: Float64Array;
  let sortedWeights: Float64Array | undefined;
  if (weights === undefined) {
    sortedLogOdds = Float64Array.from(logOdds).sort();
  } else {
    const order = argsortFloat64(logOdds);
    sortedLogOdds = new Float64Array(rows);
    sortedWeights = new Float64Array(rows);
    let kept = 0;
    for (let i = 0; i < rows; i++) {
      const row = order[i] as number;
      const weight = weights[row] as number;
      if (weight === 0) continue;
      sortedLogOdds[kept] = logOdds[row] as number;
      sortedWeights[kept] = weight;
      kept++;
    }
    sortedLogOdds = sortedLogOdds.subarray(0, kept);
    sortedWeights = sortedWeights.subarray(0, kept);
  }
  const kept = sortedLogOdds.length;

  // Boundaries between tie groups: boundaryWeight[j] is the weight below boundary j and boundaryRow[j] the first
  // sorted row above it. Boundary 0 is the lower end, the last one the upper end.
  const boundaryWeight = new Float64Array(kept + 1);
  const boundaryRow = new Uint32Array(kept + 1);
  let boundaries = 1;
  let cumulative = 0;
  for (let i = 0; i < kept; i++) {
    cumulative += sortedWeights === undefined ? 1 : (sortedWeights[i] as number);
    // −0 === +0, so the two zeros form one group.
    if (i + 1 === kept || sortedLogOdds[i + 1] !== sortedLogOdds[i]) {
      boundaryWeight[boundaries] = cumulative;
      boundaryRow[boundaries] = i + 1;
      boundaries++;
    }
  }
  const total = cumulative;

  const edges = new Float64Array(Math.max(bins - 1, 0));
  let edgeCount = 0;
  let lastCut = 0;
  let above = 1;
  for (let k = 1; k < bins; k++) {
    const target = (k * total) / bins;
    // The first boundary at or above the target (the upper end at most, whatever the rounding of k·W/B); the one
    // before it is below the target.
    while (above < boundaries - 1 && (boundaryWeight[above] as number) < target) above++;
    const below = above - 1;
    const cut =
      target - (boundaryWeight[below] as number) <= (boundaryWeight[above] as number) - target
        ? below
        : above;
    if (cut === 0 || cut === boundaries - 1 || cut === lastCut) continue;
    lastCut = cut;
    const firstAbove = boundaryRow[cut] as number;
    edges[edgeCount++] = edgeBetween(
      sortedLogOdds[firstAbove - 1] as number,
      sortedLogOdds[firstAbove] as number,
    );
  }
  return edges.slice(0, edgeCount);
}

/** A value e with a < e ≤ b: the midpoint of a < b when it lies strictly above a, else b. */
export function edgeBetween(a: number, b: number): number {
  const midpoint = a / 2 + b / 2;
  return midpoint > a && midpoint <= b ? midpoint : b;
}
