import { describe, expect, it } from "vitest";
import type { CalibraModelJson, LayerActivation } from "./model-format.js";
import { loadTsModel } from "./ts-model.js";

// inputs [3, 2] and [−1, 10], standardised with mean [1, 2], scale [2, 4] → [1, 0] and [−1, 2];
// hidden pre-activations W₁x' + b₁ = [1, −0.5] and [−3, 2.5]; output 2·h₁ − 3·h₂ + 0.5.
function tinyMlp(activation: LayerActivation): CalibraModelJson {
  return {
    format: "calibra.model",
    version: 1,
    kind: "mlp",
    inputs: 2,
    standardize: { mean: [1, 2], scale: [2, 4] },
    layers: [
      {
        weights: [
          [1, -1],
          [0.5, 2],
        ],
        bias: [0, -1],
        activation,
      },
      { weights: [[2, -3]], bias: [0.5], activation: "linear" },
    ],
    output: "logit",
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const expected: Record<LayerActivation, [number, number]> = {
  relu: [2 * 1 - 3 * 0 + 0.5, 2 * 0 - 3 * 2.5 + 0.5],
  linear: [2 * 1 - 3 * -0.5 + 0.5, 2 * -3 - 3 * 2.5 + 0.5],
  tanh: [2 * Math.tanh(1) - 3 * Math.tanh(-0.5) + 0.5, 2 * Math.tanh(-3) - 3 * Math.tanh(2.5) + 0.5],
  sigmoid: [2 * sigmoid(1) - 3 * sigmoid(-0.5) + 0.5, 2 * sigmoid(-3) - 3 * sigmoid(2.5) + 0.5],
};

describe("forward pass", () => {
  for (const activation of ["relu", "tanh", "sigmoid", "linear"] as const) {
    it(`matches hand-computed outputs with ${activation} hidden units`, async () => {
      const model = await loadTsModel(tinyMlp(activation));
      const output = await model.predict({ data: new Float64Array([3, 2, -1, 10]), rows: 2, columns: 2 });
      expect(output.rows).toBe(2);
      expect(output.columns).toBe(1);
      expect(output.data[0]).toBeCloseTo(expected[activation][0], 14);
      expect(output.data[1]).toBeCloseTo(expected[activation][1], 14);
    });
  }

  it("gives the literal relu values 2.5 and −7 and accepts Float32Array input", async () => {
    const model = await loadTsModel(tinyMlp("relu"));
    const output = await model.predict({ data: new Float32Array([3, 2, -1, 10]), rows: 2, columns: 2 });
    expect(output.data).toBeInstanceOf(Float64Array);
    expect(Array.from(output.data)).toEqual([2.5, -7]);
  });

  it("returns two logits per row for a logits2 model, without standardisation", async () => {
    const model = await loadTsModel({
      format: "calibra.model",
      version: 1,
      kind: "logistic",
      inputs: 3,
      layers: [
        {
          weights: [
            [1, 2, 3],
            [-1, 0, 0.5],
          ],
          bias: [0.25, -0.25],
          activation: "linear",
        },
      ],
      output: "logits2",
    });
    expect(model.suggestedActivation).toBe("softmax2");
    expect(model.outputs[0]?.shape).toEqual([null, 2]);
    const output = await model.predict({ data: new Float64Array([1, 1, 1, 2, 0, -2]), rows: 2, columns: 3 });
    expect(output.columns).toBe(2);
    expect(Array.from(output.data)).toEqual([6.25, -0.75, -3.75, -3.25]);
  });

  it("handles an empty batch", async () => {
    const model = await loadTsModel(tinyMlp("tanh"));
    const output = await model.predict({ data: new Float64Array(0), rows: 0, columns: 2 });
    expect(output.data.length).toBe(0);
  });
});
