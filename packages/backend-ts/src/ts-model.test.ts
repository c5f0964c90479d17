import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CalibraError, createRegistry } from "@calibra/core";
import { describe, expect, it } from "vitest";
import type { CalibraModelJson } from "./model-format.js";
import { tsBackend, tsBackendPlugin } from "./plugin.js";
import { trainLogistic } from "./train-logistic.js";
import { loadTsModel } from "./ts-model.js";

const logistic: CalibraModelJson = {
  format: "calibra.model",
  version: 1,
  kind: "logistic",
  inputs: 2,
  layers: [{ weights: [[2, -1]], bias: [0.5], activation: "linear" }],
  output: "logit",
  featureNames: ["age", "income"],
};

const directory = mkdtempSync(join(tmpdir(), "calibra-backend-ts-"));
const modelPath = join(directory, "model.json");
writeFileSync(modelPath, JSON.stringify(logistic));
const otherJsonPath = join(directory, "other.json");
writeFileSync(otherJsonPath, JSON.stringify({ format: "something-else" }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CalibraError);
    return (error as CalibraError).code;
  }
  throw new Error("expected a CalibraError");
}

describe("loadTsModel", () => {
  it("reports the Model metadata", async () => {
    const model = await loadTsModel(logistic);
    expect(model.backend).toBe("ts");
    expect(model.runtime).toBe("typescript");
    expect(model.featureCount).toBe(2);
    expect(model.suggestedActivation).toBe("sigmoid");
    expect(model.inputs).toEqual([{ name: "features", type: "float64", shape: [null, 2] }]);
    expect(model.outputs).toEqual([{ name: "logit", type: "float64", shape: [null, 1] }]);
  });

  it("reports the file's featureNames, in input order", async () => {
    for (const source of [logistic, modelPath, JSON.stringify(logistic)]) {
      expect((await loadTsModel(source)).featureNames).toEqual(["age", "income"]);
    }
  });

  it("reports the featureNames a trained model was given, and undefined without them", async () => {
    const features = {
      data: new Float64Array([0.1, 1.2, 0.4, 0.9, 2.1, 0.3, 2.5, 0.1]),
      rows: 4,
      columns: 2,
    };
    const labels = new Uint8Array([0, 0, 1, 1]);
    const named = trainLogistic(features, labels, { featureNames: ["tenure", "charges"] });
    const exported = JSON.parse(JSON.stringify(named)) as CalibraModelJson;
    expect((await loadTsModel(exported)).featureNames).toEqual(["tenure", "charges"]);
    expect((await loadTsModel(trainLogistic(features, labels))).featureNames).toBeUndefined();
    const { featureNames: _dropped, ...unnamed } = logistic;
    expect((await loadTsModel(unnamed)).featureNames).toBeUndefined();
  });

  it("loads the same model from an object, a path, JSON text and bytes", async () => {
    const batch = { data: new Float64Array([1, 1, 0, 3]), rows: 2, columns: 2 };
    const sources = [
      logistic,
      modelPath,
      JSON.stringify(logistic),
      new TextEncoder().encode(JSON.stringify(logistic)),
    ];
    for (const source of sources) {
      const output = await (await loadTsModel(source)).predict(batch);
      expect(Array.from(output.data)).toEqual([1.5, -2.5]);
    }
  });

  it("names every schema problem of a malformed model", async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...logistic, kind: "forest" }, /kind/],
      [{ ...logistic, inputs: 3 }, /layers\.0\.weights\.0: has 2 columns, the layer's input width is 3/],
      [
        { ...logistic, layers: [{ weights: [[1, 2]], bias: [0, 1], activation: "linear" }] },
        /layers\.0\.bias/,
      ],
      [{ ...logistic, output: "logits2" }, /needs 2/],
      [{ ...logistic, layers: [{ weights: [[1, 2]], bias: [0], activation: "relu" }] }, /must be "linear"/],
      [{ ...logistic, standardize: { mean: [0, 0], scale: [1, 0] } }, /standardize\.scale\.1: must be > 0/],
      [{ ...logistic, featureNames: ["age"] }, /featureNames: has 1 names/],
      [
        { ...logistic, layers: [{ weights: [["a", 2]], bias: [0], activation: "linear" }] },
        /layers\.0\.weights\.0\.0/,
      ],
      [{ format: "calibra.model", version: 1 }, /is not valid/],
    ];
    for (const [value, message] of cases) {
      const attempt = loadTsModel(value as CalibraModelJson);
      await expect(attempt).rejects.toThrow(message);
      expect(await codeOf(loadTsModel(value as CalibraModelJson))).toBe("E_MODEL_FORMAT");
    }
  });

  it("refuses another format version with E_SPEC_VERSION", async () => {
    expect(await codeOf(loadTsModel({ ...logistic, version: 2 } as unknown as CalibraModelJson))).toBe(
      "E_SPEC_VERSION",
    );
  });

  it("turns a missing file into E_BACKEND and bad JSON into E_MODEL_FORMAT", async () => {
    await expect(loadTsModel(join(directory, "missing.json"))).rejects.toThrow(/cannot read model file/);
    expect(await codeOf(loadTsModel(join(directory, "missing.json")))).toBe("E_BACKEND");
    expect(await codeOf(loadTsModel(new TextEncoder().encode("{ not json")))).toBe("E_MODEL_FORMAT");
  });
});

describe("tsBackendPlugin", () => {
  it("registers the ts backend", async () => {
    const registry = createRegistry().use(tsBackendPlugin);
    const backend = registry.backend("ts");
    expect(backend.id).toBe("ts");
    const model = await backend.load(modelPath);
    expect(model.backend).toBe("ts");
  });

  it("recognises Calibra models by content, and only them", () => {
    expect(tsBackend.canLoad(logistic)).toBe(true);
    expect(tsBackend.canLoad(modelPath)).toBe(true);
    expect(tsBackend.canLoad(JSON.stringify(logistic))).toBe(true);
    expect(tsBackend.canLoad(new TextEncoder().encode(JSON.stringify(logistic)))).toBe(true);
    expect(tsBackend.canLoad(otherJsonPath)).toBe(false);
    expect(tsBackend.canLoad(join(directory, "missing.json"))).toBe(false);
    expect(tsBackend.canLoad("model.onnx")).toBe(false);
    expect(tsBackend.canLoad({ format: "other" })).toBe(false);
    expect(tsBackend.canLoad(new Uint8Array([0, 1, 2]))).toBe(false);
  });
});
