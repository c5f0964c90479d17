import { CalibraError } from "@calibra/core";
import ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { buildModel, tensorValue } from "../test/graphs.js";
import { cancer, cancerBatch, maxAbsDifference, mlpJson, referenceOutputs } from "../test/models.js";
import { OnnxDataType } from "./element-types.js";
import { exportOnnx } from "./export-onnx.js";
import { createOnnxLoader } from "./onnx-loader.js";
import type { OrtRuntimeLike, OrtSessionLike, OrtSessionOptions, OrtTensorLike } from "./ort-runtime.js";

// onnxruntime-node itself fits the structural runtime type the loader takes.
const nodeRuntime: OrtRuntimeLike = ort;

interface Instrumented {
  readonly runtime: OrtRuntimeLike;
  /** Output tensors handed out and not yet disposed, now and at most. */
  alive: number;
  maxAlive: number;
  runs: number;
  released: number;
  readonly sessionOptions: (OrtSessionOptions | undefined)[];
  /** The data and dims of every tensor fed, recorded during the run (the loader disposes them afterwards). */
  readonly feeds: { data: unknown; dims: readonly number[] }[];
}

/** Wraps onnxruntime-node to count sessions, runs, live output tensors and releases; optionally hides metadata. */
function instrument(
  options: { hideMetadata?: boolean; versions?: Record<string, string> } = {},
): Instrumented {
  const stats: Instrumented = {
    runtime: undefined as unknown as OrtRuntimeLike,
    alive: 0,
    maxAlive: 0,
    runs: 0,
    released: 0,
    sessionOptions: [],
    feeds: [],
  };
  const wrap = (session: OrtSessionLike): OrtSessionLike => ({
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    inputMetadata: options.hideMetadata ? undefined : session.inputMetadata,
    outputMetadata: options.hideMetadata ? undefined : session.outputMetadata,
    async run(feeds, fetches) {
      stats.runs++;
      for (const feed of Object.values(feeds)) stats.feeds.push({ data: feed.data, dims: [...feed.dims] });
      const results = await session.run(feeds, fetches);
      const wrapped: Record<string, OrtTensorLike> = {};
      for (const [name, tensor] of Object.entries(results)) {
        stats.alive++;
        stats.maxAlive = Math.max(stats.maxAlive, stats.alive);
        let disposed = false;
        wrapped[name] = {
          type: tensor.type,
          dims: tensor.dims,
          data: tensor.data,
          dispose() {
            if (!disposed) stats.alive--;
            disposed = true;
            tensor.dispose?.();
          },
        };
      }
      return wrapped;
    },
    async release() {
      stats.released++;
      await session.release();
    },
  });
  (stats as { runtime: OrtRuntimeLike }).runtime = {
    Tensor: nodeRuntime.Tensor,
    env: options.versions ? { versions: options.versions } : nodeRuntime.env,
    InferenceSession: {
      async create(source: string | Uint8Array, sessionOptions?: OrtSessionOptions) {
        stats.sessionOptions.push(sessionOptions);
        const session =
          typeof source === "string"
            ? await nodeRuntime.InferenceSession.create(source, sessionOptions)
            : await nodeRuntime.InferenceSession.create(source, sessionOptions);
        return wrap(session);
      },
    },
  };
  return stats;
}

