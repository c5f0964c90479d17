/**
 * A seeded xorshift32 generator of uniforms in (0, 1): the same stream on every run and machine, for fold
 * assignment and test data. Not for anything that needs statistical strength beyond shuffling.
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 0.5) / 4294967296;
  };
}
