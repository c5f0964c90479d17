import { assertModelConformance } from "@calibra/core/testing";
import { describe, it } from "vitest";
import { exportOnnx, loadOnnxModel } from "../src/index.js";
import { asTwoLogits, cancer, cancerBatch, logisticJson, mlpJson, referenceOutputs } from "./models.js";

describe("core's model contract, against backend-ts's float64 forward pass", () => {
  it.each([
    ["logistic, float32", logisticJson, "float32", 1e-5],
    ["MLP, float32", mlpJson, "float32", 1e-5],
    ["MLP, float64", mlpJson, "float64", 1e-12],
    ["MLP with two logits, float64", asTwoLogits(mlpJson), "float64", 1e-12],
  ] as const)("holds for %s", async (_, json, dtype, tolerance) => {
    const bytes = exportOnnx(json, { dtype });
    await assertModelConformance({
      // Small chunks, so that the batch is split and the last chunk is partial.
      load: () => loadOnnxModel(bytes, { batchSize: 100 }),
      batch: cancerBatch,
      expected: referenceOutputs(json, cancer.features, cancer.rows),
      tolerance,
    });
  });
});
