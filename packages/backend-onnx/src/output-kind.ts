import { type BuiltinActivationId, CalibraError, ErrorCodes } from "@calibra/core";
import { isFloatElementType } from "./element-types.js";
import { findProducerNode, ONNX_ML_DOMAIN, type OnnxOutputInfo, stringAttribute } from "./inspect-onnx.js";
import type { GraphProto, NodeProto } from "./onnx-proto.js";

/**
 * What a binary classifier's output holds:
 * - `"logit"`: one logit per row, shape [N] or [N, 1];
 * - `"logits2"`: two class logits per row, [N, 2];
 * - `"probability"`: P(positive) per row, [N] or [N, 1], produced by a `Sigmoid`;
 * - `"probabilities2"`: two class probabilities per row, [N, 2], produced by `Softmax`, by per-class `Sigmoid`s,
 *   by an `ai.onnx.ml` LinearClassifier whose `post_transform` is not NONE, or named like scikit-learn's
 *   converters name them (`probabilities`, `output_probability`).
 */
export type OnnxOutputKind = "logit" | "logits2" | "probability" | "probabilities2";

/** The core activation that turns each kind of output into log-odds. */
export const SUGGESTED_ACTIVATIONS: Readonly<Record<OnnxOutputKind, BuiltinActivationId>> = {
  logit: "sigmoid",
  logits2: "softmax2",
  probability: "probability",
  // For a softmax that sums to 1, p1 / (p0 + p1) = p1 and log p1 − log p0 is exactly the logit difference.
  probabilities2: "two-sigmoids",
};

/**
 * Output names that scikit-learn converters give class probabilities: skl2onnx's `probabilities` (with the
 * ZipMap disabled) and `output_probability` (onnxmltools, and skl2onnx's default name).
 */
export const PROBABILITY_OUTPUT_NAMES: readonly string[] = ["probabilities", "output_probability"];

/**
 * Operators that move values without changing them; the producer of an output is looked for behind them, so a
 * `Softmax` followed by `Identity` or `Cast` still counts as a softmax output.
 */
export const PASS_THROUGH_OPS: ReadonlySet<string> = new Set([
  "Identity",
  "Cast",
  "Reshape",
  "Squeeze",
  "Unsqueeze",
  "Flatten",
]);

/** How Calibra reads the chosen output. */
export interface OutputDescription {
  /** Columns per row, when the shape declares them. */
  readonly columns: 1 | 2 | undefined;
  readonly kind: OnnxOutputKind | undefined;
  readonly suggestedActivation: BuiltinActivationId | undefined;
}

function describeTensor(output: OnnxOutputInfo): string {
  const shape = output.shape.map((dim) => (dim === null ? "?" : String(dim))).join(",");
  return output.isTensor ? `${output.name} (${output.type} [${shape}])` : `${output.name} (${output.type})`;
}

/** `a (int64 [N]), b (float32 [N,2])`: the outputs, for error messages. */
export function listOutputs(outputs: readonly OnnxOutputInfo[]): string {
  return outputs.map(describeTensor).join(", ");
}

const isSequenceOfMaps = (type: string) => type.startsWith("sequence<map<");

/**
 * Picks the output that holds the scores: `requested` by name; else the only output; else the one float tensor;
 * else the scikit-learn convention (`probabilities`, then `output_probability`). Then checks that it is a float
 * tensor. Throws `E_INVALID_OPTIONS` (listing the outputs) when the name does not exist or no rule decides,
 * `E_MODEL_FORMAT` for a ZipMap output or one that holds no floats.
 */
