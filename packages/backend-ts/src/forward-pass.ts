import type { CalibraModelJson, LayerActivation } from "./model-format.js";

/** One layer, flattened for the forward pass: `weights` is out × in, row-major. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly activation: LayerActivation;
}

/** A model flattened into typed arrays, ready for {@link forwardPass}. */
export interface CompiledModel {
  readonly inputs: number;
  readonly outputs: number;
  /** Per-feature mean and scale, or undefined for no standardisation. */
  readonly mean: Float64Array | undefined;
  readonly scale: Float64Array | undefined;
  readonly layers: readonly DenseLayer[];
  /** The widest layer (inputs included), for scratch buffers. */
  readonly maxWidth: number;
}

/** Flattens a validated model's nested arrays into typed arrays once, at load time. */
export function compileModel(model: CalibraModelJson): CompiledModel {
  let maxWidth = model.inputs;
  let inputs = model.inputs;
  const layers = model.layers.map((layer) => {
    const outputs = layer.weights.length;
    const weights = new Float64Array(outputs * inputs);
    layer.weights.forEach((row, out) => {
      weights.set(row, out * inputs);
    });
    const dense: DenseLayer = {
      inputs,
      outputs,
      weights,
      bias: Float64Array.from(layer.bias),
      activation: layer.activation,
    };
    inputs = outputs;
    maxWidth = Math.max(maxWidth, outputs);
    return dense;
  });
  return {
    inputs: model.inputs,
    outputs: inputs,
    mean: model.standardize ? Float64Array.from(model.standardize.mean) : undefined,
    scale: model.standardize ? Float64Array.from(model.standardize.scale) : undefined,
    layers,
    maxWidth,
  };
}

/** Applies a layer activation to one pre-activation value. */
export function activate(activation: LayerActivation, value: number): number {
  switch (activation) {
    case "relu":
      return value > 0 ? value : 0;
    case "tanh":
      return Math.tanh(value);
    case "sigmoid":
      return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
    case "linear":
      return value;
  }
}

/**
 * Runs the model on `rows` row-major feature rows of `model.inputs` columns and returns the `rows × outputs`
 * raw outputs. Accumulates in float64; allocates two scratch vectors per call and nothing per row.
 * The caller has checked `features.length === rows · model.inputs`.
 */
export function forwardPass(
  model: CompiledModel,
  features: Float32Array | Float64Array,
  rows: number,
): Float64Array {
  const { inputs, outputs, mean, scale, layers, maxWidth } = model;
  const result = new Float64Array(rows * outputs);
  let current = new Float64Array(maxWidth);
  let next = new Float64Array(maxWidth);
  for (let row = 0; row < rows; row++) {
    const offset = row * inputs;
    if (mean && scale) {
      for (let j = 0; j < inputs; j++)
        current[j] = ((features[offset + j] as number) - (mean[j] as number)) / (scale[j] as number);
    } else {
      for (let j = 0; j < inputs; j++) current[j] = features[offset + j] as number;
    }
    for (const layer of layers) {
      const { weights, bias, activation } = layer;
      const width = layer.inputs;
      for (let out = 0; out < layer.outputs; out++) {
        let sum = bias[out] as number;
        const base = out * width;
        for (let j = 0; j < width; j++) sum += (weights[base + j] as number) * (current[j] as number);
        next[out] = activate(activation, sum);
      }
      const swap = current;
      current = next;
      next = swap;
    }
    for (let out = 0; out < outputs; out++) result[row * outputs + out] = current[out] as number;
  }
  return result;
}
