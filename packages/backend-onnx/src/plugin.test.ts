import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistry, providerOf } from "@calibra/core";
import { afterAll, describe, expect, it } from "vitest";
import { cancer, cancerBatch, logisticJson, maxAbsDifference, referenceOutputs } from "../test/models.js";
import { exportOnnx } from "./export-onnx.js";
import { encodeModelProto } from "./onnx-proto.js";
import { onnxBackend, onnxBackendPlugin } from "./plugin.js";

const directory = mkdtempSync(join(tmpdir(), "calibra-backend-onnx-plugin-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const modelPath = join(directory, "logistic.onnx");
writeFileSync(modelPath, exportOnnx(logisticJson, { dtype: "float64" }));

describe("onnxBackendPlugin", () => {
  it("registers the onnx backend with core's registry, which loads and runs a file", async () => {
    const registry = createRegistry().use(onnxBackendPlugin);
    const backend = registry.backend("onnx");
    expect(backend).toBe(onnxBackend);
    expect(providerOf(backend)).toBe("@calibra/backend-onnx");
    const model = await backend.load(modelPath, { batchSize: 100 });
    expect([model.backend, model.featureCount, model.suggestedActivation]).toEqual(["onnx", 30, "sigmoid"]);
    const output = await model.predict(cancerBatch);
    expect(
      maxAbsDifference(output.data, referenceOutputs(logisticJson, cancer.features, cancer.rows)),
    ).toBeLessThan(1e-12);
    await model.dispose();
  });

  it("recognises .onnx paths by name and bytes by content", () => {
    expect(onnxBackend.canLoad(modelPath)).toBe(true);
    expect(onnxBackend.canLoad("MODEL.ONNX")).toBe(true);
    expect(onnxBackend.canLoad(exportOnnx(logisticJson))).toBe(true);
    expect(onnxBackend.canLoad("model.json")).toBe(false);
    expect(onnxBackend.canLoad(logisticJson)).toBe(false);
    expect(onnxBackend.canLoad(new TextEncoder().encode(JSON.stringify(logisticJson)))).toBe(false);
    expect(onnxBackend.canLoad(new Uint8Array([0, 1, 2]))).toBe(false);
    expect(onnxBackend.canLoad(encodeModelProto({ irVersion: 7, opsetImport: [{ version: 13 }] }))).toBe(
      false,
    );
  });

  it("refuses an object source with E_MODEL_FORMAT pointing to exportOnnx", async () => {
    await expect(onnxBackend.load(logisticJson)).rejects.toMatchObject({
      code: "E_MODEL_FORMAT",
      message: expect.stringContaining("exportOnnx(model)"),
    });
  });
});
