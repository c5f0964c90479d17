import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CalibraModelJson } from "@calibra/backend-ts";
import { sigmoid } from "@calibra/core";
import { afterAll, describe, expect, it } from "vitest";
import { graphModelFiles } from "../test/graph-model.js";
import {
  cancer,
  cancerBatch,
  compareOutputs,
  cpuTf,
  errorOf,
  logisticJson,
  mlpJson,
  referenceOutputs,
  tanhJson,
} from "../test/helpers.js";
import type { TfjsModelJson } from "./model-json.js";
import { loadTfjsModel } from "./tfjs-model.js";

const tf = await cpuTf();
const cpu = { runtime: "cpu" } as const;
const directory = mkdtempSync(join(tmpdir(), "calibra-backend-tfjs-graph-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Writes a GraphModel's model.json and its shard (under its own name) and returns the model.json path. */
function saveGraph(name: string, files: { modelJson: TfjsModelJson; weights: Uint8Array }): string {
  const modelJsonPath = join(directory, `${name}.model.json`);
  const shard = `${name}.bin`;
  writeFileSync(
    modelJsonPath,
    JSON.stringify({
      ...files.modelJson,
      weightsManifest: [{ ...files.modelJson.weightsManifest[0], paths: [shard] }],
    }),
  );
  writeFileSync(join(directory, shard), files.weights);
  return modelJsonPath;
}

const twoLogits: CalibraModelJson = {
  format: "calibra.model",
  version: 1,
  kind: "mlp",
  inputs: 30,
  standardize: logisticJson.standardize,
  layers: [
    mlpJson.layers[0] as CalibraModelJson["layers"][number],
    {
      weights: [
        (mlpJson.layers[1]?.weights[0] as number[]).map((w) => -w / 2),
        (mlpJson.layers[1]?.weights[0] as number[]).map((w) => w / 2),
      ],
      bias: [0.25, -0.25],
      activation: "linear",
    },
  ],
  output: "logits2",
};

describe("GraphModel (hand-written GraphDef JSON)", () => {
  it.each([
    ["logistic regression, BiasAdd", logisticJson, "BiasAdd"],
    ["logistic regression, AddV2", logisticJson, "AddV2"],
    ["relu MLP, BiasAdd", mlpJson, "BiasAdd"],
    ["tanh MLP, AddV2", tanhJson, "AddV2"],
  ] as const)(
    "matches backend-ts on every breast_cancer row: %s, from memory and from disk",
    async (name, json, biasOp) => {
      const files = graphModelFiles(json, { biasOp });
      const reference = referenceOutputs(json);
      const path = saveGraph(name.replace(/[^a-z]+/gi, "-"), files);
      for (const source of [files, path]) {
        const model = await loadTfjsModel(source, cpu);
        expect(model.kind).toBe("graph-model");
        expect(model.suggestedActivation).toBe("sigmoid");
        expect(model.inputs).toEqual([{ name: "x", type: "float32", shape: [null, 30] }]);
        expect(model.outputs).toEqual([{ name: "Identity", type: "float32", shape: [null, 1] }]);
        const { data } = await model.predict(cancerBatch);
        const { maxAbs, maxAbsSmall, withinTolerance } = compareOutputs(data, reference);
        console.info(
          `GraphModel ${name}: max |tfjs − backend-ts| = ${maxAbs.toExponential(2)} (${maxAbsSmall.toExponential(2)} where |logit| ≤ 10)`,
        );
        expect(withinTolerance).toBe(true);
        await model.dispose();
      }
    },
  );

  it("detects a Sigmoid ending as a probability, a Softmax ending as two-sigmoids, two logits as softmax2", async () => {
    const probability = await loadTfjsModel(graphModelFiles(logisticJson, { head: "sigmoid" }), cpu);
    expect(probability.suggestedActivation).toBe("probability");
    const p = await probability.predict(cancerBatch);
    const logits = referenceOutputs(logisticJson);
    let worst = 0;
    for (let i = 0; i < cancer.rows; i++)
      worst = Math.max(worst, Math.abs((p.data[i] as number) - sigmoid(logits[i] as number)));
    expect(worst).toBeLessThan(1e-6);

    const two = await loadTfjsModel(graphModelFiles(twoLogits), cpu);
    expect(two.suggestedActivation).toBe("softmax2");
    const raw = await two.predict(cancerBatch);
    expect(raw.columns).toBe(2);
    expect(compareOutputs(raw.data, referenceOutputs(twoLogits)).withinTolerance).toBe(true);

    const softmax = await loadTfjsModel(graphModelFiles(twoLogits, { head: "softmax" }), cpu);
    expect(softmax.suggestedActivation).toBe("two-sigmoids");
    const probabilities = await softmax.predict(cancerBatch);
    const reference = referenceOutputs(twoLogits);
    for (let row = 0; row < cancer.rows; row += 37) {
      const difference = (reference[2 * row + 1] as number) - (reference[2 * row] as number);
      expect(probabilities.data[2 * row + 1]).toBeCloseTo(sigmoid(difference), 6);
    }
  });

  it("accepts a rank-1 [N] output as one column", async () => {
    const model = await loadTfjsModel(graphModelFiles(logisticJson, { squeeze: true }), cpu);
    expect(model.outputs).toEqual([{ name: "Identity", type: "float32", shape: [null] }]);
    expect(model.suggestedActivation).toBe("sigmoid");
    const output = await model.predict(cancerBatch);
    expect(output.columns).toBe(1);
    expect(compareOutputs(output.data, referenceOutputs(logisticJson)).withinTolerance).toBe(true);
  });

  it("leaves the tensor count where it was after 1 000 predictions, and at its start after dispose", async () => {
    const beforeLoad = tf.memory().numTensors;
    const model = await loadTfjsModel(graphModelFiles(mlpJson), { ...cpu, batchSize: 4 });
    // Consts: mean (two parts), scale, two kernels, two biases.
    expect(tf.memory().numTensors).toBe(beforeLoad + 7);
    const batch = { data: cancer.features.subarray(0, 10 * 30), rows: 10, columns: 30 };
    const first = await model.predict(batch);
    const start = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) await model.predict(batch);
    expect(tf.memory().numTensors).toBe(start);
    expect((await model.predict(batch)).data).toEqual(first.data);
    await model.dispose();
    expect(tf.memory().numTensors).toBe(beforeLoad);
    expect((await errorOf(model.predict(batch))).code).toBe("E_BACKEND");
  });

  it("runs a graph with control flow (Switch/Merge), which needs executeAsync, without leaking", async () => {
    const FLOAT = { type: "DT_FLOAT" };
    const modelJson: TfjsModelJson = {
      format: "graph-model",
      modelTopology: {
        node: [
          {
            name: "x",
            op: "Placeholder",
            attr: { dtype: FLOAT, shape: { shape: { dim: [{ size: "-1" }, { size: "2" }] } } },
          },
          {
            name: "w",
            op: "Const",
            attr: {
              dtype: FLOAT,
              value: { tensor: { dtype: "DT_FLOAT", tensorShape: { dim: [{ size: "2" }, { size: "1" }] } } },
            },
          },
          {
            name: "pred",
            op: "Const",
            attr: { dtype: { type: "DT_BOOL" }, value: { tensor: { dtype: "DT_BOOL", tensorShape: {} } } },
          },
          { name: "logit", op: "MatMul", input: ["x", "w"], attr: { T: FLOAT } },
          { name: "switch", op: "Switch", input: ["logit", "pred"], attr: { T: FLOAT } },
          { name: "merge", op: "Merge", input: ["switch:1"], attr: { T: FLOAT, N: { i: "1" } } },
          { name: "Identity", op: "Identity", input: ["merge"], attr: { T: FLOAT } },
        ],
        versions: { producer: 1286 },
      },
      weightsManifest: [
        {
          paths: ["weights.bin"],
          weights: [
            { name: "w", shape: [2, 1], dtype: "float32" },
            { name: "pred", shape: [], dtype: "bool" },
          ],
        },
      ],
    };
    const weights = new Uint8Array(9);
    new Float32Array(weights.buffer, 0, 2).set([2, -1]);
    weights[8] = 1; // pred = true: the Merge takes the Switch's true branch
    const graph = await tf.loadGraphModel({
      load: async () => ({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]?.weights,
        weightData: weights.buffer,
      }),
    });
    const probe = tf.tensor2d([[1, 1]]);
    expect(() => graph.execute(probe)).toThrow(/executeAsync/);
    probe.dispose();
    graph.dispose();

    const beforeLoad = tf.memory().numTensors;
    const model = await loadTfjsModel({ modelJson, weights }, { ...cpu, batchSize: 2 });
    const batch = { data: new Float32Array([1, 1, 3, 2, -1, 4]), rows: 3, columns: 2 };
    const start = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) expect(Array.from((await model.predict(batch)).data)).toEqual([1, 4, -6]);
    expect(tf.memory().numTensors).toBe(start);
    await model.dispose();
    expect(tf.memory().numTensors).toBe(beforeLoad);
  });

  it("refuses a graph with two Placeholders (E_MODEL_FORMAT) and an output of three columns (E_OUTPUT_SHAPE)", async () => {
    const files = graphModelFiles(logisticJson);
    const nodes = (files.modelJson.modelTopology as { node: object[] }).node;
    const twoInputs = {
      ...files,
      modelJson: {
        ...files.modelJson,
        modelTopology: {
          ...(files.modelJson.modelTopology as object),
          node: [...nodes, { name: "y", op: "Placeholder", attr: { dtype: { type: "DT_FLOAT" } } }],
        },
      },
    };
    const error = await errorOf(loadTfjsModel(twoInputs, cpu));
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toMatch(/has 2 inputs \("x", "y"\)/);
    // A last layer with three outputs (the helper does not validate the Calibra schema, which would refuse it).
    const widened = graphModelFiles({
      ...twoLogits,
      layers: [
        twoLogits.layers[0] as CalibraModelJson["layers"][number],
        { weights: [0, 1, 2].map(() => new Array(16).fill(0.1)), bias: [0, 0, 0], activation: "linear" },
      ],
    });
    const shapeError = await errorOf(loadTfjsModel(widened, cpu));
    expect(shapeError.code).toBe("E_OUTPUT_SHAPE");
    expect(shapeError.message).toMatch(/output "Identity" has shape \[null, 3\]/);
  });
});
