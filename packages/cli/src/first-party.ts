import { onnxBackendPlugin } from "@calibra/backend-onnx";
import { tfjsBackendPlugin } from "@calibra/backend-tfjs";
import { tsBackendPlugin } from "@calibra/backend-ts";
import { betaPlugin } from "@calibra/calibrator-beta";
import { histogramPlugin } from "@calibra/calibrator-histogram";
import { isotonicPlugin } from "@calibra/calibrator-isotonic";
import { plattPlugin } from "@calibra/calibrator-platt";
import { temperaturePlugin } from "@calibra/calibrator-temperature";
import type { Plugin } from "@calibra/core";
import { thresholdsPlugin } from "@calibra/thresholds";

/**
 * The plugins the CLI always registers: every first-party calibrator, the thresholds and the three backends. The
 * order of the calibrators is the order `auto` tries them in, simplest first, so that ties go to the simpler one.
 */
export const FIRST_PARTY_PLUGINS: readonly Plugin[] = [
  temperaturePlugin,
  plattPlugin,
  betaPlugin,
  histogramPlugin,
  isotonicPlugin,
  thresholdsPlugin,
  tsBackendPlugin,
  onnxBackendPlugin,
  tfjsBackendPlugin,
];
