// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: reference values are written out exactly as computed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { doubleToOrderedKey } from "./ordered-doubles.js";
import {
  logit,
  logitArray,
  logSigmoid,
  logSigmoidArray,
  sigmoid,
  sigmoidArray,
  softplus,
  softplusArray,
} from "./stable.js";

/** Distance in units in the last place: how many doubles lie between a and b. */
function ulps(a: number, b: number): number {
  return Math.abs(Number(doubleToOrderedKey(a) - doubleToOrderedKey(b)));
}

// x, sigmoid(x), logSigmoid(x), softplus(x): correctly rounded from 800-digit decimal arithmetic
// (Python's decimal module: 1/(1+exp(-x)), -ln(1+exp(-x)), ln(1+exp(x))).
const REFERENCE: readonly [number, number, number, number][] = [
  [0, 0.5, -0.6931471805599453, 0.6931471805599453],
  [1e-12, 0.50000000000025, -0.6931471805594454, 0.6931471805604453],
  [-1e-12, 0.49999999999975, -0.6931471805604453, 0.6931471805594454],
  [1, 0.7310585786300049, -0.3132616875182228, 1.3132616875182228],
  [-1, 0.2689414213699951, -1.3132616875182228, 0.3132616875182228],
  [30, 0.9999999999999064, -9.357622968839737e-14, 30.000000000000092],
  [-30, 9.357622968839299e-14, -30.000000000000092, 9.357622968839737e-14],
  [37, 0.9999999999999999, -8.533047625744066e-17, 37.0],
  [-37, 8.533047625744065e-17, -37.0, 8.533047625744066e-17],
  [709, 1.0, -1.216780750623423e-308, 709.0],
  [-709, 1.216780750623423e-308, -709.0, 1.216780750623423e-308],
  [740, 1.0, -4.2e-322, 740.0],
  [-740, 4.2e-322, -740.0, 4.2e-322],
  [745, 1.0, -5e-324, 745.0],
  [-745, 5e-324, -745.0, 5e-324],
  [800, 1.0, -0.0, 800.0],
  [-800, 0.0, -800.0, 0.0],
];

const MAX_ULPS = 2;

describe("sigmoid", () => {
  it.each(REFERENCE)("σ(%s) is within %s ulps of the high-precision value", (x, expected) => {
    expect(ulps(sigmoid(x), expected)).toBeLessThanOrEqual(MAX_ULPS);
  });

  it("is exact at -0, the subnormal range and beyond", () => {
    expect(sigmoid(-0)).toBe(0.5);
    expect(sigmoid(-740)).toBeGreaterThan(0);
    expect(sigmoid(-740)).toBeLessThan(Number.MIN_VALUE * 100);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });

  it("is correct at ±Infinity and propagates NaN only from NaN", () => {
    expect(sigmoid(Number.POSITIVE_INFINITY)).toBe(1);
    expect(sigmoid(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(sigmoid(Number.NaN)).toBeNaN();
  });

  it("is never NaN, stays in [0, 1] and is symmetric for any double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        const p = sigmoid(x);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        // σ(−x) = 1 − σ(x): exact where 1 − σ(x) is representable without cancellation.
        if (Math.abs(x) < 1) expect(Math.abs(sigmoid(-x) - (1 - p))).toBeLessThanOrEqual(2 ** -52);
      }),
      { numRuns: 2000 },
    );
  });

  it("is non-decreasing", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(sigmoid(lo)).toBeLessThanOrEqual(sigmoid(hi));
      }),
      { numRuns: 2000 },
    );
  });

  it("is non-decreasing on random pairs of neighbouring doubles", () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 60, noNaN: true }), (x) => {
        expect(sigmoid(nextUp(x))).toBeGreaterThanOrEqual(sigmoid(x));
      }),
      { numRuns: 20000 },
    );
  });

  it("is non-decreasing between neighbouring doubles around the branch point and at the tails", () => {
    for (const start of [-1e-300, -745.2, -37.0000001, -36.5, -1.5, -0.5, 0.5, 36.7]) {
      let x = start;
      let previous = sigmoid(x);
      for (let i = 0; i < 2000; i++) {
        x = nextUp(x);
        const p = sigmoid(x);
        expect(p).toBeGreaterThanOrEqual(previous);
        previous = p;
      }
    }
  });
});

