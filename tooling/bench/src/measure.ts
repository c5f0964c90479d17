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

/**
 * Times async cases in interleaved rounds (case A, case B, …, then again), so that a slow spell of a noisy
 * machine hits every case alike; returns each case's median over `runs` rounds after `warmups` untimed ones.
 */
export async function timeInterleaved(
  cases: readonly { readonly label: string; readonly body: () => Promise<unknown> }[],
  runs = 7,
  warmups = 1,
): Promise<Timing[]> {
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < warmups + runs; round++) {
    for (const [index, { body }] of cases.entries()) {
      const start = performance.now();
      await body();
      if (round >= warmups) samples[index]?.push(performance.now() - start);
    }
  }
  return cases.map(({ label }, index) => {
    const sorted = (samples[index] as number[]).sort((a, b) => a - b);
    return { label, medianMs: sorted[Math.floor(sorted.length / 2)] as number, runs };
  });
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
