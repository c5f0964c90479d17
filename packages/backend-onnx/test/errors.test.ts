import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CalibraError } from "@calibra/core";
import { afterAll, describe, expect, it } from "vitest";
import { exportOnnx, loadOnnxModel, OnnxDataType, type OnnxLoadOptions } from "../src/index.js";
import { buildModel, identityModel, linearClassifierModel, tensorValue } from "./graphs.js";
import { cancer, cancerBatch, logisticJson, mlpJson } from "./models.js";

const directory = mkdtempSync(join(tmpdir(), "calibra-backend-onnx-errors-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function errorOf(promise: Promise<unknown>): Promise<CalibraError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CalibraError);
    return error as CalibraError;
  }
  throw new Error("expected a CalibraError");
}

async function loadError(source: string | Uint8Array, options?: OnnxLoadOptions): Promise<CalibraError> {
  return errorOf(loadOnnxModel(source, options));
}

describe("predict errors", () => {
  it("an empty batch gives an empty output without running the model", async () => {
    const model = await loadOnnxModel(exportOnnx(mlpJson, { dtype: "float64" }));
    const output = await model.predict({ data: new Float64Array(0), rows: 0, columns: 30 });
    expect(output).toEqual({ data: new Float64Array(0), rows: 0, columns: 1 });
  });

  it("dispose lets a prediction under way finish", async () => {
    const model = await loadOnnxModel(exportOnnx(mlpJson), { batchSize: 64 });
    const running = model.predict(cancerBatch);
    await model.dispose();
    const output = await running;
    expect(output.rows).toBe(cancer.rows);
  });
});

