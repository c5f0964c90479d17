import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tsBackendPlugin } from "@calibra/backend-ts";
import { createRegistry } from "@calibra/core";
import { afterAll, describe, expect, it } from "vitest";
import { cancerBatch, compareOutputs, cpuTf, logisticJson, referenceOutputs } from "../test/helpers.js";
import { tfjsBackend, tfjsBackendPlugin } from "./plugin.js";
import { saveTfjsModel } from "./save-model.js";

await cpuTf();
const directory = mkdtempSync(join(tmpdir(), "calibra-backend-tfjs-plugin-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("tfjsBackendPlugin", () => {
  it("registers the tfjs backend, which loads a saved model with options", async () => {
    const { modelJsonPath } = await saveTfjsModel(logisticJson, directory, { runtime: "cpu" });
    const registry = createRegistry().use(tfjsBackendPlugin).use(tsBackendPlugin);
    const backend = registry.backend("tfjs");
    expect(backend).toBe(tfjsBackend);
    expect(tfjsBackendPlugin.name).toBe("@calibra/backend-tfjs");
    expect(backend.canLoad(modelJsonPath)).toBe(true);
    // The two backends do not claim each other's files.
    expect(registry.backend("ts").canLoad(modelJsonPath)).toBe(false);
    expect(backend.canLoad(logisticJson as never)).toBe(false);
    const model = await backend.load(modelJsonPath, { runtime: "cpu", batchSize: 100 });
    expect(model.backend).toBe("tfjs");
    expect(model.suggestedActivation).toBe("sigmoid");
    const { data } = await model.predict(cancerBatch);
    expect(compareOutputs(data, referenceOutputs(logisticJson)).withinTolerance).toBe(true);
    await model.dispose();
  });
});