describe("createOnnxLoader", () => {
  it("names the runtime with the version it reports", async () => {
    const node = await createOnnxLoader(nodeRuntime, "onnxruntime-node")(exportOnnx(mlpJson));
    expect(node.runtime).toBe(`onnxruntime-node ${ort.env.versions.node}`);
    expect(node.runtime).toBe("onnxruntime-node 1.30.0");
    expect(node.backend).toBe("onnx");
    const other = instrument({ versions: { common: "9.9.9" } });
    const model = await createOnnxLoader(other.runtime, "onnxruntime-web")(exportOnnx(mlpJson));
    expect(model.runtime).toBe("onnxruntime-web 9.9.9");
  });

  it("keeps at most one chunk's output tensors alive, and disposes every one", async () => {
    const stats = instrument();
    const model = await createOnnxLoader(stats.runtime, "onnxruntime-node")(exportOnnx(mlpJson), {
      batchSize: 50,
    });
    const output = await model.predict(cancerBatch);
    expect(stats.runs).toBe(Math.ceil(cancer.rows / 50));
    expect(stats.maxAlive).toBe(1);
    expect(stats.alive).toBe(0);
    expect(
      maxAbsDifference(output.data, referenceOutputs(mlpJson, cancer.features, cancer.rows)),
    ).toBeLessThan(1e-5);
  });

  it("feeds a batch of the input's type as views, and converts another type through one scratch buffer", async () => {
    const same = instrument();
    const float64 = await createOnnxLoader(same.runtime, "onnxruntime-node")(
      exportOnnx(mlpJson, { dtype: "float64" }),
      { batchSize: 100 },
    );
    await float64.predict(cancerBatch);
    expect(same.feeds.length).toBe(6);
    for (const [index, feed] of same.feeds.entries()) {
      const data = feed.data as Float64Array;
      expect(data.buffer).toBe(cancer.features.buffer); // no copy
      expect(data.byteOffset).toBe(index * 100 * cancer.columns * 8);
      expect(feed.dims).toEqual([index < 5 ? 100 : 69, cancer.columns]);
    }
    const converted = instrument();
    const float32 = await createOnnxLoader(converted.runtime, "onnxruntime-node")(exportOnnx(mlpJson), {
      batchSize: 100,
    });
    await float32.predict(cancerBatch);
    const buffers = new Set(converted.feeds.map((feed) => (feed.data as Float32Array).buffer));
    expect(converted.feeds.every((feed) => feed.data instanceof Float32Array)).toBe(true);
    expect(buffers.size).toBe(1);
    expect([...buffers][0]?.byteLength).toBe(100 * cancer.columns * 4);
  });

  it("passes sessionOptions to InferenceSession.create", async () => {
    const stats = instrument();
    const sessionOptions = { graphOptimizationLevel: "disabled", intraOpNumThreads: 1 };
    const model = await createOnnxLoader(stats.runtime, "onnxruntime-node")(exportOnnx(mlpJson), {
      sessionOptions,
    });
    expect(stats.sessionOptions).toEqual([sessionOptions]);
    expect((await model.predict(cancerBatch)).rows).toBe(cancer.rows);
  });

  it("reads names, types and shapes from the graph when the runtime has no session metadata", async () => {
    const stats = instrument({ hideMetadata: true });
    const model = await createOnnxLoader(
      stats.runtime,
      "onnxruntime-node",
    )(exportOnnx(mlpJson, { head: "probabilities", squeeze: true }));
    expect(model.inputs).toEqual([{ name: "features", type: "float32", shape: ["N", 30] }]);
    expect(model.outputs).toEqual([{ name: "probabilities", type: "float32", shape: ["N"] }]);
    expect([model.featureCount, model.outputKind, model.suggestedActivation]).toEqual([
      30,
      "probability",
      "probability",
    ]);
  });

  it("releases the session when the model does not fit, and on dispose", async () => {
    const stats = instrument();
    const load = createOnnxLoader(stats.runtime, "onnxruntime-node");
    const twoInputs = buildModel({
      inputs: [
        tensorValue("a", OnnxDataType.FLOAT, ["N", 1]),
        tensorValue("b", OnnxDataType.FLOAT, ["N", 1]),
      ],
      outputs: [tensorValue("y", OnnxDataType.FLOAT, ["N", 1])],
      nodes: [{ opType: "Add", input: ["a", "b"], output: ["y"] }],
    });
    await expect(load(twoInputs)).rejects.toMatchObject({ code: "E_MODEL_FORMAT" });
    expect(stats.released).toBe(1);
    const model = await load(exportOnnx(mlpJson));
    await model.dispose();
    expect(stats.released).toBe(2);
  });

  it("turns a runtime that cannot be imported into E_BACKEND with the cause, and tries again next time", async () => {
    let attempts = 0;
    const load = createOnnxLoader(async () => {
      attempts++;
      throw new Error("Cannot find module 'onnxruntime-web'");
    }, "onnxruntime-web");
    const error = await load(exportOnnx(mlpJson)).then(
      () => undefined,
      (caught: unknown) => caught as CalibraError,
    );
    if (!error) throw new Error("expected a CalibraError");
    expect(error).toBeInstanceOf(CalibraError);
    expect(error.code).toBe("E_BACKEND");
    expect(error.message).toContain("cannot load onnxruntime-web: Cannot find module 'onnxruntime-web'");
    expect(error.message).toContain("npm install onnxruntime-web");
    expect((error.cause as Error).message).toBe("Cannot find module 'onnxruntime-web'");
    await expect(load(exportOnnx(mlpJson))).rejects.toMatchObject({ code: "E_BACKEND" });
    expect(attempts).toBe(2);
  });

  it("checks the source before importing the runtime", async () => {
    let attempts = 0;
    const load = createOnnxLoader(async () => {
      attempts++;
      return nodeRuntime;
    }, "onnxruntime-node");
    await expect(load(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: "E_MODEL_FORMAT" });
    await expect(load({ format: "calibra.model" } as unknown as Uint8Array)).rejects.toThrow(
      /not an object.*exportOnnx/,
    );
    expect(attempts).toBe(0);
    await load(exportOnnx(mlpJson));
    await load(exportOnnx(mlpJson));
    expect(attempts).toBe(1);
  });
});