describe("load errors", () => {
  it("E_BACKEND naming the path of a missing file", async () => {
    const path = join(directory, "missing.onnx");
    const error = await loadError(path);
    expect(error.code).toBe("E_BACKEND");
    expect(error.message).toContain(`cannot read model file "${path}"`);
    expect(error.details).toEqual({ path });
  });

  it("E_MODEL_FORMAT naming a file that is not ONNX (JSON, random, truncated)", async () => {
    const jsonPath = join(directory, "model.onnx");
    writeFileSync(jsonPath, JSON.stringify(logisticJson));
    const error = await loadError(jsonPath);
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toContain(`model file "${jsonPath}": not an ONNX model`);
    const bytes = exportOnnx(mlpJson);
    const truncated = await loadError(bytes.subarray(0, bytes.length - 10));
    expect(truncated.code).toBe("E_MODEL_FORMAT");
  });

  it("E_BACKEND with onnxruntime's error as the cause when it refuses the graph", async () => {
    const bytes = identityModel(tensorValue("x", OnnxDataType.FLOAT, ["N", 2]), [
      tensorValue("y", OnnxDataType.FLOAT, ["N", 2]),
    ]);
    const unknownOp = buildModel({
      inputs: [tensorValue("x", OnnxDataType.FLOAT, ["N", 2])],
      outputs: [tensorValue("y", OnnxDataType.FLOAT, ["N", 2])],
      nodes: [{ opType: "NoSuchOperator", input: ["x"], output: ["y"] }],
    });
    expect((await loadOnnxModel(bytes)).outputName).toBe("y");
    const error = await loadError(unknownOp);
    expect(error.code).toBe("E_BACKEND");
    expect(error.message).toMatch(/^onnxruntime-node could not create a session for model bytes: /);
    expect(error.message).toContain("NoSuchOperator");
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).message).toContain("NoSuchOperator");
  });

  it("E_MODEL_FORMAT for a ZipMap output, explaining how to convert without it", async () => {
    const error = await loadError(linearClassifierModel(logisticJson, { zipmap: true }));
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toContain('output "output_probability" is a ZipMap (sequence<map<int64,float32>>)');
    expect(error.message).toContain('options={id(model): {"zipmap": False}}');
  });

  it("E_INVALID_OPTIONS listing the outputs for an output name that does not exist", async () => {
    const error = await loadError(linearClassifierModel(logisticJson), { output: "proba" });
    expect(error.code).toBe("E_INVALID_OPTIONS");
    expect(error.message).toBe(
      'the model has no output named "proba"; its outputs are: label (int64 [N]), probabilities (float32 [N,2]).',
    );
  });

  it("E_INVALID_OPTIONS listing the outputs when no rule picks one", async () => {
    const bytes = identityModel(tensorValue("x", OnnxDataType.FLOAT, ["N", 1]), [
      tensorValue("a", OnnxDataType.FLOAT, ["N", 1]),
      tensorValue("b", OnnxDataType.FLOAT, ["N", 1]),
    ]);
    const error = await loadError(bytes);
    expect(error.code).toBe("E_INVALID_OPTIONS");
    expect(error.message).toContain("the model has 2 outputs and none is clearly the classifier's scores");
    expect(error.message).toContain("a (float32 [N,1]), b (float32 [N,1])");
    expect(error.message).toContain('{ output: "a" }');
    expect((await loadOnnxModel(bytes, { output: "b" })).outputName).toBe("b");
  });

  it("E_MODEL_FORMAT for an output that holds no floats", async () => {
    const error = await loadError(linearClassifierModel(logisticJson), { output: "label" });
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toMatch(/^output "label" holds int64 values; Calibra reads scores/);
  });

  it("E_OUTPUT_SHAPE for more than two columns", async () => {
    const bytes = identityModel(tensorValue("x", OnnxDataType.FLOAT, ["N", 3]), [
      tensorValue("y", OnnxDataType.FLOAT, ["N", 3]),
    ]);
    const error = await loadError(bytes);
    expect(error.code).toBe("E_OUTPUT_SHAPE");
    expect(error.message).toMatch(/output "y" has shape \[N, 3\]; a binary classifier's scores are/);
  });

  it("E_MODEL_FORMAT for an input that is not float32 or float64", async () => {
    for (const [elemType, name] of [
      [OnnxDataType.INT64, "int64"],
      [OnnxDataType.FLOAT16, "float16"],
    ] as const) {
      const bytes = buildModel({
        inputs: [tensorValue("x", elemType, ["N", 2])],
        outputs: [tensorValue("y", OnnxDataType.FLOAT, ["N", 2])],
        nodes: [
          {
            opType: "Cast",
            input: ["x"],
            output: ["y"],
            attribute: [{ name: "to", type: 2, i: OnnxDataType.FLOAT }],
          },
        ],
      });
      const error = await loadError(bytes);
      expect(error.code).toBe("E_MODEL_FORMAT");
      expect(error.message).toMatch(
        new RegExp(`^input "x" has element type ${name}; Calibra feeds float32 or float64`),
      );
    }
  });

  it("E_MODEL_FORMAT for a model with two inputs", async () => {
    const bytes = buildModel({
      inputs: [
        tensorValue("age", OnnxDataType.FLOAT, ["N", 1]),
        tensorValue("income", OnnxDataType.FLOAT, ["N", 1]),
      ],
      outputs: [tensorValue("y", OnnxDataType.FLOAT, ["N", 1])],
      nodes: [{ opType: "Add", input: ["age", "income"], output: ["y"] }],
    });
    const error = await loadError(bytes);
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toContain("the model has 2 inputs (age (float32 [N, 1]), income (float32 [N, 1]))");
    expect(error.message).toContain("Calibra feeds one [N, features] tensor");
  });

  it("E_MODEL_FORMAT for an input that is not 2-D", async () => {
    const bytes = identityModel(tensorValue("x", OnnxDataType.FLOAT, ["N", 2, 1]), [
      tensorValue("y", OnnxDataType.FLOAT, ["N", 2, 1]),
    ]);
    const error = await loadError(bytes);
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toContain(
      'input "x" has shape [N, 2, 1]; Calibra feeds a 2-D [N, features] tensor.',
    );
  });

  it("E_INVALID_OPTIONS for a batch size that is not a positive integer", async () => {
    for (const batchSize of [0, -5, 1.5, Number.NaN]) {
      const error = await loadError(exportOnnx(mlpJson), { batchSize });
      expect(error.code).toBe("E_INVALID_OPTIONS");
      expect(error.message).toContain("batchSize must be a positive integer");
    }
  });
});
