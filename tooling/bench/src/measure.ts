/** One timed case: its label and the median wall time of its runs. */
export interface Timing {
  readonly label: string;
  readonly medianMs: number;
  readonly runs: number;
}

/** Runs `body` `warmups` times untimed, then `runs` times timed, and returns the median. */
export function time(label: string, body: () => unknown, runs = 7, warmups = 2): Timing {
  for (let i = 0; i < warmups; i++) body();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    body();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { label, medianMs: samples[Math.floor(samples.length / 2)] as number, runs };
}

/** A seeded xorshift generator, so every run benchmarks the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Prints timings as a table of milliseconds and ratios against the first (the baseline). */
export function report(title: string, timings: readonly Timing[]): void {
  const baseline = timings[0] as Timing;
  console.log(`\n${title}`);
  console.log(`| case | median ms | ratio to "${baseline.label}" |`);
  console.log("| --- | ---: | ---: |");
  for (const timing of timings) {
    console.log(
      `| ${timing.label} | ${timing.medianMs.toFixed(2)} | ${(timing.medianMs / baseline.medianMs).toFixed(2)} |`,
    );
  }
}
