import { type CalibraModelJson, type LayerActivation, parseModelJson } from "@calibra/backend-ts";
import { CalibraError, ErrorCodes } from "@calibra/core";
import { type FloatElementType, floatDataType, OnnxDataType } from "./element-types.js";
import { FEATURE_NAMES_METADATA_KEY } from "./feature-names.js";
import {
  AttributeType,
  encodeModelProto,
  type ModelProto,
  type NodeProto,
  type StringStringEntryProto,
  type TensorProto,
  type ValueInfoProto,
} from "./onnx-proto.js";

/**
 * The IR version written: 7 (ONNX 1.8, May 2020) is the one that goes with opset 13, so every runtime since
 * onnxruntime 1.6 reads the file; nothing Calibra writes needs a later IR feature.
 */
export const EXPORT_IR_VERSION = 7;

/**
 * The default-domain opset written: 13 is the first with single-axis `Softmax` (the head of a two-logit
 * probability model) and `Squeeze` taking its axes as an input; Gemm, Relu, Tanh, Sigmoid, Sub and Div are
 * unchanged since, so 13 is the oldest opset that means exactly what the graph says.
 */
export const EXPORT_OPSET = 13;

/** The `producer_name` of exported models. */
export const ONNX_PRODUCER = "calibra";

/** The `producer_version` of exported models: this package's version. */
export const ONNX_PRODUCER_VERSION = "0.1.0";

/** The symbolic batch dimension of the exported input and output: any number of rows. */
export const BATCH_DIMENSION = "N";

/** Default name of the exported model's input. */
export const DEFAULT_INPUT_NAME = "features";

/** Default name of the exported model's output with `head: "logits"`. */
export const DEFAULT_OUTPUT_NAME = "logits";

/** Default name of the exported model's output with `head: "probabilities"`. */
export const DEFAULT_PROBABILITY_OUTPUT_NAME = "probabilities";

/** Options of {@link exportOnnx}. */
export interface ExportOnnxOptions {
  /** Element type of the input, the parameters and the output. Default `"float32"`. */
  readonly dtype?: FloatElementType;
  /** Name of the input tensor, shape [N, inputs]. Default `"features"`. */
  readonly inputName?: string;
  /** Name of the output tensor. Default `"logits"`, or `"probabilities"` with `head: "probabilities"`. */
  readonly outputName?: string;
  /**
   * `"logits"` (default) outputs the model's logits. `"probabilities"` appends `Sigmoid` to a one-logit model
   * (output: P(positive)) or `Softmax(axis = −1)` to a two-logit one (output: both class probabilities).
   */
  readonly head?: "logits" | "probabilities";
  /** A one-output model emits shape [N] instead of [N, 1]. Default false. */
  readonly squeeze?: boolean;
}

const DEFAULT_DTYPE: FloatElementType = "float32";

const LAYER_OPS: Readonly<Record<LayerActivation, string | undefined>> = {
  relu: "Relu",
  tanh: "Tanh",
  sigmoid: "Sigmoid",
  linear: undefined,
};

function invalidOption(message: string, details: Record<string, unknown>): CalibraError {
  return new CalibraError(ErrorCodes.INVALID_OPTIONS, `exportOnnx: ${message}`, { details });
}

function checkName(option: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.trim() === "") {
    throw invalidOption(`${option} must be a non-empty string, got ${JSON.stringify(value)}.`, {
      [option]: value,
    });
  }
  return value;
}

interface ResolvedOptions {
  readonly dtype: FloatElementType;
  readonly inputName: string;
  readonly outputName: string;
  readonly head: "logits" | "probabilities";
  readonly squeeze: boolean;
}

function resolveOptions(options: ExportOnnxOptions, outputs: number): ResolvedOptions {
  const dtype = options.dtype ?? DEFAULT_DTYPE;
  if (dtype !== "float32" && dtype !== "float64") {
    throw invalidOption(`dtype must be "float32" or "float64", got ${JSON.stringify(dtype)}.`, { dtype });
  }
  const head = options.head ?? "logits";
  if (head !== "logits" && head !== "probabilities") {
    throw invalidOption(`head must be "logits" or "probabilities", got ${JSON.stringify(head)}.`, { head });
  }
  const squeeze = options.squeeze ?? false;
  if (typeof squeeze !== "boolean") {
    throw invalidOption(`squeeze must be true or false, got ${JSON.stringify(squeeze)}.`, { squeeze });
  }
  if (squeeze && outputs !== 1) {
    throw invalidOption(
      `squeeze applies to a one-logit model; this model has ${outputs} outputs per row, so its output stays [N, ${outputs}].`,
      { squeeze, outputs },
    );
  }
  const inputName = checkName("inputName", options.inputName, DEFAULT_INPUT_NAME);
  const outputName = checkName(
    "outputName",
    options.outputName,
    head === "logits" ? DEFAULT_OUTPUT_NAME : DEFAULT_PROBABILITY_OUTPUT_NAME,
  );
  if (inputName === outputName) {
    throw invalidOption(`inputName and outputName must differ; both are "${inputName}".`, { inputName });
  }
  return { dtype, inputName, outputName, head, squeeze };
}

