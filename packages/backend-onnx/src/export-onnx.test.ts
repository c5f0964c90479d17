import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CalibraModelJson } from "@calibra/backend-ts";
import { CalibraError } from "@calibra/core";
import { afterAll, describe, expect, it } from "vitest";
import { type ExportOnnxOptions, exportOnnx } from "./export-onnx.js";
import { inspectOnnx } from "./inspect-onnx.js";
import { decodeModelProto } from "./onnx-proto.js";
import { saveOnnx } from "./save-onnx.js";

const mlp: CalibraModelJson = {
  format: "calibra.model",
  version: 1,
  kind: "mlp",
  inputs: 2,
  standardize: { mean: [1, 2], scale: [2, 4] },
  layers: [
    {
      weights: [
        [0.1, -1],
        [0.5, 2],
        [1, 1],
      ],
      bias: [0, -1, 0.3],
      activation: "tanh",
    },
    { weights: [[2, -3, 0.7]], bias: [0.5], activation: "linear" },
  ],
  output: "logit",
  featureNames: ["age", "income"],
};

const twoLogits: CalibraModelJson = {
  format: "calibra.model",
  version: 1,
  kind: "mlp",
  inputs: 2,
  layers: [
    {
      weights: [
        [1, 0],
        [0, 1],
      ],
      bias: [0, 0],
      activation: "linear",
    },
  ],
  output: "logits2",
};

function graphOf(bytes: Uint8Array) {
  const graph = decodeModelProto(bytes).graph;
  if (!graph) throw new Error("no graph");
  return graph;
}

function errorOf(run: () => unknown): CalibraError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CalibraError);
    return error as CalibraError;
  }
  throw new Error("expected a CalibraError");
}

