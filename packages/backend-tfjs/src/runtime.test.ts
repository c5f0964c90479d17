import type { KernelBackend } from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { cpuTf, errorOf, logisticJson, moduleNotFound, withoutTfjsNode } from "../test/helpers.js";
import { toTfjsLayersModel } from "./converter.js";
import {
  type ModuleImporter,
  resolveTfjsRuntime,
  TFJS_MODULE,
  TFJS_NODE_MODULE,
  type TfjsNamespace,
} from "./runtime.js";
import { loadTfjsModel } from "./tfjs-model.js";

const tf = await cpuTf();
const converted = await toTfjsLayersModel(logisticJson, { runtime: "cpu" });
const batch = {
  data: logisticJson.standardize?.mean.map((mean, j) => mean + (j % 3) - 1) ?? [],
  rows: 1,
  columns: 30,
};
const features = { ...batch, data: Float64Array.from(batch.data) };

/** What tfjs-node's loader throws when its native addon is missing (its own message). */
const addonMissing = new Error(
  "The Node.js native addon module (tfjs_binding.node) can not be found at path: /app/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node.",
);

const failingTfjsNode: ModuleImporter = async (specifier) => {
  if (specifier === TFJS_NODE_MODULE) throw addonMissing;
  return withoutTfjsNode(specifier);
};

/**
 * A stand-in for tfjs-node: its own namespace object (as tfjs-node exports its own tfjs), a version naming
 * tfjs-node, and a "tensorflow" backend that is really the cpu backend under that name (cpu kernels registered
 * again for it). Like tfjs-node, importing it selects that backend.
 */
let fakeTfjsNode: TfjsNamespace | undefined;
const presentTfjsNode: ModuleImporter = async (specifier) => {
  if (specifier !== TFJS_NODE_MODULE) return withoutTfjsNode(specifier);
  if (!fakeTfjsNode) {
    const CpuBackend = (tf.findBackend("cpu") as KernelBackend).constructor as new () => KernelBackend;
    tf.registerBackend("tensorflow", () => new CpuBackend());
    for (const kernel of tf.getKernelsForBackend("cpu"))
      tf.registerKernel({ ...kernel, backendName: "tensorflow" });
    fakeTfjsNode = { ...tf, version: { ...tf.version, "tfjs-node": "4.22.0" } } as TfjsNamespace;
  }
  await tf.setBackend("tensorflow");
  return fakeTfjsNode;
};

