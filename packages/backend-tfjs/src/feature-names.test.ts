import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { graphModelFiles } from "../test/graph-model.js";
import { cancer, cancerBatch, cpuTf, logisticJson } from "../test/helpers.js";
import { toTfjsLayersModel } from "./converter.js";
import { featureNamesFromMetadata } from "./feature-names.js";
import { saveTfjsModel } from "./save-model.js";
import { loadTfjsModel } from "./tfjs-model.js";

await cpuTf();
const cpu = { runtime: "cpu" } as const;
const directory = mkdtempSync(join(tmpdir(), "calibra-backend-tfjs-names-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const namedJson = { ...logisticJson, featureNames: cancer.featureNames };
const named = await toTfjsLayersModel(namedJson, cpu);

describe("featureNamesFromMetadata", () => {
  it("reads userDefinedMetadata.calibra.featureNames, one string per feature", () => {
    expect(featureNamesFromMetadata({ calibra: { featureNames: ["age", "income"] } }, 2)).toEqual([
      "age",
      "income",
    ]);
    expect(featureNamesFromMetadata({ calibra: { featureNames: ["a", "b", "c"] } }, undefined)).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("ignores missing or malformed metadata instead of throwing", () => {
    const cases: unknown[] = [
      undefined,
      null,
      "calibra",
      {},
      { calibra: "age,income" },
      { calibra: ["age", "income"] },
      { calibra: { kind: "logistic" } },
      { calibra: { featureNames: "age,income" } },
      { calibra: { featureNames: { 0: "age", 1: "income" } } },
      { calibra: { featureNames: ["age", 2] } },
      { calibra: { featureNames: ["age", null] } },
      { calibra: { featureNames: [] } },
      { calibra: { featureNames: ["age"] } },
      { calibra: { featureNames: ["age", "income", "tenure"] } },
    ];
    for (const metadata of cases) {
      expect(featureNamesFromMetadata(metadata, 2), JSON.stringify(metadata)).toBeUndefined();
    }
  });
});

describe("featureNames of a loaded tfjs model", () => {
  it("reports the names a converted backend-ts model was trained with, from every kind of source", async () => {
    const { modelJsonPath } = await saveTfjsModel(namedJson, join(directory, "named"), cpu);
    const sources = [
      named,
      named.artifacts,
      { modelJson: JSON.stringify(named.modelJson), weights: named.weights },
      modelJsonPath,
    ];
    for (const source of sources) {
      const model = await loadTfjsModel(source, cpu);
      expect(model.featureNames).toEqual(cancer.featureNames);
      await model.dispose();
    }
  });

  it("reports undefined for a model without names", async () => {
    const model = await loadTfjsModel(await toTfjsLayersModel(logisticJson, cpu), cpu);
    expect(model.featureNames).toBeUndefined();
    await model.dispose();
  });

  it("ignores a malformed entry, and still loads and runs the model", async () => {
    const malformed = [
      { calibra: { featureNames: cancer.featureNames.join(",") } },
      { calibra: { featureNames: [...cancer.featureNames.slice(1), 7] } },
      { calibra: { featureNames: cancer.featureNames.slice(1) } },
      { calibra: "logistic" },
    ];
    for (const userDefinedMetadata of malformed) {
      const modelJson = { ...named.modelJson, userDefinedMetadata };
      const model = await loadTfjsModel({ modelJson, weights: named.weights }, cpu);
      expect(model.featureNames, JSON.stringify(userDefinedMetadata)).toBeUndefined();
      expect((await model.predict(cancerBatch)).rows).toBe(cancer.rows);
      await model.dispose();
    }
  });

  it("reads a GraphModel's userDefinedMetadata the same way", async () => {
    const graph = graphModelFiles(logisticJson);
    const withNames = {
      modelJson: {
        ...graph.modelJson,
        userDefinedMetadata: { calibra: { featureNames: cancer.featureNames } },
      },
      weights: graph.weights,
    };
    const model = await loadTfjsModel(withNames, cpu);
    expect(model.kind).toBe("graph-model");
    expect(model.featureNames).toEqual(cancer.featureNames);
    await model.dispose();
    const plain = await loadTfjsModel(graph, cpu);
    expect(plain.featureNames).toBeUndefined();
    await plain.dispose();
  });
});
