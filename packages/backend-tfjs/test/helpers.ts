import {
  type CalibraModelJson,
  compileModel,
  forwardPass,
  trainLogistic,
  trainMLP,
} from "@calibra/backend-ts";
import { CalibraError, type FeatureBatch } from "@calibra/core";
import { loadDataset } from "@calibra/fixtures";
import { expect } from "vitest";
import { type ModuleImporter, resolveTfjsRuntime, TFJS_MODULE, type TfjsNamespace } from "../src/index.js";

/** breast_cancer: 569 rows × 30 features, float64, malignant = 1. */
export const cancer = loadDataset("breast_cancer");

/** The whole data set as one batch. */
export const cancerBatch: FeatureBatch = {
  data: cancer.features,
  rows: cancer.rows,
  columns: cancer.columns,
};

/** Logistic regression as backend-ts trains it by default (standardised, l2 = 1e-4): logits up to about ±107. */
export const logisticJson: CalibraModelJson = trainLogistic(cancerBatch, cancer.labels);

/** A small seeded MLP (30 → 16 relu → 1), standardised. */
export const mlpJson: CalibraModelJson = trainMLP(cancerBatch, cancer.labels, {
  hidden: [16],
  epochs: 30,
  seed: 7,
});

/** A deeper tanh MLP (30 → 12 → 6 → 1), standardised, to exercise every converted activation but relu. */
export const tanhJson: CalibraModelJson = trainMLP(cancerBatch, cancer.labels, {
  hidden: [12, 6],
  activation: "tanh",
  epochs: 20,
  seed: 11,
});

/** backend-ts's float64 forward pass on the float64 features: the reference every tfjs output is held to. */
export function referenceOutputs(model: CalibraModelJson, batch: FeatureBatch = cancerBatch): Float64Array {
  return forwardPass(compileModel(model), batch.data, batch.rows);
}

/**
 * How far a float32 logit may be from the float64 reference: 1e-5, and for |z| > 10 1e-6·|z|. A float32 number
 * near 100 is only known to ±3.8e-6 (half an ulp, 2⁻¹⁸), and a 30-term float32 dot product that lands there
 * rounds a few times, so an absolute 1e-5 cannot hold for every logit of a model that reaches ±107.
 */
export function logitTolerance(reference: number): number {
  return 1e-5 * Math.max(1, Math.abs(reference) / 10);
}

/** The largest |tfjs − reference| and whether every value is within {@link logitTolerance}. */
export function compareOutputs(actual: ArrayLike<number>, reference: ArrayLike<number>) {
  expect(actual.length).toBe(reference.length);
  let maxAbs = 0;
  let maxAbsSmall = 0;
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    const expected = reference[i] as number;
    const difference = Math.abs((actual[i] as number) - expected);
    maxAbs = Math.max(maxAbs, difference);
    if (Math.abs(expected) <= 10) maxAbsSmall = Math.max(maxAbsSmall, difference);
    worst = Math.max(worst, difference / logitTolerance(expected));
  }
  return { maxAbs, maxAbsSmall, withinTolerance: worst <= 1 };
}

/** The code of the CalibraError a promise rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CalibraError);
    return (error as CalibraError).code;
  }
  throw new Error("expected a CalibraError");
}

/** The CalibraError a promise rejects with. */
export async function errorOf(promise: Promise<unknown>): Promise<CalibraError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CalibraError);
    return error as CalibraError;
  }
  throw new Error("expected a CalibraError");
}

/** The pure-JS tfjs namespace on the cpu backend (the process-wide tfjs engine every test shares). */
export async function cpuTf(): Promise<TfjsNamespace> {
  return (await resolveTfjsRuntime({ runtime: "cpu" })).tf;
}

/** The error Node raises for a package that is not installed. */
export function moduleNotFound(specifier: string): Error {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), {
    code: "ERR_MODULE_NOT_FOUND",
  });
}

/** An importer for which tfjs-node is not installed (whatever this machine has). */
export const withoutTfjsNode: ModuleImporter = async (specifier) => {
  if (specifier === TFJS_MODULE) return import("@tensorflow/tfjs");
  throw moduleNotFound(specifier);
};
