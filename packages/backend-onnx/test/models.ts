import {
  type CalibraModelJson,
  compileModel,
  forwardPass,
  trainLogistic,
  trainMLP,
} from "@calibra/backend-ts";
import type { FeatureBatch } from "@calibra/core";
import { loadDataset } from "@calibra/fixtures";

/** The breast-cancer fixture (569 rows × 30 features, malignant = 1) as a feature batch. */
export const cancer = loadDataset("breast_cancer");
export const cancerBatch: FeatureBatch = {
  data: cancer.features,
  rows: cancer.rows,
  columns: cancer.columns,
};

/** Logistic regression fitted by backend-ts (Newton, default L2); its logits reach about ±107. */
export const logisticJson: CalibraModelJson = trainLogistic(cancerBatch, cancer.labels, {
  featureNames: cancer.featureNames,
});

/** A small ReLU network trained by backend-ts: 30 → 8 → 1, five epochs, seeded. */
export const mlpJson: CalibraModelJson = trainMLP(cancerBatch, cancer.labels, {
  hidden: [8],
  epochs: 5,
  seed: 3,
});

/** A tanh network with two hidden layers, to cover every layer op but sigmoid in one graph. */
export const deepJson: CalibraModelJson = trainMLP(cancerBatch, cancer.labels, {
  hidden: [6, 4],
  activation: "tanh",
  epochs: 3,
  seed: 11,
});

/**
 * The same network with two class logits: the last layer's row v and bias c become [−v/2; v/2] and [−c/2, c/2],
 * so z₁ − z₀ equals the one-logit model's logit.
 */
export function asTwoLogits(json: CalibraModelJson): CalibraModelJson {
  const layers = json.layers.map((layer) => ({ ...layer }));
  const last = layers[layers.length - 1];
  if (!last || last.weights.length !== 1) throw new Error("needs a one-logit model");
  const row = last.weights[0] as number[];
  const bias = last.bias[0] as number;
  layers[layers.length - 1] = {
    weights: [row.map((w) => -w / 2), row.map((w) => w / 2)],
    bias: [-bias / 2, bias / 2],
    activation: "linear",
  };
  return { ...json, layers, output: "logits2" };
}

/** backend-ts's float64 forward pass: the reference every ONNX output is compared with. */
export function referenceOutputs(
  json: CalibraModelJson,
  features: Float32Array | Float64Array,
  rows: number,
) {
  return forwardPass(compileModel(json), features, rows);
}

/** max |a − b| over equal-length arrays; NaN when any difference is NaN; throws on a length mismatch. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = Math.abs((a[i] as number) - (b[i] as number));
    if (Number.isNaN(difference)) return Number.NaN;
    if (difference > max) max = difference;
  }
  return max;
}
