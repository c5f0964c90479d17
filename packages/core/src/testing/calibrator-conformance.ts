import { sigmoidLogits } from "../builtins/factories.js";
import { calibratorFromParams } from "../components/calibrator.js";
import type { AnyCalibrator, AnyFittedCalibrator, Plugin } from "../contracts/plugin.js";
import { isCalibraError } from "../errors.js";
import { Pipeline } from "../pipeline/pipeline.js";
import { createRegistry } from "../registry.js";
import { loadPipeline } from "../spec/load.js";
import { type ConformanceDataset, conformanceDatasets, probeLogOdds } from "./datasets.js";

/** The outcome of one conformance check. */
export interface ConformanceCheck {
  /** What was checked, e.g. `outputs in [0, 1] (extreme logits)`. */
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed (empty when it passed). */
  readonly detail: string;
}

/** What to check. */
export interface CalibratorConformanceOptions {
  /** Makes the calibrator under test, with the options to test (for example `() => platt()`). */
  readonly create: () => AnyCalibrator;
  /** The plugin that provides it: the JSON round trip goes through a registry holding only core and this plugin. */
  readonly plugin: Plugin;
  /** Data sets to fit on (the kit's own set by default). */
  readonly datasets?: readonly ConformanceDataset[];
}

function check(name: string, run: () => string | undefined): ConformanceCheck {
  try {
    const problem = run();
    return { name, passed: problem === undefined, detail: problem ?? "" };
  } catch (error) {
    return { name, passed: false, detail: `threw ${(error as Error)?.stack ?? String(error)}` };
  }
}

