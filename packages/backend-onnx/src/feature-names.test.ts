import { describe, expect, it } from "vitest";
import { buildModel, tensorValue } from "../test/graphs.js";
import { cancer, cancerBatch, logisticJson, mlpJson } from "../test/models.js";
import { OnnxDataType } from "./element-types.js";
import { exportOnnx } from "./export-onnx.js";
import { FEATURE_NAMES_METADATA_KEY, parseFeatureNames } from "./feature-names.js";
import { loadOnnxModel } from "./node-runtime.js";
import { decodeModelProto, encodeModelProto, type StringStringEntryProto } from "./onnx-proto.js";

/** The same model with its metadata_props replaced. */
function withMetadata(bytes: Uint8Array, metadataProps: StringStringEntryProto[]): Uint8Array {
  return encodeModelProto({ ...decodeModelProto(bytes), metadataProps });
}

/** A graph whose input leaves the feature count open: y = Identity(x), x of shape [N, F]. */
const openWidth = buildModel({
  inputs: [tensorValue("x", OnnxDataType.FLOAT, ["N", "F"])],
  outputs: [tensorValue("y", OnnxDataType.FLOAT, ["N", 1])],
  nodes: [{ opType: "Identity", input: ["x"], output: ["y"] }],
});

describe("parseFeatureNames", () => {
  it("accepts a JSON array of strings, one per feature when the count is known", () => {
    expect(parseFeatureNames('["age","income"]', 2)).toEqual(["age", "income"]);
    expect(parseFeatureNames('["age","income","tenure"]', undefined)).toEqual(["age", "income", "tenure"]);
    expect(parseFeatureNames(undefined, 2)).toBeUndefined();
  });

  it("ignores a malformed value instead of throwing", () => {
    for (const value of ["age,income", "", '{"0":"age"}', '"age"', '["age",2]', '["age",null]', "[]"]) {
      expect(parseFeatureNames(value, undefined), value).toBeUndefined();
    }
    expect(parseFeatureNames('["age"]', 2)).toBeUndefined();
    expect(parseFeatureNames('["age","income","tenure"]', 2)).toBeUndefined();
  });
});

describe("featureNames of a loaded ONNX model", () => {
  it("reports the names an exported backend-ts model was trained with", async () => {
    for (const dtype of ["float32", "float64"] as const) {
      const model = await loadOnnxModel(exportOnnx(logisticJson, { dtype }));
      expect(model.featureCount).toBe(cancer.columns);
      expect(model.featureNames).toEqual(cancer.featureNames);
      await model.dispose();
    }
  });

  it("reports undefined for a model without names", async () => {
    const model = await loadOnnxModel(exportOnnx(mlpJson));
    expect(model.featureNames).toBeUndefined();
    await model.dispose();
  });

  it("ignores a malformed entry, and still loads and runs the model", async () => {
    const bytes = exportOnnx(logisticJson);
    const malformed = [
      "not json",
      JSON.stringify({ names: cancer.featureNames }),
      JSON.stringify([...cancer.featureNames.slice(1), 7]),
      JSON.stringify(cancer.featureNames.slice(1)),
      "[]",
    ];
    for (const value of malformed) {
      const model = await loadOnnxModel(withMetadata(bytes, [{ key: FEATURE_NAMES_METADATA_KEY, value }]));
      expect(model.featureNames, value).toBeUndefined();
      expect((await model.predict(cancerBatch)).rows).toBe(cancer.rows);
      await model.dispose();
    }
  });

  it("takes names of any length when the input leaves the feature count open", async () => {
    const value = JSON.stringify(["a", "b", "c"]);
    const model = await loadOnnxModel(withMetadata(openWidth, [{ key: FEATURE_NAMES_METADATA_KEY, value }]));
    expect(model.featureCount).toBeUndefined();
    expect(model.featureNames).toEqual(["a", "b", "c"]);
    await model.dispose();
  });
});
