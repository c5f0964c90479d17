import { seededUniform } from "@calibra/core";
import { describe, expect, it } from "vitest";
import { activate } from "./forward-pass.js";
import type { LayerActivation } from "./model-format.js";
import { backpropagate, createLayers, type TrainableLayer } from "./train-mlp.js";

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** The training objective, written out directly: (1/B) Σ wᵢ [softplus(zᵢ) − yᵢ zᵢ] + (λ/2) Σ‖W‖². */
function objective(
  layers: TrainableLayer[],
  input: Float64Array,
  labels: Uint8Array,
  size: number,
  posWeight: number,
  l2: number,
): number {
  let loss = 0;
  for (let b = 0; b < size; b++) {
    let values = Array.from(input.subarray(b * (layers[0]?.inputs ?? 0), (b + 1) * (layers[0]?.inputs ?? 0)));
    for (const layer of layers) {
      values = Array.from({ length: layer.outputs }, (_, out) =>
        activate(
          layer.activation,
          values.reduce(
            (sum, value, j) => sum + (layer.weights[out * layer.inputs + j] as number) * value,
            layer.bias[out] as number,
          ),
        ),
      );
    }
    const z = values[0] as number;
    const y = labels[b] as number;
    loss += (y === 1 ? posWeight : 1) * (softplus(z) - y * z);
  }
  let penalty = 0;
  for (const layer of layers) for (const w of layer.weights) penalty += w * w;
  return loss / size + 0.5 * l2 * penalty;
}

describe("backpropagate", () => {
  for (const activation of ["relu", "tanh", "sigmoid"] as LayerActivation[]) {
    it(`matches central finite differences (${activation}, two hidden layers, posWeight 3, l2 0.1)`, () => {
      const uniform = seededUniform(11);
      const layers = createLayers([3, 4, 2, 1], activation, 8, uniform);
      const input = Float64Array.from({ length: 8 * 3 }, () => 4 * uniform() - 2);
      const labels = Uint8Array.from([1, 0, 0, 1, 1, 0, 1, 0]);
      const size = 7; // a partial batch: the last row must be ignored
      backpropagate(layers, input, labels, size, 3, 0.1);
      const step = 1e-6;
      let checked = 0;
      for (const layer of layers) {
        for (const [params, grads] of [
          [layer.weights, layer.weightGrad],
          [layer.bias, layer.biasGrad],
        ] as const) {
          for (let k = 0; k < params.length; k++) {
            const original = params[k] as number;
            params[k] = original + step;
            const up = objective(layers, input, labels, size, 3, 0.1);
            params[k] = original - step;
            const down = objective(layers, input, labels, size, 3, 0.1);
            params[k] = original;
            expect(grads[k]).toBeCloseTo((up - down) / (2 * step), 6);
            checked += 1;
          }
        }
      }
      expect(checked).toBe(3 * 4 + 4 + 4 * 2 + 2 + 2 + 1);
    });
  }
});
