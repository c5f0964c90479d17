import type { GraphModel, LayersModel, NamedTensorMap, Tensor } from "@tensorflow/tfjs";
import type { TfjsModelArtifacts, TfjsModelKind } from "./model-json.js";
import {
  type FinalActivation,
  type GraphNodeJson,
  graphFinalActivation,
  type LayerLike,
  layersFinalActivation,
} from "./output-detection.js";
import type { TfjsNamespace } from "./runtime.js";

/** Name, element type and static shape (`null` for a free dimension, undefined when the model does not say). */
export interface StaticTensorInfo {
  readonly name: string;
  readonly dtype: string | undefined;
  readonly shape: readonly (number | null)[] | undefined;
}

/** A loaded LayersModel or GraphModel behind one interface: what it takes, what it gives, how to run it. */
export interface ModelRunner {
  readonly kind: TfjsModelKind;
  readonly inputs: readonly StaticTensorInfo[];
  readonly outputs: readonly StaticTensorInfo[];
  /** The activation that ends output `index`. */
  finalActivation(index: number): FinalActivation;
  /** Runs synchronously (call inside `tf.tidy`) and returns the outputs at `indices`. */
  execute(input: Tensor, indices: readonly number[]): Tensor[];
  /** Runs a graph that needs `executeAsync` (control flow, dynamic shapes); the caller disposes `input`. */
  executeAsync(input: Tensor, indices: readonly number[]): Promise<Tensor[]>;
  /** Disposes the weights. */
  dispose(): void;
}

function staticShape(
  shape: readonly (number | null | undefined)[] | undefined,
): (number | null)[] | undefined {
  return shape?.map((size) => (typeof size === "number" && size >= 0 ? size : null));
}

/** Wraps a LayersModel: `predictOnBatch` runs the whole chunk at once (`predict` would split it into 32-row batches). */
export function layersRunner(model: LayersModel): ModelRunner {
  const outputLayers = model.outputs.map(
    (tensor) => tensor.sourceLayer as unknown as LayerLike & { name: string },
  );
  const layerNames = outputLayers.map((layer) => layer.name);
  const unique = new Set(layerNames).size === layerNames.length;
  const run = (input: Tensor, indices: readonly number[]): Tensor[] => {
    const result = model.predictOnBatch(input);
    const all = Array.isArray(result) ? result : [result as Tensor];
    return indices.map((index) => all[index] as Tensor);
  };
  return {
    kind: "layers-model",
    inputs: model.inputs.map((tensor) => ({
      name: (tensor.sourceLayer as unknown as { name: string }).name,
      dtype: tensor.dtype,
      shape: staticShape(tensor.shape),
    })),
    outputs: model.outputs.map((tensor, index) => ({
      name: unique ? (layerNames[index] as string) : tensor.name,
      dtype: tensor.dtype,
      shape: staticShape(tensor.shape),
    })),
    finalActivation: (index) => layersFinalActivation(outputLayers[index] as LayerLike),
    execute: run,
    executeAsync: async (input, indices) => run(input, indices),
    dispose: () => {
      model.dispose();
    },
  };
}

/**
 * Wraps a GraphModel. Outputs are named by `outputNodes` (signature keys when the model has a signature, node
 * names otherwise); the activation is read from the GraphDef nodes in the artifacts.
 */
export function graphRunner(model: GraphModel, artifacts: TfjsModelArtifacts): ModelRunner {
  const topology = artifacts.modelTopology as { node?: GraphNodeJson[] } | undefined;
  const nodes = topology?.node ?? [];
  const inputKeys = model.inputNodes;
  const outputKeys = model.outputNodes;
  const outputNodeNames = model.outputs.map((output) => output.name);
  const feeds = (input: Tensor): NamedTensorMap => ({ [inputKeys[0] as string]: input });
  const select = (indices: readonly number[]) => indices.map((index) => outputKeys[index] as string);
  const asArray = (result: Tensor | Tensor[]): Tensor[] => (Array.isArray(result) ? result : [result]);
  return {
    kind: "graph-model",
    inputs: model.inputs.map((input, index) => ({
      name: inputKeys[index] ?? input.name,
      dtype: input.dtype,
      shape: staticShape(input.shape),
    })),
    outputs: model.outputs.map((output, index) => ({
      name: outputKeys[index] ?? output.name,
      dtype: output.dtype,
      shape: staticShape(output.shape),
    })),
    finalActivation: (index) => graphFinalActivation(nodes, outputNodeNames[index] ?? ""),
    execute: (input, indices) => asArray(model.execute(feeds(input), select(indices))),
    executeAsync: async (input, indices) => asArray(await model.executeAsync(feeds(input), select(indices))),
    dispose: () => {
      model.dispose();
    },
  };
}

/** Builds the tfjs model from artifacts (through an in-memory IO handler) and wraps it. */
export async function createRunner(
  tf: TfjsNamespace,
  artifacts: TfjsModelArtifacts,
  kind: TfjsModelKind,
): Promise<ModelRunner> {
  const handler = { load: async () => artifacts };
  if (kind === "layers-model") return layersRunner(await tf.loadLayersModel(handler));
  return graphRunner(await tf.loadGraphModel(handler), artifacts);
}
