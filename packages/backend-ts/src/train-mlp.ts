import { CalibraError, ErrorCodes, seededUniform, sigmoid } from "@calibra/core";
import { activate } from "./forward-pass.js";
import { type CalibraModelJson, type LayerActivation, MODEL_FORMAT, MODEL_VERSION } from "./model-format.js";
import { DEFAULT_L2 } from "./train-logistic.js";
import { checkOption, prepareTrainingData, type TrainingFeatures } from "./training-data.js";

/** Default hidden layer widths. */
export const DEFAULT_HIDDEN = [16] as const;
/** Default passes over the training rows. */
export const DEFAULT_EPOCHS = 100;
/** Default mini-batch size. */
export const DEFAULT_BATCH_SIZE = 32;
/** Default Adam step size. */
export const DEFAULT_LEARNING_RATE = 0.01;
/** Default seed of the initialisation and the shuffles. */
export const DEFAULT_SEED = 42;
/** Adam's moment decay rates and denominator epsilon (Kingma & Ba 2015; PyTorch's defaults). */
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/** Options of {@link trainMLP}. */
export interface MLPTrainingOptions {
  /** Hidden layer widths. Default [16]. */
  readonly hidden?: readonly number[];
  /** Hidden activation. Default "relu". */
  readonly activation?: Exclude<LayerActivation, "linear">;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  /** Seed for initialisation and mini-batch order: the same seed gives the same model. */
  readonly seed?: number;
  /** Weight of each positive row's loss, as PyTorch's `BCEWithLogitsLoss(pos_weight)`. Default 1. */
  readonly posWeight?: number;
  /** L2 penalty λ/2·‖W‖² on the weights (not biases), added to each mini-batch's mean loss. Default 1e-4. */
  readonly l2?: number;
  /** Standardise features (stored in the model) before training. Default true. */
  readonly standardize?: boolean;
  readonly featureNames?: readonly string[];
}

/** A layer being trained: parameters, their gradients and Adam moments, and batch scratch space. */
export interface TrainableLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly activation: LayerActivation;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly weightGrad: Float64Array;
  readonly biasGrad: Float64Array;
  readonly weightMoments: [Float64Array, Float64Array];
  readonly biasMoments: [Float64Array, Float64Array];
  /** Activations of the batch (batchSize × outputs) and back-propagated deltas. */
  readonly values: Float64Array;
  readonly deltas: Float64Array;
}

function derivative(activation: LayerActivation, value: number): number {
  switch (activation) {
    case "relu":
      return value > 0 ? 1 : 0;
    case "tanh":
      return 1 - value * value;
    case "sigmoid":
      return value * (1 - value);
    case "linear":
      return 1;
  }
}

function adamUpdate(
  params: Float64Array,
  grad: Float64Array,
  [m, v]: [Float64Array, Float64Array],
  rate: number,
  correction1: number,
  correction2: number,
): void {
  for (let k = 0; k < params.length; k++) {
    const g = grad[k] as number;
    const first = ADAM_BETA1 * (m[k] as number) + (1 - ADAM_BETA1) * g;
    const second = ADAM_BETA2 * (v[k] as number) + (1 - ADAM_BETA2) * g * g;
    m[k] = first;
    v[k] = second;
    params[k] =
      (params[k] as number) -
      (rate * (first / correction1)) / (Math.sqrt(second / correction2) + ADAM_EPSILON);
  }
}

/**
 * Layers of widths `widths[0] → … → widths[last]`, hidden ones with `activation`, the last linear; weights and
 * biases uniform in ±1/√fan_in from `uniform`; scratch buffers for batches of up to `batchSize` rows.
 * Internal to training (exported for the gradient test).
 */
