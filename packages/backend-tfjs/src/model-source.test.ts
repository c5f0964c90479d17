import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { graphModelFiles } from "../test/graph-model.js";
import { cpuTf, errorOf, logisticJson } from "../test/helpers.js";
import { toTfjsLayersModel } from "./converter.js";
import { isTfjsModelSource } from "./model-source.js";
import { loadTfjsModel } from "./tfjs-model.js";

await cpuTf();
const cpu = { runtime: "cpu" } as const;
const converted = await toTfjsLayersModel(logisticJson, cpu);
const directory = mkdtempSync(join(tmpdir(), "calibra-backend-tfjs-source-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Writes `files` (name → content) into a fresh folder and returns the folder. */
function folder(name: string, files: Record<string, string | Uint8Array>): string {
  const path = join(directory, name);
  mkdirSync(path, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(path, file), content);
  return path;
}

const good = folder("good", {
  "model.json": JSON.stringify(converted.modelJson),
  "group1-shard1of1.bin": converted.weights,
});

describe("reading model files", () => {
  it("loads from a model.json path, its directory, and a file:// path alike", async () => {
    for (const source of [join(good, "model.json"), good, `file://${join(good, "model.json")}`]) {
      const model = await loadTfjsModel(source, cpu);
      expect(model.featureCount).toBe(30);
      await model.dispose();
    }
  });

  it("reports a missing model file or shard as E_BACKEND with its path", async () => {
    const missing = await errorOf(loadTfjsModel(join(directory, "nowhere", "model.json"), cpu));
    expect(missing.code).toBe("E_BACKEND");
    expect(missing.message).toContain(`cannot read model file "${join(directory, "nowhere", "model.json")}"`);
    const noShard = folder("no-shard", { "model.json": JSON.stringify(converted.modelJson) });
    const shard = await errorOf(loadTfjsModel(join(noShard, "model.json"), cpu));
    expect(shard.code).toBe("E_BACKEND");
    expect(shard.message).toContain(`cannot read weight file "${join(noShard, "group1-shard1of1.bin")}"`);
    expect(shard.message).toContain("lists it in weightsManifest");
  });

  it("reports content that is not a tfjs model as E_MODEL_FORMAT with the path", async () => {
    const cases: [Record<string, string | Uint8Array>, RegExp][] = [
      [{ "model.json": "{ not json" }, /model file ".*bad-json.*model\.json" is not valid JSON/],
      [
        { "model.json": JSON.stringify({ format: "layers-model" }) },
        /no-topology.*model\.json: is not a TensorFlow\.js model\.json: it has no "modelTopology" object/,
      ],
      [
        { "model.json": JSON.stringify(logisticJson) },
        /It is a Calibra JSON model: load it with @calibra\/backend-ts/,
      ],
      [
        { "model.json": JSON.stringify({ ...converted.modelJson, format: "saved-model" }) },
        /format "saved-model" is not a TensorFlow\.js model format/,
      ],
      [
        {
          "model.json": JSON.stringify(converted.modelJson),
          "group1-shard1of1.bin": converted.weights.subarray(0, 100),
        },
        /short-shard.*the weights hold 100 bytes, but the weightsManifest describes 6 weights of 7564 bytes/,
      ],
      [
        { "model.json": JSON.stringify({ ...converted.modelJson, weightsManifest: [{ paths: "x.bin" }] }) },
        /weightsManifest\[0\] must be/,
      ],
    ];
    const names = ["bad-json", "no-topology", "calibra", "other-format", "short-shard", "bad-manifest"];
    for (const [index, [files, message]] of cases.entries()) {
      const path = folder(names[index] as string, files);
      const error = await errorOf(loadTfjsModel(join(path, "model.json"), cpu));
      expect(error.code).toBe("E_MODEL_FORMAT");
      expect(error.message).toMatch(message);
    }
  });

  it("reports a topology tfjs cannot build as E_MODEL_FORMAT, keeping tfjs's error as the cause", async () => {
    const topology = converted.modelJson.modelTopology as { config: { layers: { class_name: string }[] } };
    const broken = structuredClone(topology);
    (broken.config.layers[1] as { class_name: string }).class_name = "NoSuchLayer";
    const error = await errorOf(
      loadTfjsModel(
        { modelJson: { ...converted.modelJson, modelTopology: broken }, weights: converted.weights },
        cpu,
      ),
    );
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toMatch(/model\.json: tfjs could not build the layers-model \(.*NoSuchLayer/);
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe("reading models from memory", () => {
  it("takes { modelJson, weights } with an object or JSON text and a Uint8Array or ArrayBuffer, and tfjs artifacts", async () => {
    const batch = { data: new Float32Array(30).fill(1), rows: 1, columns: 30 };
    const expected = (await (await loadTfjsModel(converted, cpu)).predict(batch)).data;
    const weightsCopy = converted.weights.slice();
    const sources = [
      { modelJson: JSON.stringify(converted.modelJson), weights: converted.weights },
      { modelJson: converted.modelJson, weights: weightsCopy.buffer },
      // A view into a larger buffer: only its own bytes count.
      {
        modelJson: converted.modelJson,
        weights: new Uint8Array([9, 9, 9, ...converted.weights]).subarray(3),
      },
      converted.artifacts,
    ];
    for (const source of sources) {
      expect((await (await loadTfjsModel(source, cpu)).predict(batch)).data).toEqual(expected);
    }
  });

  it("refuses a weightless model.json whose manifest lists weights, saying what to pass", async () => {
    for (const source of [
      converted.modelJson,
      JSON.stringify(converted.modelJson),
      new TextEncoder().encode(JSON.stringify(converted.modelJson)),
    ]) {
      const error = await errorOf(loadTfjsModel(source as never, cpu));
      expect(error.code).toBe("E_MODEL_FORMAT");
      expect(error.message).toMatch(
        /lists 6 weights in shard files, but no weight bytes came with it\. Pass \{ modelJson, weights \}/,
      );
    }
  });

  it("refuses weights that do not match the manifest, and objects that are no model", async () => {
    const short = await errorOf(
      loadTfjsModel({ modelJson: converted.modelJson, weights: new Uint8Array(12) }, cpu),
    );
    expect(short.code).toBe("E_MODEL_FORMAT");
    expect(short.message).toMatch(/the weights hold 12 bytes/);
    const artifacts = await errorOf(
      loadTfjsModel({ ...converted.artifacts, weightData: new ArrayBuffer(8) }, cpu),
    );
    expect(artifacts.message).toMatch(/model artifacts: the weights hold 8 bytes/);
    const nothing = await errorOf(loadTfjsModel({ hello: "world" } as never, cpu));
    expect(nothing.code).toBe("E_MODEL_FORMAT");
    expect(nothing.message).toMatch(
      /not a TensorFlow\.js model: pass a path to model\.json, \{ modelJson, weights \}, or tfjs ModelArtifacts/,
    );
    const binaryTopology = await errorOf(loadTfjsModel({ modelTopology: new ArrayBuffer(4) } as never, cpu));
    expect(binaryTopology.message).toMatch(/binary GraphDef/);
  });
});

describe("isTfjsModelSource", () => {
  const graph = graphModelFiles(logisticJson);
  const calibraPath = folder("calibra-file", { "model.json": JSON.stringify(logisticJson) });

  it("recognises tfjs content and paths", () => {
    expect(isTfjsModelSource(join(good, "model.json"))).toBe(true);
    expect(isTfjsModelSource(good)).toBe(true);
    expect(isTfjsModelSource(converted as never)).toBe(true);
    expect(
      isTfjsModelSource({ modelJson: JSON.stringify(graph.modelJson), weights: graph.weights } as never),
    ).toBe(true);
    expect(isTfjsModelSource(converted.artifacts as never)).toBe(true);
    expect(isTfjsModelSource(converted.modelJson as never)).toBe(true);
    expect(isTfjsModelSource(JSON.stringify(graph.modelJson))).toBe(true);
    expect(isTfjsModelSource(new TextEncoder().encode(JSON.stringify(converted.modelJson)))).toBe(true);
  });

  it("refuses everything else", () => {
    expect(isTfjsModelSource(join(calibraPath, "model.json"))).toBe(false);
    expect(isTfjsModelSource(calibraPath)).toBe(false);
    expect(isTfjsModelSource(logisticJson as never)).toBe(false);
    expect(isTfjsModelSource(join(directory, "missing", "model.json"))).toBe(false);
    expect(isTfjsModelSource(join(good, "group1-shard1of1.bin"))).toBe(false);
    expect(isTfjsModelSource("model.onnx")).toBe(false);
    expect(isTfjsModelSource({ format: "other" })).toBe(false);
    expect(isTfjsModelSource(new Uint8Array([0, 1, 2]))).toBe(false);
    expect(isTfjsModelSource("{ not json")).toBe(false);
  });
});
