import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cancerBatch, compareOutputs, cpuTf, errorOf, mlpJson, referenceOutputs } from "../test/helpers.js";
import { toTfjsLayersModel } from "./converter.js";
import { saveTfjsModel } from "./save-model.js";
import { loadTfjsModel } from "./tfjs-model.js";

await cpuTf();
const cpu = { runtime: "cpu" } as const;
const directory = mkdtempSync(join(tmpdir(), "calibra-backend-tfjs-save-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("saveTfjsModel", () => {
  it("writes model.json and group1-shard1of1.bin, and nothing else, that load back to the same outputs", async () => {
    const target = join(directory, "mlp", "nested");
    const saved = await saveTfjsModel(mlpJson, target, cpu);
    expect(saved).toEqual({
      modelJsonPath: join(target, "model.json"),
      weightsPath: join(target, "group1-shard1of1.bin"),
    });
    expect(readdirSync(target).sort()).toEqual(["group1-shard1of1.bin", "model.json"]);
    const converted = await toTfjsLayersModel(mlpJson, cpu);
    expect(JSON.parse(readFileSync(saved.modelJsonPath, "utf8"))).toEqual(converted.modelJson);
    expect(new Uint8Array(readFileSync(saved.weightsPath))).toEqual(converted.weights);
    const fromDisk = await (await loadTfjsModel(saved.modelJsonPath, cpu)).predict(cancerBatch);
    const fromMemory = await (await loadTfjsModel(converted, cpu)).predict(cancerBatch);
    expect(fromDisk.data).toEqual(fromMemory.data);
    const { maxAbs, withinTolerance } = compareOutputs(fromDisk.data, referenceOutputs(mlpJson));
    expect(withinTolerance).toBe(true);
    expect(maxAbs).toBeLessThan(1e-5);
  });

  it("replaces an existing model, takes an already converted one, and can write a probability head", async () => {
    const target = join(directory, "replace");
    await saveTfjsModel(mlpJson, target, cpu);
    const probabilities = await toTfjsLayersModel(mlpJson, { ...cpu, head: "probabilities" });
    await saveTfjsModel(probabilities, target);
    expect(readdirSync(target).sort()).toEqual(["group1-shard1of1.bin", "model.json"]);
    const model = await loadTfjsModel(target, cpu);
    expect(model.suggestedActivation).toBe("probability");
  });

  it("reports a directory it cannot create as E_BACKEND, leaving no temporary files", async () => {
    const blocker = join(directory, "a-file");
    writeFileSync(blocker, "not a directory");
    const error = await errorOf(saveTfjsModel(mlpJson, join(blocker, "model"), cpu));
    expect(error.code).toBe("E_BACKEND");
    expect(error.message).toContain(`cannot create the directory "${join(blocker, "model")}"`);
    const occupied = join(directory, "occupied");
    await saveTfjsModel(mlpJson, occupied, cpu);
    // A directory where model.json should go: the rename fails and the temporary file is removed.
    rmSync(join(occupied, "model.json"));
    mkdirSync(join(occupied, "model.json"));
    const blocked = await errorOf(saveTfjsModel(mlpJson, occupied, cpu));
    expect(blocked.code).toBe("E_BACKEND");
    expect(blocked.message).toContain(`cannot write "${join(occupied, "model.json")}"`);
    expect(readdirSync(occupied).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
