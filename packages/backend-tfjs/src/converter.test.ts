import type { CalibraModelJson } from "@calibra/backend-ts";
import { sigmoid } from "@calibra/core";
import type { LayersModel, Tensor } from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import {
  cancer,
  cancerBatch,
  codeOf,
  compareOutputs,
  cpuTf,
  logisticJson,
  mlpJson,
  referenceOutputs,
  tanhJson,
} from "../test/helpers.js";
import { CONVERTED_LAYER_NAMES, toTfjsLayersModel, WEIGHTS_FILE_NAME } from "./converter.js";
import { loadTfjsModel } from "./tfjs-model.js";

/** A two-logit MLP (2 → 3 relu → 2) with standardisation, written out so its outputs are easy to check. */
const twoLogits: CalibraModelJson = {
  format: "calibra.model",
  version: 1,
  kind: "mlp",
  inputs: 2,
  standardize: { mean: [1, -2], scale: [2, 0.5] },
  layers: [
    {
      weights: [
        [1, -1],
        [0.5, 2],
        [-1, 0.25],
      ],
      bias: [0.1, -0.2, 0.3],
      activation: "relu",
    },
    {
      weights: [
        [1, -2, 0.5],
        [-1, 1, 2],
      ],
      bias: [0.05, -0.05],
      activation: "linear",
    },
  ],
  output: "logits2",
};

const twoLogitsBatch = { data: new Float64Array([3, -1, 0, 0, -2, -3, 1.5, 4]), rows: 4, columns: 2 };

