import { assertModelConformance } from "@calibra/core/testing";
import { describe, it } from "vitest";
import { graphModelFiles } from "../test/graph-model.js";
import { cancerBatch, cpuTf, mlpJson, referenceOutputs } from "../test/helpers.js";
import { toTfjsLayersModel } from "./converter.js";
import { loadTfjsModel } from "./tfjs-model.js";

await cpuTf();
const cpu = { runtime: "cpu", batchSize: 100 } as const;

describe("core's model contract, against backend-ts's float64 forward pass", () => {
  it("holds for a converted LayersModel", async () => {
    const converted = await toTfjsLayersModel(mlpJson, { runtime: "cpu" });
    await assertModelConformance({
      load: () => loadTfjsModel(converted, cpu),
      batch: cancerBatch,
      expected: referenceOutputs(mlpJson),
    });
  });

  it("holds for a GraphModel", async () => {
    const files = graphModelFiles(mlpJson);
    await assertModelConformance({
      load: () => loadTfjsModel(files, cpu),
      batch: cancerBatch,
      expected: referenceOutputs(mlpJson),
    });
  });
});
