import type { CalibraModelJson } from "@calibra/backend-ts";
import { CalibraError } from "@calibra/core";
import { describe, expect, it } from "vitest";
import { buildModel, linearClassifierModel, tensorValue } from "../test/graphs.js";
import { OnnxDataType } from "./element-types.js";
import { exportOnnx } from "./export-onnx.js";
import { inspectOnnx } from "./inspect-onnx.js";
import { decodeModelProto, encodeModelProto } from "./onnx-proto.js";

const logistic: CalibraModelJson = {
  format: "calibra.model",
  version: 1,
  kind: "logistic",
  inputs: 3,
  layers: [{ weights: [[1, -2, 0.5]], bias: [0.25], activation: "linear" }],
  output: "logit",
};

function errorOf(run: () => unknown): CalibraError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CalibraError);
    return error as CalibraError;
  }
  throw new Error("expected a CalibraError");
}

/** Deterministic pseudo-random bytes (a linear congruential generator). */
function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    bytes[i] = state >>> 23;
  }
  return bytes;
}

describe("inspectOnnx", () => {
  it("reports the LinearClassifier producing both outputs, with its post_transform", () => {
    const summary = inspectOnnx(linearClassifierModel(logistic, { postTransform: "LOGISTIC" }));
    expect(summary.opsets).toEqual([
      { domain: "ai.onnx", version: 13 },
      { domain: "ai.onnx.ml", version: 1 },
    ]);
    expect(summary.producer).toEqual({ name: "skl2onnx-like", version: "" });
    const producedBy = { opType: "LinearClassifier", domain: "ai.onnx.ml", postTransform: "LOGISTIC" };
    expect(summary.outputs).toEqual([
      { name: "label", type: "int64", shape: ["N"], isTensor: true, producedBy },
      { name: "probabilities", type: "float32", shape: ["N", 2], isTensor: true, producedBy },
    ]);
  });

  it("describes a ZipMap output as a sequence of maps", () => {
    const summary = inspectOnnx(linearClassifierModel(logistic, { zipmap: true }));
    expect(summary.outputs[1]).toEqual({
      name: "output_probability",
      type: "sequence<map<int64,float32>>",
      shape: [],
      isTensor: false,
      producedBy: { opType: "ZipMap", domain: "ai.onnx.ml" },
    });
  });

  it("leaves initializers listed among the graph inputs (old exporters) out of the inputs", () => {
    const bytes = buildModel({
      inputs: [tensorValue("x", OnnxDataType.FLOAT, ["batch", 2]), tensorValue("w", OnnxDataType.FLOAT, [2])],
      outputs: [tensorValue("y", OnnxDataType.FLOAT, ["batch", 2])],
      nodes: [{ opType: "Mul", input: ["x", "w"], output: ["y"] }],
      initializers: [{ name: "w", dims: [2], dataType: OnnxDataType.FLOAT, floatData: [1, 2] }],
    });
    expect(inspectOnnx(bytes).inputs).toEqual([{ name: "x", type: "float32", shape: ["batch", 2] }]);
  });

  it("reports an output that no node produces (a graph input passed through) as produced by nothing", () => {
    const bytes = buildModel({
      inputs: [tensorValue("x", OnnxDataType.DOUBLE, ["N", 1])],
      outputs: [tensorValue("x", OnnxDataType.DOUBLE, ["N", 1])],
      nodes: [],
    });
    expect(inspectOnnx(bytes).outputs[0]?.producedBy).toBeUndefined();
  });

  it("exposes the model's metadata_props as a record, the last value of a repeated key winning", () => {
    expect(inspectOnnx(exportOnnx(logistic)).metadata).toEqual({ "calibra.kind": "logistic" });
    expect(inspectOnnx(exportOnnx({ ...logistic, featureNames: ["a", "b", "c"] })).metadata).toEqual({
      "calibra.kind": "logistic",
      "calibra.featureNames": '["a","b","c"]',
    });
    const plain = buildModel({
      inputs: [tensorValue("x", OnnxDataType.DOUBLE, ["N", 1])],
      outputs: [tensorValue("x", OnnxDataType.DOUBLE, ["N", 1])],
      nodes: [],
    });
    expect(inspectOnnx(plain).metadata).toEqual({});
    const repeated = encodeModelProto({
      ...decodeModelProto(plain),
      metadataProps: [
        { key: "author", value: "a" },
        { key: "author", value: "b" },
        { key: "license", value: "MIT" },
      ],
    });
    expect(inspectOnnx(repeated).metadata).toEqual({ author: "b", license: "MIT" });
  });

  it("refuses bytes that are not an ONNX model with E_MODEL_FORMAT", () => {
    const valid = exportOnnx(logistic);
    const cases: [string, Uint8Array, RegExp][] = [
      ["random bytes", randomBytes(256, 1), /not a valid protobuf message/],
      ["more random bytes", randomBytes(4096, 7), /not a valid protobuf message/],
      ["a JSON file", new TextEncoder().encode(JSON.stringify(logistic)), /not a valid protobuf message/],
      ["a truncated file", valid.subarray(0, Math.floor(valid.length / 2)), /not a valid protobuf message/],
      ["a file missing its last byte", valid.subarray(0, valid.length - 1), /not a valid protobuf message/],
      ["no bytes", new Uint8Array(0), /it is empty/],
      [
        "a ModelProto with no graph",
        encodeModelProto({ irVersion: 7, opsetImport: [{ version: 13 }] }),
        /has no graph/,
      ],
      ["a ModelProto with no ir_version", encodeModelProto({ graph: { name: "g" } }), /no valid ir_version/],
      [
        "a graph without outputs",
        encodeModelProto({ irVersion: 7, graph: { name: "g" } }),
        /graph has no outputs/,
      ],
    ];
    for (const [what, bytes, reason] of cases) {
      const error = errorOf(() => inspectOnnx(bytes));
      expect(error.code, what).toBe("E_MODEL_FORMAT");
      expect(error.message, what).toMatch(/^model bytes: not an ONNX model: /);
      expect(error.message, what).toMatch(reason);
    }
  });
});
