import { assertModelConformance } from "@calibra/core/testing";
import { loadDataset } from "@calibra/fixtures";
import { describe, it } from "vitest";
import { trainLogistic } from "./train-logistic.js";
import { trainMLP } from "./train-mlp.js";
import { loadTsModel } from "./ts-model.js";

const cancer = loadDataset("breast_cancer");
const batch = { data: cancer.features, rows: cancer.rows, columns: cancer.columns };

describe("core's model contract", () => {
  it("holds for a logistic model, against logits computed by hand from its parameters", async () => {
    const json = trainLogistic(batch, cancer.labels, { l2: 1e-2 });
    const { mean, scale } = json.standardize ?? { mean: [], scale: [] };
    const layer = json.layers[0] as { weights: number[][]; bias: number[] };
    const expected = Array.from({ length: cancer.rows }, (_, row) => {
      let z = layer.bias[0] as number;
      for (let j = 0; j < cancer.columns; j++) {
        const x = cancer.features[row * cancer.columns + j] as number;
        z += (layer.weights[0]?.[j] as number) * ((x - (mean[j] as number)) / (scale[j] as number));
      }
      return z;
    });
    await assertModelConformance({ load: () => loadTsModel(json), batch, expected, tolerance: 1e-12 });
  });

  it("holds for a two-logit MLP", async () => {
    const json = trainMLP(batch, cancer.labels, { hidden: [8], epochs: 5, seed: 1 });
    const twoLogits = {
      ...json,
      output: "logits2" as const,
      layers: json.layers.map((layer, index) =>
        index === json.layers.length - 1
          ? {
              ...layer,
              weights: [
                layer.weights[0]?.map((w) => -w / 2) ?? [],
                layer.weights[0]?.map((w) => w / 2) ?? [],
              ],
              bias: [-(layer.bias[0] as number) / 2, (layer.bias[0] as number) / 2],
            }
          : layer,
      ),
    };
    await assertModelConformance({ load: () => loadTsModel(twoLogits), batch });
  });
});
