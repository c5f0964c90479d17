import { loadDataset } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { trainMLP } from "./train-mlp.js";
import { loadTsModel } from "./ts-model.js";

const cancer = loadDataset("breast_cancer");
const batch = { data: cancer.features, rows: cancer.rows, columns: cancer.columns };

async function accuracy(model: ReturnType<typeof trainMLP>): Promise<number> {
  const { data } = await (await loadTsModel(model)).predict(batch);
  let correct = 0;
  for (let i = 0; i < cancer.rows; i++)
    if ((data[i] as number) >= 0 === (cancer.labels[i] === 1)) correct += 1;
  return correct / cancer.rows;
}

describe("trainMLP", () => {
  const model = trainMLP(batch, cancer.labels, { seed: 7 });

  it("refuses feature names that do not match the columns, before training", () => {
    expect(() => trainMLP(batch, cancer.labels, { featureNames: ["a", "b"] })).toThrow(
      expect.objectContaining({
        code: "E_INVALID_OPTIONS",
        message: expect.stringMatching(/2 names for 30 feature/),
      }),
    );
  });

  it("builds the requested architecture", () => {
    expect(model.kind).toBe("mlp");
    expect(model.output).toBe("logit");
    expect(
      model.layers.map((layer) => [layer.weights.length, layer.weights[0]?.length, layer.activation]),
    ).toEqual([
      [16, 30, "relu"],
      [1, 16, "linear"],
    ]);
  });

  it("fits breast cancer above 95% training accuracy", async () => {
    expect(await accuracy(model)).toBeGreaterThan(0.95);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    expect(trainMLP(batch, cancer.labels, { seed: 7 })).toEqual(model);
    expect(trainMLP(batch, cancer.labels, { seed: 8 }).layers[0]?.weights[0]).not.toEqual(
      model.layers[0]?.weights[0],
    );
  });

  it("trains deeper tanh and sigmoid networks with a ragged last batch", async () => {
    const deep = trainMLP(batch, cancer.labels, {
      hidden: [8, 4],
      activation: "tanh",
      epochs: 40,
      batchSize: 50,
    });
    expect(deep.layers.map((layer) => layer.activation)).toEqual(["tanh", "tanh", "linear"]);
    expect(await accuracy(deep)).toBeGreaterThan(0.95);
    const smooth = trainMLP(batch, cancer.labels, { hidden: [8], activation: "sigmoid", epochs: 60 });
    expect(await accuracy(smooth)).toBeGreaterThan(0.95);
  });

  it("raises the mean predicted probability with posWeight > 1", async () => {
    const meanProbability = async (posWeight: number) => {
      const trained = trainMLP(batch, cancer.labels, { posWeight, epochs: 30, l2: 0.01 });
      const { data } = await (await loadTsModel(trained)).predict(batch);
      return data.reduce((sum, z) => sum + 1 / (1 + Math.exp(-z)), 0) / cancer.rows;
    };
    expect(await meanProbability(5)).toBeGreaterThan((await meanProbability(1)) + 0.02);
  });

  it("validates its options", () => {
    expect(() => trainMLP(batch, cancer.labels, { hidden: [0] })).toThrow(
      /hidden\[0\] must be a positive integer/,
    );
    expect(() => trainMLP(batch, cancer.labels, { learningRate: 0 })).toThrow(
      expect.objectContaining({ code: "E_INVALID_OPTIONS" }),
    );
    expect(() => trainMLP(batch, cancer.labels, { activation: "linear" as "relu" })).toThrow(/activation/);
  });
});
