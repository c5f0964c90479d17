import type { CalibraModelJson } from "@calibra/backend-ts";
import { afterAll, describe, expect, it } from "vitest";
import { exportOnnx, loadOnnxModel } from "../src/index.js";
import {
  asTwoLogits,
  cancer,
  cancerBatch,
  deepJson,
  logisticJson,
  maxAbsDifference,
  mlpJson,
  referenceOutputs,
} from "./models.js";

/**
 * Models trained by backend-ts on breast_cancer, exported to ONNX and run by onnxruntime-node, against
 * backend-ts's float64 forward pass on every row. float32 graphs must agree within 1e-5, float64 graphs within
 * 1e-12 (the logistic model's logits reach about ±107, so that is ~1e-14 relative).
 */
const FLOAT32_TOLERANCE = 1e-5;
const FLOAT64_TOLERANCE = 1e-12;

const measured: string[] = [];
afterAll(() => {
  console.info(`max |ONNX − backend-ts| on ${cancer.rows} breast_cancer rows:\n  ${measured.join("\n  ")}`);
});

const models: [string, CalibraModelJson][] = [
  ["logistic", logisticJson],
  ["mlp 30-8-1 relu", mlpJson],
  ["mlp 30-6-4-1 tanh", deepJson],
  ["mlp 30-8-2 relu (logits2)", asTwoLogits(mlpJson)],
];

describe("agreement with backend-ts's forward pass", () => {
  for (const [name, json] of models) {
    const reference = referenceOutputs(json, cancer.features, cancer.rows);
    for (const [dtype, tolerance] of [
      ["float32", FLOAT32_TOLERANCE],
      ["float64", FLOAT64_TOLERANCE],
    ] as const) {
      it(`${name}, ${dtype}: every logit within ${tolerance}`, async () => {
        const model = await loadOnnxModel(exportOnnx(json, { dtype }));
        const output = await model.predict(cancerBatch);
        expect(output.data).toBeInstanceOf(dtype === "float32" ? Float32Array : Float64Array);
        expect(output.rows).toBe(cancer.rows);
        expect(output.columns).toBe(json.output === "logit" ? 1 : 2);
        const difference = maxAbsDifference(output.data, reference);
        measured.push(`${name}, ${dtype}: ${difference.toExponential(3)}`);
        expect(difference).toBeLessThanOrEqual(tolerance);
        await model.dispose();
      });
    }
  }

  it("a sigmoid hidden layer too (float64)", async () => {
    const json: CalibraModelJson = {
      ...mlpJson,
      layers: mlpJson.layers.map((layer, index) =>
        index === 0 ? { ...layer, activation: "sigmoid" } : layer,
      ),
    };
    const model = await loadOnnxModel(exportOnnx(json, { dtype: "float64" }));
    const output = await model.predict(cancerBatch);
    const difference = maxAbsDifference(output.data, referenceOutputs(json, cancer.features, cancer.rows));
    measured.push(`mlp 30-8-1 sigmoid, float64: ${difference.toExponential(3)}`);
    expect(difference).toBeLessThanOrEqual(FLOAT64_TOLERANCE);
  });
});

describe("feeding the other float type", () => {
  const features32 = Float32Array.from(cancer.features);
  const batch32 = { data: features32, rows: cancer.rows, columns: cancer.columns };

  it("a float32 model converts a float64 batch to float32 (the same result as a float32 batch)", async () => {
    const model = await loadOnnxModel(exportOnnx(mlpJson, { dtype: "float32" }));
    expect(model.inputType).toBe("float32");
    const from64 = await model.predict(cancerBatch);
    const from32 = await model.predict(batch32);
    expect(from64.data).toBeInstanceOf(Float32Array);
    expect(Array.from(from64.data)).toEqual(Array.from(from32.data));
    expect(
      maxAbsDifference(from64.data, referenceOutputs(mlpJson, features32, cancer.rows)),
    ).toBeLessThanOrEqual(FLOAT32_TOLERANCE);
  });

  it("a float64 model widens a float32 batch to float64 (the same result as the widened batch)", async () => {
    const model = await loadOnnxModel(exportOnnx(mlpJson, { dtype: "float64" }));
    expect(model.inputType).toBe("float64");
    const from32 = await model.predict(batch32);
    const widened = await model.predict({ ...batch32, data: Float64Array.from(features32) });
    expect(from32.data).toBeInstanceOf(Float64Array);
    expect(Array.from(from32.data)).toEqual(Array.from(widened.data));
    // backend-ts reads the float32 features as the same doubles.
    expect(
      maxAbsDifference(from32.data, referenceOutputs(mlpJson, features32, cancer.rows)),
    ).toBeLessThanOrEqual(FLOAT64_TOLERANCE);
  });
});