function sameBits(a: Float64Array, b: Float64Array): string | undefined {
  if (a.length !== b.length) return `lengths differ: ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return `index ${i}: ${a[i]} vs ${b[i]}`;
  }
  return undefined;
}

function expectError(code: string, run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isCalibraError(error, code as never)) return undefined;
    return `expected a CalibraError ${code}, got ${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
  return `expected a CalibraError ${code}, but nothing was thrown`;
}

/**
 * Runs the calibrator contract against a calibrator factory and returns one result per check — plain data, no
 * test runner needed. Checks, on every data set: outputs are probabilities in [0, 1] (never NaN) on a probe grid
 * that includes ±1e308 and ±∞; they are non-decreasing in the log-odds when the fitted calibrator says it is
 * monotone; `toJSON` → JSON text → registry → `predict` reproduces every prediction bit for bit, alone and inside
 * a pipeline spec; refitting gives identical parameters. And the input errors: NaN and infinite log-odds, one
 * class, a single row, no rows, mismatched lengths, labels other than 0/1, negative and NaN weights.
 */
export function checkCalibrator(options: CalibratorConformanceOptions): ConformanceCheck[] {
  const registry = createRegistry().use(options.plugin);
  const probe = probeLogOdds();
  const checks: ConformanceCheck[] = [];
  const datasets = options.datasets ?? conformanceDatasets();

  for (const dataset of datasets) {
    let fitted: AnyFittedCalibrator | undefined;
    const fit = () => options.create().fit(dataset.logOdds, dataset.labels, dataset.weights);
    checks.push(
      check(`fits (${dataset.name})`, () => {
        fitted = fit();
        return undefined;
      }),
    );
    if (fitted === undefined) continue;
    const calibrator = fitted;
    const predictions = calibrator.predict(probe);

    checks.push(
      check(`outputs in [0, 1] (${dataset.name})`, () => {
        for (let i = 0; i < probe.length; i++) {
          const p = predictions[i] as number;
          if (!(p >= 0 && p <= 1)) return `log-odds ${probe[i]} gave ${p}`;
        }
        const onData = calibrator.predict(dataset.logOdds);
        for (let i = 0; i < onData.length; i++) {
          const p = onData[i] as number;
          if (!(p >= 0 && p <= 1)) return `row ${i} (log-odds ${dataset.logOdds[i]}) gave ${p}`;
        }
        return undefined;
      }),
    );
    if (calibrator.monotone) {
      checks.push(
        check(`non-decreasing when monotone (${dataset.name})`, () => {
          for (let i = 1; i < probe.length; i++) {
            if ((predictions[i] as number) < (predictions[i - 1] as number)) {
              return `p(${probe[i - 1]}) = ${predictions[i - 1]} > p(${probe[i]}) = ${predictions[i]}`;
            }
          }
          return undefined;
        }),
      );
    }
    checks.push(
      check(`JSON round trip through the registry, bit for bit (${dataset.name})`, () => {
        const json = JSON.parse(JSON.stringify(calibrator.toJSON())) as { type: string; params: unknown };
        if (json.type !== calibrator.id) return `toJSON().type is ${json.type}, expected ${calibrator.id}`;
        const loaded = calibratorFromParams(registry.calibrator(json.type), json.params);
        return (
          sameBits(loaded.predict(probe), predictions) ??
          sameBits(loaded.predict(dataset.logOdds), calibrator.predict(dataset.logOdds))
        );
      }),
    );
    checks.push(
      check(`pipeline spec round trip (${dataset.name})`, () => {
        const pipeline = new Pipeline({
          classes: { positive: "positive", negative: "negative" },
          activation: sigmoidLogits(),
          calibrator,
        });
        const loaded = loadPipeline(JSON.stringify(pipeline.toJSON()), { registry });
        return sameBits(loaded.predictProba(probe), pipeline.predictProba(probe));
      }),
    );
    checks.push(
      check(`deterministic refit (${dataset.name})`, () => {
        const again = JSON.stringify(fit().toJSON());
        const first = JSON.stringify(calibrator.toJSON());
        return again === first
          ? undefined
          : `refit gave ${again.slice(0, 200)} instead of ${first.slice(0, 200)}`;
      }),
    );
  }

  const z = Float64Array.from([-2, -1, 0, 1, 2, 3]);
  const y = Uint8Array.from([0, 0, 1, 0, 1, 1]);
  const errorCases: [string, string, () => unknown][] = [
    [
      "NaN log-odds",
      "E_NAN_INPUT",
      () => options.create().fit(Float64Array.from([0, Number.NaN, 1, 2, 3, 4]), y),
    ],
    [
      "infinite log-odds",
      "E_NAN_INPUT",
      () => options.create().fit(Float64Array.from([0, 1, Number.POSITIVE_INFINITY, 2, 3, 4]), y),
    ],
    ["one class", "E_ONE_CLASS", () => options.create().fit(z, new Uint8Array(6).fill(1))],
    [
      "a single row",
      "E_ONE_CLASS",
      () => options.create().fit(Float64Array.from([0.5]), Uint8Array.from([1])),
    ],
    ["no rows", "E_EMPTY_INPUT", () => options.create().fit(new Float64Array(0), new Uint8Array(0))],
    ["mismatched lengths", "E_LENGTH_MISMATCH", () => options.create().fit(z, y.subarray(0, 5))],
    [
      "labels other than 0/1",
      "E_LABEL_CLASSES",
      () => options.create().fit(z, Uint8Array.from([0, 2, 1, 0, 1, 1])),
    ],
    [
      "negative weights",
      "E_INVALID_WEIGHTS",
      () => options.create().fit(z, y, Float64Array.from([1, 1, -1, 1, 1, 1])),
    ],
    [
      "NaN weights",
      "E_INVALID_WEIGHTS",
      () => options.create().fit(z, y, Float64Array.from([1, Number.NaN, 1, 1, 1, 1])),
    ],
    [
      "weights of the wrong length",
      "E_LENGTH_MISMATCH",
      () => options.create().fit(z, y, Float64Array.from([1, 1])),
    ],
    [
      "NaN at prediction",
      "E_NAN_INPUT",
      () =>
        options
          .create()
          .fit(z, y)
          .predict(Float64Array.from([0, Number.NaN])),
    ],
  ];
  for (const [name, code, run] of errorCases) {
    checks.push(check(`rejects ${name} with ${code}`, () => expectError(code, run)));
  }
  return checks;
}

/** Runs {@link checkCalibrator} and throws one error listing every failed check. */
export function assertCalibratorConformance(options: CalibratorConformanceOptions): void {
  const failures = checkCalibrator(options).filter((result) => !result.passed);
  if (failures.length > 0) {
    throw new Error(
      `calibrator conformance failed ${failures.length} check(s):\n` +
        failures.map((failure) => `- ${failure.name}: ${failure.detail}`).join("\n"),
    );
  }
}