/** A constant tensor of the model's element type, stored in the packed `float_data` or `double_data` field. */
function floatTensor(
  name: string,
  dims: number[],
  values: readonly number[],
  dtype: FloatElementType,
): TensorProto {
  const tensor: TensorProto = { name, dims, dataType: floatDataType(dtype) };
  // float_data holds float32 values: protobufjs rounds each double to the nearest float32 when it writes them.
  if (dtype === "float32") tensor.floatData = [...values];
  else tensor.doubleData = [...values];
  return tensor;
}

function valueInfo(name: string, dtype: FloatElementType, shape: (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: floatDataType(dtype),
        shape: { dim: shape.map((dim) => (typeof dim === "number" ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

/**
 * Writes a Calibra JSON model (backend-ts's format, validated with `parseModelJson`) as an ONNX model and returns
 * the bytes of the `.onnx` file (IR 7, opset 13, producer "calibra"). The graph mirrors backend-ts's forward
 * pass step for step:
 *
 *   x' = (x − mean) / scale             Sub, then Div (only when the model standardises)
 *   a = act(x'·Wᵀ + b)                  Gemm(transB = 1, so W stays out × in as stored), then Relu / Tanh /
 *                                       Sigmoid (nothing for "linear"), per layer
 *   [Squeeze(axes = [1])]               with `squeeze`: [N, 1] → [N]
 *   [Sigmoid | Softmax(axis = −1)]      with `head: "probabilities"`
 *
 * The input is `inputName` of shape [N, inputs] with a symbolic batch dimension "N"; the output is `outputName`,
 * [N, 1] or [N, 2] ([N] when squeezed). With `dtype: "float64"` everything is double, and onnxruntime's CPU
 * kernels reproduce backend-ts's float64 logits to rounding; with the default float32 the parameters are
 * rounded to float32. The model's `featureNames` go into the metadata as `calibra.featureNames` (JSON).
 */
export function exportOnnx(model: CalibraModelJson, options: ExportOnnxOptions = {}): Uint8Array {
  const json = parseModelJson(model, "exportOnnx: model");
  const last = json.layers[json.layers.length - 1];
  const outputs = last ? last.weights.length : 0;
  const { dtype, inputName, outputName, head, squeeze } = resolveOptions(options, outputs);

  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  let current = inputName;
  const addNode = (
    opType: string,
    inputs: string[],
    name: string,
    attribute: NodeProto["attribute"] = [],
  ) => {
    nodes.push({ opType, input: inputs, output: [name], name, attribute });
    current = name;
  };

  if (json.standardize) {
    initializers.push(floatTensor("standardize_mean", [json.inputs], json.standardize.mean, dtype));
    initializers.push(floatTensor("standardize_scale", [json.inputs], json.standardize.scale, dtype));
    addNode("Sub", [current, "standardize_mean"], "standardize_centered");
    addNode("Div", [current, "standardize_scale"], "standardize_scaled");
  }

  let width = json.inputs;
  json.layers.forEach((layer, index) => {
    const rows = layer.weights.length;
    const weights = `layer${index}_weights`;
    const bias = `layer${index}_bias`;
    initializers.push(floatTensor(weights, [rows, width], layer.weights.flat(), dtype));
    initializers.push(floatTensor(bias, [rows], layer.bias, dtype));
    addNode("Gemm", [current, weights, bias], `layer${index}_gemm`, [
      { name: "transB", type: AttributeType.INT, i: 1 },
    ]);
    const op = LAYER_OPS[layer.activation];
    if (op) addNode(op, [current], `layer${index}_${layer.activation}`);
    width = rows;
  });

  if (squeeze) {
    initializers.push({ name: "squeeze_axes", dims: [1], dataType: OnnxDataType.INT64, int64Data: [1] });
    addNode("Squeeze", [current, "squeeze_axes"], "squeezed");
  }
  if (head === "probabilities") {
    if (outputs === 1) addNode("Sigmoid", [current], "probability");
    else addNode("Softmax", [current], "probabilities", [{ name: "axis", type: AttributeType.INT, i: -1 }]);
  }
  // The last node writes the graph output directly.
  const lastNode = nodes[nodes.length - 1] as NodeProto;
  lastNode.output = [outputName];

  const metadataProps: StringStringEntryProto[] = [{ key: "calibra.kind", value: json.kind }];
  if (json.featureNames)
    metadataProps.push({ key: FEATURE_NAMES_METADATA_KEY, value: JSON.stringify(json.featureNames) });

  const proto: ModelProto = {
    irVersion: EXPORT_IR_VERSION,
    opsetImport: [{ domain: "", version: EXPORT_OPSET }],
    producerName: ONNX_PRODUCER,
    producerVersion: ONNX_PRODUCER_VERSION,
    docString: `Calibra ${json.kind} model exported by @calibra/backend-onnx (${head === "logits" ? "logit" : "probability"} output).`,
    graph: {
      name: `calibra_${json.kind}`,
      node: nodes,
      initializer: initializers,
      input: [valueInfo(inputName, dtype, [BATCH_DIMENSION, json.inputs])],
      output: [valueInfo(outputName, dtype, squeeze ? [BATCH_DIMENSION] : [BATCH_DIMENSION, outputs])],
    },
    metadataProps,
  };
  return encodeModelProto(proto);
}