describe("toTfjsLayersModel", () => {
  it.each([
    ["logistic regression", logisticJson],
    ["a relu MLP", mlpJson],
    ["a two-layer tanh MLP", tanhJson],
  ])("reproduces backend-ts's logits for %s on every breast_cancer row", async (name, json) => {
    const converted = await toTfjsLayersModel(json, { runtime: "cpu" });
    const reference = referenceOutputs(json);
    for (const source of [converted, converted.artifacts]) {
      const model = await loadTfjsModel(source, { runtime: "cpu" });
      const { data, rows, columns } = await model.predict(cancerBatch);
      expect([rows, columns]).toEqual([cancer.rows, 1]);
      const { maxAbs, maxAbsSmall, withinTolerance } = compareOutputs(data, reference);
      console.info(
        `${name}: max |tfjs − backend-ts| = ${maxAbs.toExponential(2)} (${maxAbsSmall.toExponential(2)} where |logit| ≤ 10)`,
      );
      expect(withinTolerance).toBe(true);
      expect(maxAbs).toBeLessThan(1e-5);
      await model.dispose();
    }
  });

  it("emits features → standardize_center → standardize_scale → dense_1…, with the float32 weights of the model", async () => {
    const converted = await toTfjsLayersModel(mlpJson, { runtime: "cpu" });
    const topology = converted.modelJson.modelTopology as {
      config: { layers: { class_name: string; config: { name: string; activation?: string } }[] };
    };
    expect(
      topology.config.layers.map((layer) => [layer.class_name, layer.config.name, layer.config.activation]),
    ).toEqual([
      ["InputLayer", "features", undefined],
      ["Dense", "standardize_center", "linear"],
      ["Dense", "standardize_scale", "linear"],
      ["Dense", "dense_1", "relu"],
      ["Dense", "dense_2", "linear"],
    ]);
    expect(converted.modelJson.format).toBe("layers-model");
    expect(converted.modelJson.weightsManifest).toHaveLength(1);
    expect(converted.modelJson.weightsManifest[0]?.paths).toEqual([WEIGHTS_FILE_NAME]);
    const specs = converted.modelJson.weightsManifest[0]?.weights ?? [];
    expect(specs.map((spec) => [spec.name, spec.shape])).toEqual([
      ["standardize_center/kernel", [30, 30]],
      ["standardize_center/bias", [30]],
      ["standardize_scale/kernel", [30, 30]],
      ["standardize_scale/bias", [30]],
      ["dense_1/kernel", [30, 16]],
      ["dense_1/bias", [16]],
      ["dense_2/kernel", [16, 1]],
      ["dense_2/bias", [1]],
    ]);
    expect(converted.weights.byteLength).toBe(4 * (900 + 30 + 900 + 30 + 480 + 16 + 16 + 1));
    // dense_1's kernel is Wᵀ: kernel[j][o] = W[o][j], rounded to float32.
    const floats = new Float32Array(
      converted.weights.buffer,
      converted.weights.byteOffset,
      converted.weights.byteLength / 4,
    );
    const kernel = floats.subarray(1860, 1860 + 480);
    const weights = mlpJson.layers[0]?.weights as number[][];
    expect(kernel[3 * 16 + 5]).toBe(Math.fround(weights[5]?.[3] as number));
    expect(kernel[29 * 16 + 15]).toBe(Math.fround(weights[15]?.[29] as number));
    const bias = floats.subarray(1860 + 480, 1860 + 496);
    expect(Array.from(bias)).toEqual((mlpJson.layers[0]?.bias as number[]).map(Math.fround));
  });

  it("standardises within 3 float32 ulps of the float64 (x − mean) / scale, unlike one layer with bias −mean/scale", async () => {
    const tf = await cpuTf();
    const converted = await toTfjsLayersModel(logisticJson, { runtime: "cpu" });
    const full = (await tf.loadLayersModel({ load: async () => converted.artifacts })) as LayersModel;
    const standardize = tf.model({
      inputs: full.inputs,
      outputs: full.getLayer(CONVERTED_LAYER_NAMES.scale).output as never,
    });
    const { mean, scale } = logisticJson.standardize as { mean: number[]; scale: number[] };
    const x32 = Float32Array.from(cancer.features);
    const columns = cancer.columns;
    const ulpsOff = (values: ArrayLike<number>) => {
      let worst = 0;
      for (let k = 0; k < x32.length; k++) {
        const j = k % columns;
        const exact = ((x32[k] as number) - (mean[j] as number)) / (scale[j] as number);
        const ulp = 2 ** (Math.floor(Math.log2(Math.max(Math.abs(exact), 2 ** -126))) - 23);
        worst = Math.max(worst, Math.abs((values[k] as number) - exact) / ulp);
      }
      return worst;
    };
    const output = tf.tidy(() =>
      (standardize.predict(tf.tensor2d(x32, [cancer.rows, columns])) as Tensor).dataSync(),
    );
    const converterUlps = ulpsOff(output);
    // The construction the converter avoids: one Dense layer computing x · fl(1/scale) + fl(−mean/scale).
    const naive = tf.tidy(() => {
      const x = tf.tensor2d(x32, [cancer.rows, columns]);
      return x
        .mul(tf.tensor1d(scale.map((s) => 1 / s)))
        .add(tf.tensor1d(mean.map((m, j) => -m / (scale[j] as number))))
        .dataSync();
    });
    const naiveUlps = ulpsOff(naive);
    console.info(
      `standardisation: converter within ${converterUlps.toFixed(2)} ulps, one diagonal layer ${naiveUlps.toFixed(0)} ulps`,
    );
    expect(converterUlps).toBeLessThanOrEqual(3);
    expect(naiveUlps).toBeGreaterThan(1000);
    full.dispose();
  });

  it("converts a two-logit model: softmax2 as logits, two-sigmoids with a softmax head", async () => {
    const reference = referenceOutputs(twoLogits, twoLogitsBatch);
    const logits = await loadTfjsModel(await toTfjsLayersModel(twoLogits, { runtime: "cpu" }), {
      runtime: "cpu",
    });
    expect(logits.suggestedActivation).toBe("softmax2");
    const raw = await logits.predict(twoLogitsBatch);
    expect(raw.columns).toBe(2);
    expect(compareOutputs(raw.data, reference).withinTolerance).toBe(true);
    const probabilities = await loadTfjsModel(
      await toTfjsLayersModel(twoLogits, { runtime: "cpu", head: "probabilities" }),
      { runtime: "cpu" },
    );
    expect(probabilities.suggestedActivation).toBe("two-sigmoids");
    const { data } = await probabilities.predict(twoLogitsBatch);
    for (let row = 0; row < 4; row++) {
      const z0 = reference[2 * row] as number;
      const z1 = reference[2 * row + 1] as number;
      expect(data[2 * row + 1]).toBeCloseTo(sigmoid(z1 - z0), 6);
      expect((data[2 * row] as number) + (data[2 * row + 1] as number)).toBeCloseTo(1, 6);
    }
  });

  it('ends a one-logit model in a sigmoid with head "probabilities"', async () => {
    const model = await loadTfjsModel(
      await toTfjsLayersModel(logisticJson, { runtime: "cpu", head: "probabilities" }),
      { runtime: "cpu" },
    );
    expect(model.suggestedActivation).toBe("probability");
    const { data } = await model.predict(cancerBatch);
    const reference = referenceOutputs(logisticJson);
    let worst = 0;
    for (let i = 0; i < cancer.rows; i++)
      worst = Math.max(worst, Math.abs((data[i] as number) - sigmoid(reference[i] as number)));
    expect(worst).toBeLessThan(1e-6);
  });

  it("converts a model without standardisation to its Dense layers only", async () => {
    const plain: CalibraModelJson = { ...twoLogits, standardize: undefined };
    const converted = await toTfjsLayersModel(plain, { runtime: "cpu" });
    expect(converted.modelJson.weightsManifest[0]?.weights.map((spec) => spec.name)).toEqual([
      "dense_1/kernel",
      "dense_1/bias",
      "dense_2/kernel",
      "dense_2/bias",
    ]);
    const model = await loadTfjsModel(converted, { runtime: "cpu" });
    const { data } = await model.predict(twoLogitsBatch);
    expect(compareOutputs(data, referenceOutputs(plain, twoLogitsBatch)).withinTolerance).toBe(true);
  });

  it("keeps the Calibra metadata and leaves no tensors behind", async () => {
    const tf = await cpuTf();
    const before = tf.memory().numTensors;
    const converted = await toTfjsLayersModel(
      { ...logisticJson, featureNames: cancer.featureNames },
      { runtime: "cpu" },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(converted.modelJson.userDefinedMetadata).toEqual({
      calibra: { kind: "logistic", output: "logit", head: "logits", featureNames: cancer.featureNames },
    });
    expect(converted.modelJson.convertedBy).toBe("@calibra/backend-tfjs");
  });

  it("refuses an invalid Calibra model (E_MODEL_FORMAT) and an unknown head (E_INVALID_OPTIONS)", async () => {
    const broken = { ...logisticJson, inputs: 29 };
    await expect(toTfjsLayersModel(broken, { runtime: "cpu" })).rejects.toThrow(
      /has 30 columns, the layer's input width is 29/,
    );
    expect(await codeOf(toTfjsLayersModel(broken, { runtime: "cpu" }))).toBe("E_MODEL_FORMAT");
    expect(await codeOf(toTfjsLayersModel(logisticJson, { head: "softmax" as never }))).toBe(
      "E_INVALID_OPTIONS",
    );
  });
});
