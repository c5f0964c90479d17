import type { LayersModel } from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { graphModelFiles } from "../test/graph-model.js";
import {
  cancer,
  cancerBatch,
  codeOf,
  compareOutputs,
  cpuTf,
  errorOf,
  logisticJson,
  mlpJson,
  referenceOutputs,
} from "../test/helpers.js";
import { denseModel, layersModelFiles, seeded } from "../test/layers-model.js";
import { toTfjsLayersModel } from "./converter.js";
import { DEFAULT_BATCH_SIZE, loadTfjsModel } from "./tfjs-model.js";

const tf = await cpuTf();
const logistic = await toTfjsLayersModel(logisticJson, { runtime: "cpu" });
const mlp = await toTfjsLayersModel(mlpJson, { runtime: "cpu" });
const cpu = { runtime: "cpu" } as const;

/** float64 forward pass of {@link denseModel} from its saved weights: tanh hidden layer, then `head`. */
function denseReference(
  weights: Uint8Array,
  features: number,
  units: number,
  x: readonly number[],
  head: (z: number[]) => number[],
) {
  const floats = new Float32Array(weights.buffer, weights.byteOffset, weights.byteLength / 4);
  let offset = 0;
  const take = (count: number) => {
    const values = Array.from(floats.subarray(offset, offset + count));
    offset += count;
    return values;
  };
  const hiddenKernel = take(features * 4);
  const hiddenBias = take(4);
  const headKernel = take(4 * units);
  const headBias = take(units);
  const hidden = hiddenBias.map((bias, o) =>
    Math.tanh(x.reduce((sum, value, j) => sum + value * (hiddenKernel[j * 4 + o] as number), bias)),
  );
  return head(
    headBias.map((bias, o) =>
      hidden.reduce((sum, value, j) => sum + value * (headKernel[j * units + o] as number), bias),
    ),
  );
}

describe("loadTfjsModel: what it reports", () => {
  it("describes a converted logistic model", async () => {
    const model = await loadTfjsModel(logistic, cpu);
    expect(model.backend).toBe("tfjs");
    expect(model.runtime).toBe(`tfjs ${tf.version.tfjs} (cpu)`);
    expect(model.runtime).toBe("tfjs 4.22.0 (cpu)");
    expect(model.runtimeFallbackReason).toBeUndefined();
    expect(model.kind).toBe("layers-model");
    expect(model.featureCount).toBe(30);
    expect(model.batchSize).toBe(DEFAULT_BATCH_SIZE);
    expect(model.inputs).toEqual([{ name: "features", type: "float32", shape: [null, 30] }]);
    expect(model.outputs).toEqual([{ name: "dense_1", type: "float32", shape: [null, 1] }]);
    expect(model.outputName).toBe("dense_1");
    expect(model.suggestedActivation).toBe("sigmoid");
  });
});