describe("logSigmoid and softplus", () => {
  it.each(REFERENCE)("log σ(%s) and softplus are within 2 ulps of the reference", (x, _p, logP, soft) => {
    expect(ulps(logSigmoid(x), logP)).toBeLessThanOrEqual(MAX_ULPS);
    expect(ulps(softplus(x), soft)).toBeLessThanOrEqual(MAX_ULPS);
  });

  it("logSigmoid(-800) is -800 exactly, and both are right at ±Infinity", () => {
    expect(logSigmoid(-800)).toBe(-800);
    expect(logSigmoid(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSigmoid(Number.POSITIVE_INFINITY)).toBe(-0);
    expect(softplus(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(softplus(Number.NEGATIVE_INFINITY)).toBe(0);
  });

  it("logSigmoid(x) - logSigmoid(-x) = x (the log-odds identity) to rounding", () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        const difference = logSigmoid(x) - logSigmoid(-x);
        expect(Math.abs(difference - x)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(x)));
      }),
      { numRuns: 2000 },
    );
  });

  it("is never NaN for any non-NaN double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        expect(Number.isNaN(logSigmoid(x))).toBe(false);
        expect(softplus(x)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("logit", () => {
  it("inverts the sigmoid: σ(logit(p)) ≈ p for every probability", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
        const z = logit(p);
        const back = sigmoid(z);
        if (!Number.isFinite(z)) {
          expect(back).toBe(p);
          return;
        }
        // exp() turns the rounding of z (|z|·ε/2 absolute) into relative error: the round trip is conditioned
        // by |logit(p)|, so the bound scales with it.
        const bound = 4 * Number.EPSILON * Math.min(p, 1 - p) * (1 + Math.abs(z)) + 4 * Number.EPSILON * p;
        expect(Math.abs(back - p)).toBeLessThanOrEqual(bound + 1e-320);
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps relative precision for tiny probabilities and near 1", () => {
    expect(logit(1e-300)).toBeCloseTo(Math.log(1e-300), 12);
    expect(ulps(logit(0.5), 0)).toBe(0);
    // logit(1 - 2^-53) = log((1 - 2^-53) / 2^-53) = 53 log 2 + log1p(-2^-53).
    expect(ulps(logit(1 - 2 ** -53), 53 * Math.LN2 + Math.log1p(-(2 ** -53)))).toBeLessThanOrEqual(2);
    expect(ulps(logit(0.7310585786300049), 1)).toBeLessThanOrEqual(4);
  });

  it("maps 0 and 1 to ∓Infinity and rejects values outside [0, 1] with NaN", () => {
    expect(logit(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logit(1)).toBe(Number.POSITIVE_INFINITY);
    expect(logit(-0.1)).toBeNaN();
    expect(logit(1.1)).toBeNaN();
  });
});

describe("array versions", () => {
  it("match the scalar functions element by element, writing into `out` when given", () => {
    const xs = [-800, -30, -1, 0, 1e-12, 30, 745, Number.POSITIVE_INFINITY];
    expect(Array.from(sigmoidArray(xs))).toEqual(xs.map(sigmoid));
    expect(Array.from(logSigmoidArray(Float32Array.from([-3, 0, 3])))).toEqual([-3, 0, 3].map(logSigmoid));
    expect(Array.from(softplusArray(xs))).toEqual(xs.map(softplus));
    const inPlace = Float64Array.from([0.1, 0.5, 0.9]);
    const result = logitArray(inPlace, inPlace);
    expect(result).toBe(inPlace);
    expect(Array.from(result)).toEqual([0.1, 0.5, 0.9].map(logit));
  });

  it("refuses an output array that is too short", () => {
    expect(() => sigmoidArray([1, 2, 3], new Float64Array(2))).toThrow(RangeError);
  });
});

function nextUp(x: number): number {
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  if (x === 0) return Number.MIN_VALUE;
  bits[0] = (bits[0] as bigint) + (x > 0 ? 1n : -1n);
  return f[0] as number;
}