export function createLayers(
  widths: readonly number[],
  activation: LayerActivation,
  batchSize: number,
  uniform: () => number,
): TrainableLayer[] {
  const layers: TrainableLayer[] = [];
  for (let l = 1; l < widths.length; l++) {
    const inputs = widths[l - 1] as number;
    const outputs = widths[l] as number;
    const bound = 1 / Math.sqrt(inputs);
    const weights = new Float64Array(outputs * inputs);
    for (let k = 0; k < weights.length; k++) weights[k] = (2 * uniform() - 1) * bound;
    const bias = new Float64Array(outputs);
    for (let k = 0; k < outputs; k++) bias[k] = (2 * uniform() - 1) * bound;
    layers.push({
      inputs,
      outputs,
      activation: l === widths.length - 1 ? "linear" : activation,
      weights,
      bias,
      weightGrad: new Float64Array(weights.length),
      biasGrad: new Float64Array(outputs),
      weightMoments: [new Float64Array(weights.length), new Float64Array(weights.length)],
      biasMoments: [new Float64Array(outputs), new Float64Array(outputs)],
      values: new Float64Array(batchSize * outputs),
      deltas: new Float64Array(batchSize * outputs),
    });
  }
  return layers;
}

/**
 * Forward and backward pass over the first `size` rows of `input`: fills every layer's `weightGrad` and
 * `biasGrad` with the gradient of (1/size) Σᵢ wᵢ [softplus(zᵢ) − yᵢ zᵢ] + (λ/2) Σ‖W‖². No allocation.
 * Internal to training (exported for the gradient test).
 */
export function backpropagate(
  layers: readonly TrainableLayer[],
  input: Float64Array,
  labels: Uint8Array,
  size: number,
  posWeight: number,
  l2: number,
): void {
  let below: Float64Array = input;
  for (const layer of layers) {
    const { weights, bias, values, activation } = layer;
    for (let b = 0; b < size; b++) {
      for (let out = 0; out < layer.outputs; out++) {
        let sum = bias[out] as number;
        for (let j = 0; j < layer.inputs; j++) {
          sum += (weights[out * layer.inputs + j] as number) * (below[b * layer.inputs + j] as number);
        }
        values[b * layer.outputs + out] = activate(activation, sum);
      }
    }
    below = values;
  }
  // Output delta: ∂(weighted mean loss)/∂z = w (σ(z) − y) / B.
  const last = layers[layers.length - 1] as TrainableLayer;
  for (let b = 0; b < size; b++) {
    const label = labels[b] as number;
    const weight = label === 1 ? posWeight : 1;
    last.deltas[b] = (weight * (sigmoid(last.values[b] as number) - label)) / size;
  }
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l] as TrainableLayer;
    const previousValues = l > 0 ? (layers[l - 1] as TrainableLayer).values : input;
    const { weights, weightGrad, biasGrad, deltas, inputs, outputs } = layer;
    for (let k = 0; k < weightGrad.length; k++) weightGrad[k] = l2 * (weights[k] as number);
    biasGrad.fill(0);
    for (let b = 0; b < size; b++) {
      for (let out = 0; out < outputs; out++) {
        const delta = deltas[b * outputs + out] as number;
        biasGrad[out] = (biasGrad[out] as number) + delta;
        for (let j = 0; j < inputs; j++) {
          weightGrad[out * inputs + j] =
            (weightGrad[out * inputs + j] as number) + delta * (previousValues[b * inputs + j] as number);
        }
      }
    }
    if (l > 0) {
      const previous = layers[l - 1] as TrainableLayer;
      for (let b = 0; b < size; b++) {
        for (let j = 0; j < inputs; j++) {
          let sum = 0;
          for (let out = 0; out < outputs; out++)
            sum += (weights[out * inputs + j] as number) * (deltas[b * outputs + out] as number);
          previous.deltas[b * inputs + j] =
            sum * derivative(previous.activation, previous.values[b * inputs + j] as number);
        }
      }
    }
  }
}

