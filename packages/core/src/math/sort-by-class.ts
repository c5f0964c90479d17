import { sortFloat64 } from "./sort.js";

/**
 * The log-odds of each class, each sorted ascending, with no permutation: the fast path of unweighted fits and
 * rank metrics. Without weights, all an isotonic fit (or a ROC curve) needs from the sorted data is, for every distinct log-odds value, how
 * many rows hold it and how many of those are positive — and merging the two sorted classes gives exactly that.
 * Since no index travels with the keys, they can be sorted by {@link sortFloat64}, about twice as fast as the
 * native sort and several times faster than an argsort that moves indices along.
 */
export interface ClassSortedScores {
  /** Log-odds of the rows labelled 0, ascending (−0 and +0 in either order). */
  readonly negatives: Float64Array;
  /** Log-odds of the rows labelled 1, ascending (−0 and +0 in either order). */
  readonly positives: Float64Array;
  /** The sort's scratch space (one value per row, contents unspecified), free for the caller to reuse. */
  readonly scratch: Float64Array;
}

/** Splits finite `logOdds` by their 0/1 `labels` (one pass) and sorts each class ascending. */
export function sortByClass(logOdds: Float64Array, labels: Uint8Array): ClassSortedScores {
  const rows = logOdds.length;
  let positiveRows = 0;
  for (let i = 0; i < rows; i++) positiveRows += labels[i] as number;
  const negatives = new Float64Array(rows - positiveRows);
  const positives = new Float64Array(positiveRows);
  let negative = 0;
  let positive = 0;
  for (let i = 0; i < rows; i++) {
    if (labels[i] === 1) positives[positive++] = logOdds[i] as number;
    else negatives[negative++] = logOdds[i] as number;
  }
  const scratch = new Float64Array(rows);
  sortFloat64(negatives, scratch);
  sortFloat64(positives, scratch);
  return { negatives, positives, scratch };
}
