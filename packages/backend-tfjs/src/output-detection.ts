import { type BuiltinActivationId, CalibraError, ErrorCodes } from "@calibra/core";

/**
 * What the model applies last to the chosen output: `sigmoid`, `softmax`, an affine map (`linear`: logits), or
 * something else (`other`: relu, tanh, … — no activation of core's fits it for sure).
 */
export type FinalActivation = "sigmoid" | "softmax" | "linear" | "other";

/** Layers that pass values through unchanged at inference, so the activation before them is the one that counts. */
const PASSTHROUGH_LAYERS = new Set([
  "Dropout",
  "SpatialDropout1D",
  "GaussianNoise",
  "GaussianDropout",
  "AlphaDropout",
  "Flatten",
  "Reshape",
]);

/** The part of a tfjs `Layer` the detection reads. */
export interface LayerLike {
  getClassName(): string;
  getConfig(): { activation?: unknown };
  readonly inboundNodes: readonly { readonly inboundLayers: readonly LayerLike[] }[];
}

function fromActivationName(name: unknown): FinalActivation {
  if (name === undefined || name === null || name === "linear") return "linear";
  if (name === "sigmoid") return "sigmoid";
  if (name === "softmax") return "softmax";
  return "other";
}

/**
 * The last activation of a LayersModel output: the `activation` of the layer that produces it (`Dense`,
 * `Activation`, …), `softmax` for a `Softmax` layer, looking through dropout/flatten/reshape layers. A layer with no
 * activation setting (Add, Concatenate, BatchNormalization) counts as linear.
 */
export function layersFinalActivation(layer: LayerLike): FinalActivation {
  let current: LayerLike | undefined = layer;
  const seen = new Set<LayerLike>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const className = current.getClassName();
    if (PASSTHROUGH_LAYERS.has(className)) {
      current = current.inboundNodes[0]?.inboundLayers[0];
      continue;
    }
    if (className === "Softmax") return "softmax";
    if (className === "ReLU" || className === "LeakyReLU" || className === "ELU" || className === "PReLU") {
      return "other";
    }
    return fromActivationName(current.getConfig().activation);
  }
  return "linear";
}

/** One node of a GraphDef in tfjs's JSON: name, op, inputs (`name`, `name:1`, `^control`) and attributes. */
export interface GraphNodeJson {
  readonly name: string;
  readonly op: string;
  readonly input?: readonly string[];
  readonly attr?: Record<string, unknown>;
}

/** Ops that forward their first input's values at inference. */
const PASSTHROUGH_OPS = new Set([
  "Identity",
  "IdentityN",
  "Snapshot",
  "StopGradient",
  "PreventGradient",
  "EnsureShape",
  "Reshape",
  "Squeeze",
  "ExpandDims",
]);

/** Ops whose output is an affine function of their inputs: a model ending in one outputs logits. */
const LINEAR_OPS = new Set([
  "MatMul",
  "BatchMatMul",
  "BatchMatMulV2",
  "BiasAdd",
  "Add",
  "AddV2",
  "AddN",
  "Sub",
  "Mul",
  "Neg",
  "Einsum",
  "Placeholder",
  "Const",
]);

/** A fused op's list of fused operations (`fused_ops`, base64 strings in the JSON), e.g. ["BiasAdd", "Relu"]. */
function fusedOps(node: GraphNodeJson): string[] {
  const list = (node.attr?.fused_ops as { list?: { s?: unknown } } | undefined)?.list?.s;
  if (!Array.isArray(list)) return [];
  return list.map((encoded) => {
    try {
      return atob(String(encoded));
    } catch {
      return String(encoded);
    }
  });
}

function classifyOp(node: GraphNodeJson): FinalActivation {
  if (node.op === "Sigmoid") return "sigmoid";
  if (node.op === "Softmax") return "softmax";
  if (node.op === "_FusedMatMul" || node.op === "FusedMatMul") {
    const last = fusedOps(node).at(-1);
    if (last === undefined || last === "BiasAdd" || last === "Add" || last === "AddV2") return "linear";
    return last === "Sigmoid" ? "sigmoid" : "other";
  }
  return LINEAR_OPS.has(node.op) ? "linear" : "other";
}

/** `"name:1"` → `"name"`, `"^name"` → `"name"`. */
function nodeNameOf(input: string): string {
  const name = input.startsWith("^") ? input.slice(1) : input;
  const colon = name.lastIndexOf(":");
  return colon > 0 && /^\d+$/.test(name.slice(colon + 1)) ? name.slice(0, colon) : name;
}

/**
 * The last activation of a GraphModel output: the op of the node that produces it (`Sigmoid`, `Softmax`, an affine
 * op such as `MatMul`/`BiasAdd`/`AddV2`, a fused MatMul's last fused op), looking through `Identity`-like and
 * reshaping nodes. Unknown ops count as `other`.
 */
export function graphFinalActivation(nodes: readonly GraphNodeJson[], outputName: string): FinalActivation {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  let node = byName.get(nodeNameOf(outputName));
  for (let steps = 0; node && steps <= nodes.length; steps++) {
    if (!PASSTHROUGH_OPS.has(node.op)) return classifyOp(node);
    const input = node.input?.find((name) => !name.startsWith("^"));
    node = input === undefined ? undefined : byName.get(nodeNameOf(input));
  }
  return "other";
}

/**
 * The core activation that fits an output of `columns` columns ending in `final`:
 *
 * | columns | ends in                 | suggestion      |
 * | ------- | ----------------------- | --------------- |
 * | 1       | affine map (logit)      | `sigmoid`       |
 * | 1       | sigmoid                 | `probability`   |
 * | 2       | affine map (two logits) | `softmax2`      |
 * | 2       | softmax or sigmoid      | `two-sigmoids`  |
 * | 1 or 2  | anything else           | undefined       |
 *
 * A softmax over one column is constantly 1: `E_MODEL_FORMAT`.
 */
export function suggestActivation(
  columns: 1 | 2,
  final: FinalActivation,
  where: string,
): BuiltinActivationId | undefined {
  if (columns === 1) {
    if (final === "softmax") {
      throw new CalibraError(
        ErrorCodes.MODEL_FORMAT,
        `${where}: the output is a softmax over one column, which is always 1; end the model with a sigmoid, or with two softmax columns.`,
        { details: { where } },
      );
    }
    if (final === "linear") return "sigmoid";
    if (final === "sigmoid") return "probability";
    return undefined;
  }
  if (final === "linear") return "softmax2";
  if (final === "softmax" || final === "sigmoid") return "two-sigmoids";
  return undefined;
}