/**
 * Trains a multilayer perceptron with one output logit by Adam on seeded mini-batches and returns it as a
 * `kind: "mlp"` Calibra model. Weights and biases start uniform in ±1/√fan_in (PyTorch's `nn.Linear` default),
 * drawn from core's `seededUniform(seed)`, which also shuffles the rows every epoch. Each step minimises the batch's
 *
 *   (1/B) Σᵢ wᵢ [softplus(zᵢ) − yᵢ zᵢ] + (λ/2)‖W‖²,   wᵢ = posWeight if yᵢ = 1 else 1,
 *
 * i.e. PyTorch's `BCEWithLogitsLoss(pos_weight=posWeight)` plus weight decay on the weight matrices.
 */
export function trainMLP(
  features: TrainingFeatures,
  labels: ArrayLike<number>,
  options: MLPTrainingOptions = {},
): CalibraModelJson {
  const hidden = options.hidden ?? DEFAULT_HIDDEN;
  hidden.forEach((width, index) => {
    checkOption(`hidden[${index}]`, width, (v) => Number.isInteger(v) && v >= 1, "a positive integer");
  });
  const hiddenActivation = options.activation ?? "relu";
  if (!["relu", "tanh", "sigmoid"].includes(hiddenActivation)) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `activation must be "relu", "tanh" or "sigmoid", got ${String(hiddenActivation)}.`,
    );
  }
  const positiveInteger = (v: number) => Number.isInteger(v) && v >= 1;
  const epochs = checkOption(
    "epochs",
    options.epochs ?? DEFAULT_EPOCHS,
    positiveInteger,
    "a positive integer",
  );
  const batchSize = checkOption(
    "batchSize",
    options.batchSize ?? DEFAULT_BATCH_SIZE,
    positiveInteger,
    "a positive integer",
  );
  const learningRate = checkOption(
    "learningRate",
    options.learningRate ?? DEFAULT_LEARNING_RATE,
    (v) => v > 0,
    "> 0",
  );
  const seed = checkOption("seed", options.seed ?? DEFAULT_SEED, Number.isInteger, "an integer");
  const posWeight = checkOption("posWeight", options.posWeight ?? 1, (v) => v > 0, "> 0");
  const l2 = checkOption("l2", options.l2 ?? DEFAULT_L2, (v) => v >= 0, "≥ 0");
  const data = prepareTrainingData(features, labels, options.standardize ?? true, options.featureNames);
  const { rows, columns, labels: y } = data;
  const x = data.features;

  const uniform = seededUniform(seed);
  const layers = createLayers([columns, ...hidden, 1], hiddenActivation, batchSize, uniform);
  const batchInput = new Float64Array(batchSize * columns);
  const batchLabels = new Uint8Array(batchSize);
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  let step = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      const swap = order[i] as number;
      order[i] = order[j] as number;
      order[j] = swap;
    }
    for (let start = 0; start < rows; start += batchSize) {
      const size = Math.min(batchSize, rows - start);
      for (let b = 0; b < size; b++) {
        const row = order[start + b] as number;
        batchInput.set(x.subarray(row * columns, (row + 1) * columns), b * columns);
        batchLabels[b] = y[row] as number;
      }
      backpropagate(layers, batchInput, batchLabels, size, posWeight, l2);
      step += 1;
      const correction1 = 1 - ADAM_BETA1 ** step;
      const correction2 = 1 - ADAM_BETA2 ** step;
      for (const layer of layers) {
        adamUpdate(
          layer.weights,
          layer.weightGrad,
          layer.weightMoments,
          learningRate,
          correction1,
          correction2,
        );
        adamUpdate(layer.bias, layer.biasGrad, layer.biasMoments, learningRate, correction1, correction2);
      }
    }
  }

  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind: "mlp",
    inputs: columns,
    ...(data.standardize ? { standardize: data.standardize } : {}),
    layers: layers.map((layer) => ({
      weights: Array.from({ length: layer.outputs }, (_, out) =>
        Array.from(layer.weights.subarray(out * layer.inputs, (out + 1) * layer.inputs)),
      ),
      bias: Array.from(layer.bias),
      activation: layer.activation,
    })),
    output: "logit",
    ...(options.featureNames ? { featureNames: [...options.featureNames] } : {}),
  };
}