export function chooseOutput(
  outputs: readonly OnnxOutputInfo[],
  requested: string | undefined,
): OnnxOutputInfo {
  let chosen: OnnxOutputInfo | undefined;
  if (requested !== undefined) {
    chosen = outputs.find((output) => output.name === requested);
    if (!chosen) {
      throw new CalibraError(
        ErrorCodes.INVALID_OPTIONS,
        `the model has no output named "${requested}"; its outputs are: ${listOutputs(outputs)}.`,
        { details: { output: requested, outputs: outputs.map((output) => output.name) } },
      );
    }
  } else if (outputs.length === 1) {
    chosen = outputs[0];
  } else {
    const floats = outputs.filter((output) => output.isTensor && isFloatElementType(output.type));
    chosen =
      floats.length === 1
        ? floats[0]
        : PROBABILITY_OUTPUT_NAMES.map((name) => outputs.find((output) => output.name === name)).find(
            (output) => output !== undefined,
          );
    if (!chosen) {
      throw new CalibraError(
        ErrorCodes.INVALID_OPTIONS,
        `the model has ${outputs.length} outputs and none is clearly the classifier's scores: ${listOutputs(outputs)}. ` +
          'Choose one with the `output` option, for example { output: "' +
          `${outputs[0]?.name ?? ""}" }.`,
        { details: { outputs: outputs.map((output) => output.name) } },
      );
    }
  }
  const output = chosen as OnnxOutputInfo;
  if (!output.isTensor) {
    if (isSequenceOfMaps(output.type)) {
      throw new CalibraError(
        ErrorCodes.MODEL_FORMAT,
        `output "${output.name}" is a ZipMap (${output.type}): one dictionary per row, not a tensor of scores. ` +
          "Convert the model with the ZipMap disabled so that probabilities come out as a float tensor [N, 2]: " +
          'with skl2onnx, to_onnx(model, X, options={id(model): {"zipmap": False}}).',
        { details: { output: output.name, type: output.type } },
      );
    }
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `output "${output.name}" is a ${output.type}, not a tensor; Calibra reads scores from a float tensor. ` +
        `The model's outputs are: ${listOutputs(outputs)}.`,
      { details: { output: output.name, type: output.type } },
    );
  }
  if (!isFloatElementType(output.type)) {
    throw new CalibraError(
      ErrorCodes.MODEL_FORMAT,
      `output "${output.name}" holds ${output.type} values; Calibra reads scores (logits or probabilities) from a ` +
        `float32 or float64 output. The model's outputs are: ${listOutputs(outputs)}.`,
      { details: { output: output.name, type: output.type } },
    );
  }
  return output;
}

/**
 * The columns per row that a shape declares: 1 for [N] or [N, 1], 2 for [N, 2], undefined when the shape or its
 * last dimension is not known. Throws `E_OUTPUT_SHAPE` for shapes a binary classifier's scores cannot have.
 */
export function declaredColumns(name: string, shape: readonly (number | string | null)[]): 1 | 2 | undefined {
  if (shape.length === 0) return undefined; // no declared shape
  if (shape.length === 1) return 1;
  const last = shape[1];
  if (shape.length === 2 && typeof last !== "number") return undefined;
  if (shape.length === 2 && (last === 1 || last === 2)) return last;
  throw new CalibraError(
    ErrorCodes.OUTPUT_SHAPE,
    `output "${name}" has shape [${shape.map((dim) => dim ?? "?").join(", ")}]; a binary classifier's scores are ` +
      "[N], [N, 1] or [N, 2]. Pass the output that holds them with the `output` option, or export the model with one or two outputs per row.",
    { details: { output: name, shape } },
  );
}

/** The node that computes `name`, looking through {@link PASS_THROUGH_OPS}. */
export function effectiveProducer(graph: GraphProto, name: string): NodeProto | undefined {
  let node = findProducerNode(graph, name);
  // Each step moves to an earlier node, so the walk ends after at most one step per node.
  for (let steps = graph.node?.length ?? 0; node && steps > 0; steps--) {
    if (!PASS_THROUGH_OPS.has(node.opType ?? "") || (node.domain ?? "") !== "") return node;
    const source = node.input?.[0];
    if (source === undefined) return node;
    const previous = findProducerNode(graph, source);
    if (!previous) return node;
    node = previous;
  }
  return node;
}

function isDefaultDomain(node: NodeProto): boolean {
  return (node.domain ?? "") === "" || node.domain === "ai.onnx";
}

/** Says what the chosen output holds and which core activation reads it (see {@link OnnxOutputKind}). */
export function describeOutput(graph: GraphProto, output: OnnxOutputInfo): OutputDescription {
  const columns = declaredColumns(output.name, output.shape);
  if (columns === undefined) return { columns, kind: undefined, suggestedActivation: undefined };
  const producer = effectiveProducer(graph, output.name);
  const op = producer && isDefaultDomain(producer) ? producer.opType : undefined;
  let kind: OnnxOutputKind;
  if (columns === 1) {
    kind = op === "Sigmoid" ? "probability" : "logit";
  } else {
    const probabilisticClassifier =
      producer?.opType === "LinearClassifier" &&
      producer.domain === ONNX_ML_DOMAIN &&
      (stringAttribute(producer, "post_transform") ?? "NONE") !== "NONE";
    const probabilities =
      op === "Softmax" ||
      op === "Sigmoid" ||
      probabilisticClassifier ||
      PROBABILITY_OUTPUT_NAMES.includes(output.name);
    kind = probabilities ? "probabilities2" : "logits2";
  }
  return { columns, kind, suggestedActivation: SUGGESTED_ACTIVATIONS[kind] };
}