describe("loadTfjsModel: output detection", () => {
  it.each([
    [1, "linear", "sigmoid"],
    [1, "sigmoid", "probability"],
    [2, "linear", "softmax2"],
    [2, "softmax", "two-sigmoids"],
    [2, "sigmoid", "two-sigmoids"],
    [1, "relu", undefined],
    [2, "tanh", undefined],
  ] as const)("[N, %i] ending in %s → %s", async (units, activation, expected) => {
    const files = await layersModelFiles(tf, (t) => denseModel(t, 3, units, activation));
    const model = await loadTfjsModel(files, cpu);
    expect(model.suggestedActivation).toBe(expected);
    expect(model.outputs).toEqual([{ name: "head", type: "float32", shape: [null, units] }]);
  });

  it("outputs what the layers compute (checked against a float64 pass over the saved weights)", async () => {
    const rows = [
      [0.5, -1, 2],
      [0, 0, 0],
      [-3, 1.5, 0.25],
    ];
    const batch = { data: Float64Array.from(rows.flat()), rows: 3, columns: 3 };
    const softmax = (z: number[]) => {
      const top = Math.max(...z);
      const exp = z.map((value) => Math.exp(value - top));
      const total = exp.reduce((a, b) => a + b, 0);
      return exp.map((value) => value / total);
    };
    const cases = [
      [1, "sigmoid", (z: number[]) => z.map((value) => 1 / (1 + Math.exp(-value)))],
      [2, "softmax", softmax],
      [2, "linear", (z: number[]) => z],
    ] as const;
    for (const [units, activation, head] of cases) {
      const files = await layersModelFiles(tf, (t) => denseModel(t, 3, units, activation));
      const { data, columns } = await (await loadTfjsModel(files, cpu)).predict(batch);
      expect(columns).toBe(units);
      const expected = rows.flatMap((x) => denseReference(files.weights, 3, units, x, head));
      expect(compareOutputs(data, expected).maxAbs).toBeLessThan(1e-6);
    }
  });

  it("reads the activation through Activation and Softmax layers, and through Dropout", async () => {
    const build =
      (finish: (t: typeof tf, x: unknown) => unknown) =>
      (t: typeof tf): LayersModel => {
        const input = t.input({ shape: [3] });
        const logits = t.layers
          .dense({ units: 2, kernelInitializer: seeded(t, 5), name: "logits" })
          .apply(input);
        return t.model({ inputs: input, outputs: finish(t, logits) as never });
      };
    const cases: [(t: typeof tf, x: unknown) => unknown, string | undefined][] = [
      [(t, x) => t.layers.activation({ activation: "softmax" }).apply(x as never), "two-sigmoids"],
      [(t, x) => t.layers.softmax().apply(x as never), "two-sigmoids"],
      [
        (t, x) =>
          t.layers
            .dropout({ rate: 0.5 })
            .apply(t.layers.activation({ activation: "sigmoid" }).apply(x as never) as never),
        "two-sigmoids",
      ],
      [(t, x) => t.layers.dropout({ rate: 0.5 }).apply(x as never), "softmax2"],
      [(t, x) => t.layers.reLU().apply(x as never), undefined],
    ];
    for (const [finish, expected] of cases) {
      const model = await loadTfjsModel(await layersModelFiles(tf, build(finish)), cpu);
      expect(model.suggestedActivation).toBe(expected);
    }
  });

  it("refuses an output with three columns (E_OUTPUT_SHAPE) and leaves no tensors behind", async () => {
    const files = await layersModelFiles(tf, (t) => denseModel(t, 3, 3, "linear"));
    const before = tf.memory().numTensors;
    const error = await errorOf(loadTfjsModel(files, cpu));
    expect(error.code).toBe("E_OUTPUT_SHAPE");
    expect(error.message).toMatch(
      /output "head" has shape \[null, 3\]; Calibra needs \[null\], \[null, 1\].*or \[null, 2\]/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses a softmax over a single column (always 1) with E_MODEL_FORMAT", async () => {
    const files = await layersModelFiles(tf, (t) => denseModel(t, 3, 1, "softmax"));
    await expect(loadTfjsModel(files, cpu)).rejects.toThrow(/softmax over one column, which is always 1/);
  });

  it("chooses among several outputs by options.output, listing them when it is missing or unknown", async () => {
    const files = await layersModelFiles(tf, (t) => {
      const input = t.input({ shape: [3], name: "features" });
      const hidden = t.layers
        .dense({ units: 4, activation: "relu", kernelInitializer: seeded(t, 6), name: "hidden" })
        .apply(input);
      const logit = t.layers
        .dense({ units: 1, kernelInitializer: seeded(t, 7), name: "logit" })
        .apply(hidden);
      const probs = t.layers
        .dense({ units: 2, activation: "softmax", kernelInitializer: seeded(t, 8), name: "probs" })
        .apply(hidden);
      return t.model({ inputs: input, outputs: [logit, probs] as never });
    });
    const missing = await errorOf(loadTfjsModel(files, cpu));
    expect(missing.code).toBe("E_INVALID_OPTIONS");
    expect(missing.message).toMatch(/has 2 outputs \("logit", "probs"\); choose one with options\.output/);
    const unknown = await errorOf(loadTfjsModel(files, { ...cpu, output: "proba" }));
    expect(unknown.code).toBe("E_INVALID_OPTIONS");
    expect(unknown.message).toMatch(/no output "proba"; its outputs are "logit", "probs"/);
    const batch = { data: new Float32Array([1, 2, 3, -1, 0, 1]), rows: 2, columns: 3 };
    const probs = await loadTfjsModel(files, { ...cpu, output: "probs" });
    expect(probs.outputName).toBe("probs");
    expect(probs.suggestedActivation).toBe("two-sigmoids");
    expect(probs.outputs.map((output) => [output.name, output.shape])).toEqual([
      ["logit", [null, 1]],
      ["probs", [null, 2]],
    ]);
    const probabilities = await probs.predict(batch);
    expect(probabilities.columns).toBe(2);
    expect((probabilities.data[0] as number) + (probabilities.data[1] as number)).toBeCloseTo(1, 6);
    const logit = await loadTfjsModel(files, { ...cpu, output: "logit" });
    expect(logit.suggestedActivation).toBe("sigmoid");
    expect((await logit.predict(batch)).columns).toBe(1);
  });

  it("refuses a model with two inputs, and an int32 input, with E_MODEL_FORMAT", async () => {
    const twoInputs = await layersModelFiles(tf, (t) => {
      const a = t.input({ shape: [2], name: "a" });
      const b = t.input({ shape: [2], name: "b" });
      const joined = t.layers.concatenate().apply([a, b]);
      return t.model({ inputs: [a, b], outputs: t.layers.dense({ units: 1 }).apply(joined) as never });
    });
    const error = await errorOf(loadTfjsModel(twoInputs, cpu));
    expect(error.code).toBe("E_MODEL_FORMAT");
    expect(error.message).toMatch(
      /has 2 inputs \("a", "b"\); this backend feeds one \[rows, features\] input/,
    );
    const intInput = await layersModelFiles(tf, (t) => {
      const input = t.input({ shape: [2], dtype: "int32", name: "codes" });
      return t.model({ inputs: input, outputs: t.layers.dense({ units: 1 }).apply(input) as never });
    });
    await expect(loadTfjsModel(intInput, cpu)).rejects.toThrow(/input "codes" has element type int32/);
  });
});

describe("TfjsModel.predict", () => {
  it("gives the same outputs over 100 000 rows in chunks as in one call, and as backend-ts", async () => {
    const rows = 100_000;
    const data = new Float64Array(rows * cancer.columns);
    for (let row = 0; row < rows; row++) {
      const source = row % cancer.rows;
      // Cycle through the data set, nudging each pass so that the rows differ.
      const nudge = 1 + Math.floor(row / cancer.rows) * 1e-4;
      for (let j = 0; j < cancer.columns; j++)
        data[row * cancer.columns + j] = (cancer.features[source * cancer.columns + j] as number) * nudge;
    }
    const batch = { data, rows, columns: cancer.columns };
    const chunked = await (await loadTfjsModel(mlp, cpu)).predict(batch);
    const oneShot = await (await loadTfjsModel(mlp, { ...cpu, batchSize: rows })).predict(batch);
    const odd = await (await loadTfjsModel(mlp, { ...cpu, batchSize: 777 })).predict(batch);
    expect(chunked.rows).toBe(rows);
    expect(chunked.data.length).toBe(rows);
    expect(chunked.data).toEqual(oneShot.data);
    expect(odd.data).toEqual(oneShot.data);
    expect(compareOutputs(chunked.data, referenceOutputs(mlpJson, batch)).withinTolerance).toBe(true);
  });

  it("leaves the tensor count where it was after 1 000 predictions (LayersModel)", async () => {
    const model = await loadTfjsModel(mlp, { ...cpu, batchSize: 4 });
    const batch = { data: cancer.features.subarray(0, 10 * 30), rows: 10, columns: 30 };
    const first = await model.predict(batch);
    const start = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) await model.predict(batch);
    expect(tf.memory().numTensors).toBe(start);
    expect((await model.predict(batch)).data).toEqual(first.data);
  });

  it("disposes the weights: the tensor count returns to its value before loading, and predict fails with E_BACKEND", async () => {
    const before = tf.memory().numTensors;
    const model = await loadTfjsModel(mlp, cpu);
    expect(tf.memory().numTensors).toBe(before + 8); // 4 Dense layers × (kernel, bias)
    await model.predict(cancerBatch);
    await model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const error = await errorOf(model.predict(cancerBatch));
    expect(error.code).toBe("E_BACKEND");
    expect(error.message).toMatch(/the model was disposed; load it again to predict/);
    await model.dispose(); // a second dispose is harmless
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses bad options with E_INVALID_OPTIONS", async () => {
    for (const options of [
      { batchSize: 0 },
      { batchSize: 2.5 },
      { featureCount: -1 },
      { runtime: "gpu" },
      { output: 3 },
    ]) {
      expect(await codeOf(loadTfjsModel(logistic, options as never))).toBe("E_INVALID_OPTIONS");
    }
    await expect(loadTfjsModel(logistic, { runtime: "gpu" as never })).rejects.toThrow(
      /options\.runtime is "gpu"; use one of "auto", "tensorflow", "cpu", "wasm", "webgl"/,
    );
  });

  it("takes the feature count from options when the graph leaves it open, and checks it against a declared one", async () => {
    const open = graphModelFiles(logisticJson, { inputShape: [-1, -1] });
    const noCount = await errorOf(loadTfjsModel(open, cpu));
    expect(noCount.code).toBe("E_MODEL_FORMAT");
    expect(noCount.message).toMatch(
      /input "x" does not say how many features a row has; pass options\.featureCount/,
    );
    const model = await loadTfjsModel(open, { ...cpu, featureCount: 30 });
    expect(model.featureCount).toBe(30);
    expect(model.inputs).toEqual([{ name: "x", type: "float32", shape: [null, 30] }]);
    expect(
      compareOutputs((await model.predict(cancerBatch)).data, referenceOutputs(logisticJson)).withinTolerance,
    ).toBe(true);
    const conflict = await errorOf(loadTfjsModel(logistic, { ...cpu, featureCount: 29 }));
    expect(conflict.code).toBe("E_INVALID_OPTIONS");
    expect(conflict.message).toMatch(/options\.featureCount is 29, but input "features" takes 30 features/);
  });
});
