/**
 * Sorting float64 keys in O(n): an LSD radix sort on the keys' IEEE-754 bit patterns, mapped to unsigned integers
 * that sort like the numbers (flip every bit of a negative, the sign bit of a non-negative). Six 11-bit passes
 * (2 048 buckets keep the write cursors in cache), each skipped when every key has the same digit there — the high
 * digits of log-odds in a narrow range, say. Keys travel with their indices so every pass reads sequentially.
 * Calibrators and metrics sort 10⁶–10⁷ scores; a comparator sort costs ~n log n calls into JavaScript, this costs
 * a few linear passes over typed arrays.
 */

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const DIGIT_MASK = RADIX - 1;
/** Digit positions within the two 32-bit halves: bits 0–10, 11–21 and 22–31 of each. */
const SHIFTS = [0, RADIX_BITS, 2 * RADIX_BITS] as const;
/** Below this many keys, a comparator sort of indices is cheaper than six passes over the counters. */
const SMALL_INPUT = 256;

function bump(counts: Uint32Array, at: number): void {
  counts[at] = (counts[at] as number) + 1;
}

/**
 * The permutation that sorts `keys` ascending, stably (equal keys keep their order). −0 sorts before +0; NaN keys
 * are not allowed (validate first). Written to `out` when given.
 */
export function argsortFloat64(keys: Float64Array, out?: Uint32Array): Uint32Array {
  const n = keys.length;
  const order = out ?? new Uint32Array(n);
  if (order.length < n) throw new RangeError(`output has ${order.length} slots for ${n} keys`);
  if (n < SMALL_INPUT) {
    for (let i = 0; i < n; i++) order[i] = i;
    const view = order.subarray(0, n);
    // The same order as the radix path: −0 before +0, and ties broken by index keep the sort stable.
    const sorted = Array.from(view).sort((a, b) => {
      const ka = keys[a] as number;
      const kb = keys[b] as number;
      if (ka !== kb) return ka < kb ? -1 : 1;
      return (Object.is(ka, -0) ? 0 : 1) - (Object.is(kb, -0) ? 0 : 1) || a - b;
    });
    view.set(sorted);
    return order;
  }

  // Ordered unsigned 64-bit keys as 32-bit halves, and all six digit histograms in one pass.
  const words = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  let index = new Uint32Array(n);
  const histograms = new Uint32Array(6 * RADIX);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i] as number;
    const hi = words[2 * i + 1] as number;
    const negative = hi >>> 31 === 1;
    const l = negative ? ~lo >>> 0 : lo;
    const h = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
    low[i] = l;
    high[i] = h;
    index[i] = i;
    bump(histograms, l & DIGIT_MASK);
    bump(histograms, RADIX + ((l >>> RADIX_BITS) & DIGIT_MASK));
    bump(histograms, 2 * RADIX + (l >>> (2 * RADIX_BITS)));
    bump(histograms, 3 * RADIX + (h & DIGIT_MASK));
    bump(histograms, 4 * RADIX + ((h >>> RADIX_BITS) & DIGIT_MASK));
    bump(histograms, 5 * RADIX + (h >>> (2 * RADIX_BITS)));
  }

  let nextLow = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  let nextIndex = new Uint32Array(n);
  for (let pass = 0; pass < 6; pass++) {
    const shift = SHIFTS[pass % 3] as number;
    const fromHigh = pass >= 3;
    const offset = pass * RADIX;
    const digitSource = fromHigh ? high : low;
    // Every key shares this digit: the pass would not move anything.
    if (histograms[offset + (((digitSource[0] as number) >>> shift) & DIGIT_MASK)] === n) continue;
    let total = 0;
    for (let d = 0; d < RADIX; d++) {
      const count = histograms[offset + d] as number;
      histograms[offset + d] = total;
      total += count;
    }
    for (let i = 0; i < n; i++) {
      const digit = ((digitSource[i] as number) >>> shift) & DIGIT_MASK;
      const position = histograms[offset + digit] as number;
      histograms[offset + digit] = position + 1;
      nextLow[position] = low[i] as number;
      nextHigh[position] = high[i] as number;
      nextIndex[position] = index[i] as number;
    }
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
    [index, nextIndex] = [nextIndex, index];
  }
  order.set(index);
  return order;
}
