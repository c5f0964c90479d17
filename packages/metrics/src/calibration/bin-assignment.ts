import type { BinningStrategy } from "./binning-options.js";
import { equalMassBin, equalMassBinEdges, sortedCopy } from "./equal-mass-bins.js";
import { equalWidthBin, equalWidthEdges } from "./equal-width-bins.js";

/** Which bin each row falls in, under one binning of the probabilities. */
export interface BinAssignment {
  readonly strategy: BinningStrategy;
  /** Number of bins: the number requested, or fewer for equal-mass bins when there are fewer rows or ties. */
  readonly bins: number;
  /**
   * B + 1 edges: bin k spans edges[k] to edges[k + 1]. For display; membership follows each strategy's rule
   * (equal-width: lower edge included; equal-mass: upper edge included).
   */
  readonly edges: Float64Array;
  /** The bin of every row, in [0, bins). */
  readonly binOfRow: Uint32Array;
}

/**
 * Assigns every probability to a bin: equal-width bin k = min(⌊p·B⌋, B − 1), or the equal-mass bins of
 * {@link equalMassBinEdges}. O(n) for equal width; for equal mass one sort and a binary search per row.
 */
export function assignBins(
  probabilities: Float64Array,
  bins: number,
  strategy: BinningStrategy,
): BinAssignment {
  const rows = probabilities.length;
  const binOfRow = new Uint32Array(rows);
  if (strategy === "equal-width") {
    for (let i = 0; i < rows; i++) binOfRow[i] = equalWidthBin(probabilities[i] as number, bins);
    return { strategy, bins, edges: equalWidthEdges(bins), binOfRow };
  }
  const upperEdges = equalMassBinEdges(sortedCopy(probabilities), bins);
  for (let i = 0; i < rows; i++) binOfRow[i] = equalMassBin(upperEdges, probabilities[i] as number);
  const edges = new Float64Array(upperEdges.length + 1);
  edges.set(upperEdges, 1);
  return { strategy, bins: upperEdges.length, edges, binOfRow };
}