describe("exportOnnx", () => {
  it("writes IR 7, opset 13, producer calibra, and the input and output declared", () => {
    const summary = inspectOnnx(exportOnnx(mlp));
    expect(summary.irVersion).toBe(7);
    expect(summary.opsets).toEqual([{ domain: "ai.onnx", version: 13 }]);
    expect(summary.producer).toEqual({ name: "calibra", version: "0.1.0" });
    expect(summary.inputs).toEqual([{ name: "features", type: "float32", shape: ["N", 2] }]);
    expect(summary.outputs).toEqual([
      {
        name: "logits",
        type: "float32",
        shape: ["N", 1],
        isTensor: true,
        producedBy: { opType: "Gemm", domain: "ai.onnx" },
      },
    ]);
  });

  it("mirrors the forward pass: Sub, Div, then Gemm(transB = 1) + activation per layer", () => {
    const graph = graphOf(exportOnnx(mlp));
    expect(graph.node?.map((node) => node.opType)).toEqual(["Sub", "Div", "Gemm", "Tanh", "Gemm"]);
    expect(graph.node?.map((node) => node.input)).toEqual([
      ["features", "standardize_mean"],
      ["standardize_centered", "standardize_scale"],
      ["standardize_scaled", "layer0_weights", "layer0_bias"],
      ["layer0_gemm"],
      ["layer0_tanh", "layer1_weights", "layer1_bias"],
    ]);
    expect(graph.node?.[2]?.attribute).toEqual([{ name: "transB", type: 2, i: 1 }]);
    const weights = graph.initializer?.find((tensor) => tensor.name === "layer0_weights");
    // W stays out × in, row-major, rounded to float32.
    expect(weights?.dims).toEqual([3, 2]);
    expect(weights?.floatData).toEqual([0.1, -1, 0.5, 2, 1, 1].map(Math.fround));
    expect(graph.initializer?.find((tensor) => tensor.name === "standardize_scale")?.floatData).toEqual([
      2, 4,
    ]);
  });

  it("writes float64 parameters and types with dtype float64", () => {
    const bytes = exportOnnx(mlp, { dtype: "float64" });
    const summary = inspectOnnx(bytes);
    expect(summary.inputs[0]?.type).toBe("float64");
    expect(summary.outputs[0]?.type).toBe("float64");
    const weights = graphOf(bytes).initializer?.find((tensor) => tensor.name === "layer0_weights");
    expect(weights?.dataType).toBe(11);
    expect(weights?.doubleData).toEqual([0.1, -1, 0.5, 2, 1, 1]);
  });

  it("leaves standardisation out when the model has none", () => {
    const graph = graphOf(exportOnnx(twoLogits));
    expect(graph.node?.map((node) => node.opType)).toEqual(["Gemm"]);
    expect(graph.node?.[0]?.input?.[0]).toBe("features");
  });

  it("appends Sigmoid or Softmax(axis = -1) for head probabilities, and Squeeze for squeeze", () => {
    const cases: [CalibraModelJson, ExportOnnxOptions, string[], (string | number)[], string][] = [
      [mlp, { head: "probabilities" }, ["Gemm", "Sigmoid"], ["N", 1], "probabilities"],
      [mlp, { squeeze: true }, ["Gemm", "Squeeze"], ["N"], "logits"],
      [mlp, { squeeze: true, head: "probabilities" }, ["Gemm", "Squeeze", "Sigmoid"], ["N"], "probabilities"],
      [twoLogits, { head: "probabilities", outputName: "p" }, ["Gemm", "Softmax"], ["N", 2], "p"],
    ];
    for (const [model, options, lastOps, shape, outputName] of cases) {
      const bytes = exportOnnx(model, options);
      const ops = graphOf(bytes).node?.map((node) => node.opType) ?? [];
      expect(ops.slice(-lastOps.length)).toEqual(lastOps);
      const output = inspectOnnx(bytes).outputs[0];
      expect(output?.shape).toEqual(shape);
      expect(output?.name).toBe(outputName);
      expect(output?.producedBy?.opType).toBe(lastOps[lastOps.length - 1]);
    }
    const softmax = graphOf(exportOnnx(twoLogits, { head: "probabilities" })).node?.at(-1);
    expect(softmax?.attribute).toEqual([{ name: "axis", type: 2, i: -1 }]);
    const squeeze = graphOf(exportOnnx(mlp, { squeeze: true }));
    expect(squeeze.initializer?.find((tensor) => tensor.name === "squeeze_axes")?.int64Data).toEqual([1]);
  });

  it("names the input and output as asked and keeps the feature names as metadata", () => {
    const bytes = exportOnnx(mlp, { inputName: "x", outputName: "score" });
    const summary = inspectOnnx(bytes);
    expect(summary.inputs[0]?.name).toBe("x");
    expect(summary.outputs[0]?.name).toBe("score");
    expect(decodeModelProto(bytes).metadataProps).toEqual([
      { key: "calibra.kind", value: "mlp" },
      { key: "calibra.featureNames", value: '["age","income"]' },
    ]);
  });

  it("refuses bad options with E_INVALID_OPTIONS and a bad model with E_MODEL_FORMAT", () => {
    const cases: [CalibraModelJson, ExportOnnxOptions, RegExp][] = [
      [mlp, { dtype: "float16" as "float32" }, /dtype must be "float32" or "float64", got "float16"/],
      [mlp, { head: "scores" as "logits" }, /head must be "logits" or "probabilities"/],
      [twoLogits, { squeeze: true }, /squeeze applies to a one-logit model; this model has 2 outputs/],
      [mlp, { inputName: "" }, /inputName must be a non-empty string/],
      [mlp, { inputName: "x", outputName: "x" }, /must differ; both are "x"/],
    ];
    for (const [model, options, message] of cases) {
      const error = errorOf(() => exportOnnx(model, options));
      expect(error.code).toBe("E_INVALID_OPTIONS");
      expect(error.message).toMatch(message);
    }
    const broken = { ...mlp, inputs: 3 } as CalibraModelJson;
    const error = errorOf(() => exportOnnx(broken));
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toMatch(/layers\.0\.weights\.0: has 2 columns/);
  });
});

describe("saveOnnx", () => {
  const directory = mkdtempSync(join(tmpdir(), "calibra-backend-onnx-save-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("writes the exported bytes, replacing an existing file and leaving no temporary file", async () => {
    const path = join(directory, "model.onnx");
    writeFileSync(path, "old content");
    await saveOnnx(mlp, path, { dtype: "float64" });
    expect(new Uint8Array(readFileSync(path))).toEqual(exportOnnx(mlp, { dtype: "float64" }));
    expect(readdirSync(directory)).toEqual(["model.onnx"]);
  });

  it("reports a directory that does not exist as E_BACKEND naming the path", async () => {
    const path = join(directory, "missing", "model.onnx");
    const attempt = saveOnnx(mlp, path);
    await expect(attempt).rejects.toThrow(`cannot write ONNX model to "${path}"`);
    await expect(saveOnnx(mlp, path)).rejects.toMatchObject({ code: "E_BACKEND" });
    expect(readdirSync(directory)).toEqual(["model.onnx"]);
  });

  it("checks options before touching the disk", async () => {
    const path = join(directory, "other.onnx");
    await expect(saveOnnx(twoLogits, path, { squeeze: true })).rejects.toMatchObject({
      code: "E_INVALID_OPTIONS",
    });
    expect(readdirSync(directory)).toEqual(["model.onnx"]);
  });
});