describe("resolveTfjsRuntime", () => {
  it('"auto" falls back to cpu when tfjs-node is not installed, and says so', async () => {
    const runtime = await resolveTfjsRuntime({ importModule: withoutTfjsNode });
    expect(runtime.backendName).toBe("cpu");
    expect(runtime.description).toBe("tfjs 4.22.0 (cpu)");
    expect(runtime.fallbackReason).toBe("@tensorflow/tfjs-node is not installed");
    expect(tf.getBackend()).toBe("cpu");
  });

  it('"auto" falls back to cpu when tfjs-node is installed but fails to load, keeping its message', async () => {
    const runtime = await resolveTfjsRuntime({ runtime: "auto", importModule: failingTfjsNode });
    expect(runtime.backendName).toBe("cpu");
    expect(runtime.fallbackReason).toBe(`@tensorflow/tfjs-node failed to load: ${addonMissing.message}`);
    const model = await loadTfjsModel(converted, { importModule: failingTfjsNode });
    expect(model.runtime).toBe("tfjs 4.22.0 (cpu)");
    expect(model.runtimeFallbackReason).toMatch(/tfjs_binding\.node/);
  });

  it('"tensorflow" without tfjs-node is E_BACKEND saying how to install it, with the cause', async () => {
    const absent = await errorOf(
      resolveTfjsRuntime({ runtime: "tensorflow", importModule: withoutTfjsNode }),
    );
    expect(absent.code).toBe("E_BACKEND");
    expect(absent.message).toMatch(
      /the tfjs runtime "tensorflow" is not available: @tensorflow\/tfjs-node is not installed\. To use it, install @tensorflow\/tfjs-node \(npm install @tensorflow\/tfjs-node; it downloads libtensorflow/,
    );
    expect((absent.cause as { code?: string }).code).toBe("ERR_MODULE_NOT_FOUND");
    const failing = await errorOf(
      loadTfjsModel(converted, { runtime: "tensorflow", importModule: failingTfjsNode }),
    );
    expect(failing.code).toBe("E_BACKEND");
    expect(failing.message).toMatch(
      /@tensorflow\/tfjs-node failed to load \(The Node\.js native addon module/,
    );
    expect(failing.cause).toBe(addonMissing);
  });

  it('"webgl" in Node, "wasm" without its package, and a missing tfjs are E_BACKEND with the way out', async () => {
    const webgl = await errorOf(resolveTfjsRuntime({ runtime: "webgl", importModule: withoutTfjsNode }));
    expect(webgl.code).toBe("E_BACKEND");
    expect(webgl.message).toMatch(/"webgl" is not available: .*run in a browser with WebGL/);
    const wasm = await errorOf(resolveTfjsRuntime({ runtime: "wasm", importModule: withoutTfjsNode }));
    expect(wasm.code).toBe("E_BACKEND");
    expect(wasm.message).toMatch(
      /@tensorflow\/tfjs-backend-wasm is not installed\. To use it, install @tensorflow\/tfjs-backend-wasm/,
    );
    const noTfjs = await errorOf(
      resolveTfjsRuntime({ runtime: "cpu", importModule: async (id) => Promise.reject(moduleNotFound(id)) }),
    );
    expect(noTfjs.code).toBe("E_BACKEND");
    expect(noTfjs.message).toMatch(/cannot load @tensorflow\/tfjs: .*npm install @tensorflow\/tfjs\./);
    const impostor = await errorOf(
      resolveTfjsRuntime({ runtime: "cpu", importModule: async () => ({ version: "1" }) }),
    );
    expect(impostor.message).toMatch(/"@tensorflow\/tfjs" loaded, but it does not export TensorFlow\.js/);
    expect(tf.getBackend()).toBe("cpu");
  });

  it("refuses an unknown runtime or a non-function importer with E_INVALID_OPTIONS", async () => {
    expect((await errorOf(resolveTfjsRuntime({ runtime: "metal" as never }))).code).toBe("E_INVALID_OPTIONS");
    expect((await errorOf(resolveTfjsRuntime({ importModule: "x" as never }))).code).toBe(
      "E_INVALID_OPTIONS",
    );
  });

  it("uses the module's own tf namespace when tfjs-node loads, and reports it", async () => {
    const runtime = await resolveTfjsRuntime({ importModule: presentTfjsNode });
    expect(runtime.tf).toBe(fakeTfjsNode);
    expect(runtime.backendName).toBe("tensorflow");
    expect(runtime.description).toBe("tfjs-node 4.22.0 (tensorflow)");
    expect(runtime.fallbackReason).toBeUndefined();
    const explicit = await resolveTfjsRuntime({ runtime: "tensorflow", importModule: presentTfjsNode });
    expect(explicit.description).toBe("tfjs-node 4.22.0 (tensorflow)");
  });

  it("runs each model on the backend it was loaded on, switching the process-wide backend back as needed", async () => {
    const onTensorflow = await loadTfjsModel(converted, { importModule: presentTfjsNode });
    expect(onTensorflow.runtime).toBe("tfjs-node 4.22.0 (tensorflow)");
    const onCpu = await loadTfjsModel(converted, { runtime: "cpu", importModule: presentTfjsNode });
    expect(onCpu.runtime).toBe("tfjs 4.22.0 (cpu)");
    expect(tf.getBackend()).toBe("cpu");
    const fromTensorflow = await onTensorflow.predict(features);
    expect(tf.getBackend()).toBe("tensorflow");
    const fromCpu = await onCpu.predict(features);
    expect(tf.getBackend()).toBe("cpu");
    expect(fromTensorflow.data).toEqual(fromCpu.data);
    await onTensorflow.dispose();
    await onCpu.dispose();
  });
});

describe("the default importer", () => {
  it(`imports ${TFJS_MODULE} itself and reports what "auto" chose`, async () => {
    const runtime = await resolveTfjsRuntime();
    // This workspace does not install tfjs-node, so "auto" lands on cpu; where it is installed it is "tensorflow".
    if (runtime.backendName === "cpu") {
      expect(runtime.description).toBe("tfjs 4.22.0 (cpu)");
      expect(runtime.fallbackReason).toMatch(/^@tensorflow\/tfjs-node (is not installed|failed to load: )/);
    } else {
      expect(runtime.description).toMatch(/^tfjs-node \S+ \(tensorflow\)$/);
    }
    const cpu = await resolveTfjsRuntime({ runtime: "cpu" });
    expect(cpu.tf.getBackend()).toBe("cpu");
    expect(typeof cpu.tf.loadGraphModel).toBe("function");
  });
});
