import fc from "fast-check";

/**
 * Independent, deliberately naive definitions (O(n²) or O(n·m)) that the tests compare the fast code against. They
 * share nothing with the package's sort-and-merge code: each walks the rows directly.
 */

/** A labelled, weighted row as the property tests generate them. */
export interface Row {
  readonly p: number;
  readonly y: number;
  readonly w: number;
}

/** Distinct probabilities of rows with positive weight, descending (−0 and +0 as one). */
export function distinctDescending(rows: readonly Row[]): number[] {
  const values = [...new Set(rows.filter((r) => r.w > 0).map((r) => r.p + 0))];
  return values.sort((a, b) => b - a);
}

/** Weighted confusion counts of `p >= threshold` by summing over every row. */
export function bruteCounts(rows: readonly Row[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  let negatives = 0;
  for (const { p, y, w } of rows) {
    if (y === 1) positives += w;
    else negatives += w;
    if (p >= threshold) {
      if (y === 1) tp += w;
      else fp += w;
    }
  }
  return { tp, fp, positives, negatives };
}

/** P(score of a random positive > that of a random negative) + ½ P(tie), pairs weighted by w⁺·w⁻. */
export function bruteAuc(rows: readonly Row[]): number {
  let concordant2 = 0;
  let positiveWeight = 0;
  let negativeWeight = 0;
  for (const r of rows) {
    if (r.y === 1) positiveWeight += r.w;
    else negativeWeight += r.w;
  }
  for (const positive of rows) {
    if (positive.y !== 1) continue;
    for (const negative of rows) {
      if (negative.y !== 0) continue;
      const pair = positive.w * negative.w;
      if (positive.p > negative.p) concordant2 += 2 * pair;
      else if (positive.p === negative.p) concordant2 += pair;
    }
  }
  return concordant2 / (2 * positiveWeight * negativeWeight);
}

/** Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the distinct thresholds, descending, each counted over every row. */
export function bruteAveragePrecision(rows: readonly Row[]): number {
  let sum = 0;
  let recallBefore = 0;
  for (const threshold of distinctDescending(rows)) {
    const { tp, fp, positives } = bruteCounts(rows, threshold);
    const recall = tp / positives;
    sum += (recall - recallBefore) * (tp / (tp + fp));
    recallBefore = recall;
  }
  return sum;
}

/** Probabilities with many ties (multiples of ⅛), arbitrary doubles in [0, 1] and the extremes. */
export const probabilityArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 8 }).map((k) => k / 8),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 1e-300, 1 - 2 ** -53, 0.5),
);

/**
 * Rows with both classes present with positive weight (the first two rows are a positive and a negative of weight
 * 1); weights are small integers including 0, so that weighted sums are exact and comparisons can be exact.
 */
export const rowsArbitrary: fc.Arbitrary<Row[]> = fc
  .array(
    fc.record({
      p: probabilityArbitrary,
      y: fc.integer({ min: 0, max: 1 }),
      w: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 2, maxLength: 60 },
  )
  .map((rows): Row[] => [
    { ...(rows[0] as Row), y: 1, w: 1 },
    { ...(rows[1] as Row), y: 0, w: 1 },
    ...rows.slice(2),
  ]);

/** The columns of `rows`: probabilities, labels and weights. */
export function columns(rows: readonly Row[]) {
  return {
    p: Float64Array.from(rows, (r) => r.p),
    y: Uint8Array.from(rows, (r) => r.y),
    w: Float64Array.from(rows, (r) => r.w),
  };
}
