/**
 * A total order on doubles as integers, so that a monotone function of a double can be searched bit by bit.
 *
 * Non-negative doubles already sort like their IEEE-754 bit patterns; negative ones sort in reverse. Mapping a
 * negative double to minus its magnitude's bits gives one integer line on which −∞ < … < −0 = +0 < … < +∞ and
 * neighbouring integers are neighbouring doubles.
 */

const SIGN_BIT = 0x8000000000000000n;
const MAGNITUDE_MASK = 0x7fffffffffffffffn;

const scratchFloat = new Float64Array(1);
const scratchBits = new BigUint64Array(scratchFloat.buffer);

/** The position of `x` on the ordered integer line (NaN is not allowed). */
export function doubleToOrderedKey(x: number): bigint {
  scratchFloat[0] = x;
  const bits = scratchBits[0] as bigint;
  return bits & SIGN_BIT ? -(bits & MAGNITUDE_MASK) : bits;
}

/** The double at position `key` of the ordered integer line. */
export function orderedKeyToDouble(key: bigint): number {
  scratchBits[0] = key < 0n ? -key | SIGN_BIT : key;
  return scratchFloat[0] as number;
}

/**
 * The smallest double z in [−∞, +∞] with `predicate(z)` true, for a predicate that is monotone (false … false,
 * true … true) on the doubles; `undefined` when it is false everywhere. At most 64 evaluations.
 */
export function smallestDoubleWhere(predicate: (z: number) => boolean): number | undefined {
  if (predicate(Number.NEGATIVE_INFINITY)) return Number.NEGATIVE_INFINITY;
  if (!predicate(Number.POSITIVE_INFINITY)) return undefined;
  let below = doubleToOrderedKey(Number.NEGATIVE_INFINITY); // predicate false here
  let atOrAbove = doubleToOrderedKey(Number.POSITIVE_INFINITY); // predicate true here
  while (atOrAbove - below > 1n) {
    const middle = below + (atOrAbove - below) / 2n;
    if (predicate(orderedKeyToDouble(middle))) atOrAbove = middle;
    else below = middle;
  }
  return orderedKeyToDouble(atOrAbove);
}
