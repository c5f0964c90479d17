/**
 * An in-place ascending sort of float64 keys without a permutation, faster than the engine's comparator-free
 * `Float64Array.prototype.sort` on the 10⁵–10⁷ log-odds an isotonic fit sorts (about twice as fast on random
 * log-odds, measured in Node 20): a distribution (bucket) sort.
 *
 * One pass finds the keys' range; keys are then spread into equal-width value buckets,
 * `bucket = floor((key − min) · scale)` — one counting pass and one scattering pass — and each bucket is sorted on
 * its own: by insertion sort when small (it is in cache, and a few dozen keys are sorted fastest without a call
 * into native code), otherwise by the same procedure on the bucket's own range, so a skewed distribution (a dense
 * centre with far outliers) is refined where it is dense. The result is sorted because the bucket of a key is a
 * non-decreasing function of the key: rounded subtraction, multiplication by a positive number and `floor` each
 * preserve order. Buckets whose keys are all equal are left as they are; a range that cannot be scaled (one that
 * overflows, or a subnormal one) and a recursion deeper than {@link MAX_DEPTH} fall back to the native sort, so the
 * worst case is the native sort's O(n log n).
 *
 * −0 and +0 compare equal here and may come out in either order; every other pair of keys is ordered.
 */

/**
 * Keys per bucket on average: small enough that a bucket is sorted by insertion in cache, even where a normal
 * distribution's centre packs several times the average into a bucket. (Tuned on uniform, normal and
 * normal-with-outliers log-odds at 10⁶ and 10⁷ keys: 8–16 is best, 32 is 10–40% slower on normal data.)
 */
const BUCKET_ROWS = 16;
/**
 * At most this many buckets per level (2¹⁶): beyond that, the counters and write cursors no longer stay in cache
 * and the scattering pass slows down more than the smaller buckets gain; larger inputs get larger buckets, which
 * the next level splits again.
 */
const MAX_BUCKETS = 1 << 16;
/** Buckets of at most this many keys are sorted by insertion (O(k²) moves, but k is small and in cache). */
const INSERTION_SORT_MAX = 128;
/** Recursion depth after which a bucket is handed to the native sort (only adversarial spacing gets there). */
const MAX_DEPTH = 8;

/**
 * Sorts `keys` (finite or infinite, never NaN) ascending in place. `scratch`, when given, must hold at least as many
 * values as `keys`; its contents afterwards are unspecified.
 */
export function sortFloat64(keys: Float64Array, scratch?: Float64Array): void {
  // One scratch buffer for every level: sibling buckets occupy disjoint ranges of it. Callers that sort several
  // arrays pass one buffer for all of them: fresh memory costs page faults, a measurable share of a fit.
  if (scratch === undefined)
    scratch = keys.length > INSERTION_SORT_MAX ? new Float64Array(keys.length) : keys;
  sortRange(keys, scratch, 0, keys.length, 0);
}

function sortRange(
  keys: Float64Array,
  scratch: Float64Array,
  start: number,
  end: number,
  depth: number,
): void {
  const length = end - start;
  if (length <= INSERTION_SORT_MAX) {
    insertionSort(keys, start, end);
    return;
  }
  let min = keys[start] as number;
  let max = min;
  for (let i = start + 1; i < end; i++) {
    const key = keys[i] as number;
    if (key < min) min = key;
    else if (key > max) max = key;
  }
  // All keys equal: nothing to do.
  if (!(max > min)) return;
  const buckets = Math.min(MAX_BUCKETS, Math.ceil(length / BUCKET_ROWS));
  const scale = buckets / (max - min);
  if (depth >= MAX_DEPTH || !Number.isFinite(scale) || !Number.isFinite(max - min)) {
    keys.subarray(start, end).sort();
    return;
  }

  const last = buckets - 1;
  // starts[b + 1] counts bucket b, then the prefix sums make starts[b] its first slot.
  const starts = new Uint32Array(buckets + 1);
  for (let i = start; i < end; i++) {
    const bucket = Math.min(last, Math.floor(((keys[i] as number) - min) * scale));
    starts[bucket + 1] = (starts[bucket + 1] as number) + 1;
  }
  for (let bucket = 0; bucket < buckets; bucket++) {
    starts[bucket + 1] = (starts[bucket + 1] as number) + (starts[bucket] as number);
  }
  const cursors = starts.slice(0, buckets);
  for (let i = start; i < end; i++) {
    const key = keys[i] as number;
    const bucket = Math.min(last, Math.floor((key - min) * scale));
    const at = cursors[bucket] as number;
    cursors[bucket] = at + 1;
    scratch[start + at] = key;
  }
  keys.set(scratch.subarray(start, end), start);

  for (let bucket = 0; bucket < buckets; bucket++) {
    const from = start + (starts[bucket] as number);
    const to = start + (starts[bucket + 1] as number);
    if (to - from > 1) sortRange(keys, scratch, from, to, depth + 1);
  }
}

/** Insertion sort of `keys[start, end)`: stable, in place. */
function insertionSort(keys: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const key = keys[i] as number;
    let j = i - 1;
    while (j >= start && (keys[j] as number) > key) {
      keys[j + 1] = keys[j] as number;
      j--;
    }
    keys[j + 1] = key;
  }
}
