import type { CalibraModelJson } from "@calibra/backend-ts";
import type { TfjsModelJson } from "../src/index.js";

/** A model in memory as `{ modelJson, weights }`, with the weights as bytes. */
export interface InMemoryModel {
  readonly modelJson: TfjsModelJson;
  readonly weights: Uint8Array;
}

/** How the hand-written graph ends and adds its biases. */
export interface GraphModelOptions {
  /** `BiasAdd` (what TF emits for Dense) or `AddV2` (a plain broadcast add). Default "BiasAdd". */
  readonly biasOp?: "BiasAdd" | "AddV2";
  /** Append a Sigmoid or Softmax after the last layer. Default "logits" (none). */
  readonly head?: "logits" | "sigmoid" | "softmax";
  /** Squeeze the [N, 1] output to [N]. */
  readonly squeeze?: boolean;
  /** The Placeholder's shape; default [-1, inputs]. */
  readonly inputShape?: readonly number[];
}

const FLOAT = { type: "DT_FLOAT" };
const ACTIVATION_OPS: Record<string, string | undefined> = {
  relu: "Relu",
  tanh: "Tanh",
  sigmoid: "Sigmoid",
  linear: undefined,
};

function dims(shape: readonly number[]) {
  return { dim: shape.map((size) => ({ size: String(size) })) };
}

/**
 * Writes a TensorFlow.js GraphModel (GraphDef JSON, `format: "graph-model"`) by hand for a Calibra model:
 * Placeholder → [Sub mean → RealDiv scale] → per layer MatMul(kernel Const) → BiasAdd/AddV2(bias Const) →
 * Relu/Tanh/Sigmoid → [head] → [Squeeze] → Identity. The Const nodes' values live in the weight manifest, as
 * tensorflowjs_converter writes them.
 */
export function graphModelFiles(model: CalibraModelJson, options: GraphModelOptions = {}): InMemoryModel {
  const nodes: Record<string, unknown>[] = [];
  const weights: { name: string; shape: number[]; dtype: "float32" }[] = [];
  const values: number[] = [];
  const constant = (name: string, shape: number[], data: readonly number[]) => {
    nodes.push({
      name,
      op: "Const",
      attr: { dtype: FLOAT, value: { tensor: { dtype: "DT_FLOAT", tensorShape: dims(shape) } } },
    });
    weights.push({ name, shape, dtype: "float32" });
    values.push(...data);
  };
  const op = (name: string, opName: string, input: string[], attr: Record<string, unknown> = {}) => {
    nodes.push({ name, op: opName, input, attr: { T: FLOAT, ...attr } });
    return name;
  };
  nodes.push({
    name: "x",
    op: "Placeholder",
    attr: { dtype: FLOAT, shape: { shape: dims([...(options.inputShape ?? [-1, model.inputs])]) } },
  });
  let current = "x";
  if (model.standardize) {
    // The mean as a float32 part and the rest, subtracted in turn: x − fl32(mean) alone would be off by up to
    // |mean|·2⁻²⁴ before the division (see the converter's standardisation layers).
    const meanHigh = Float32Array.from(model.standardize.mean);
    const meanLow = model.standardize.mean.map((mean, j) => mean - (meanHigh[j] as number));
    constant("standardize/mean_high", [model.inputs], Array.from(meanHigh));
    constant("standardize/mean_low", [model.inputs], meanLow);
    constant("standardize/scale", [model.inputs], model.standardize.scale);
    current = op("standardize/sub_high", "Sub", [current, "standardize/mean_high"]);
    current = op("standardize/sub_low", "Sub", [current, "standardize/mean_low"]);
    current = op("standardize/div", "RealDiv", [current, "standardize/scale"]);
  }
  let inputs = model.inputs;
  model.layers.forEach((layer, index) => {
    const units = layer.weights.length;
    const kernel: number[] = new Array(inputs * units);
    layer.weights.forEach((row, out) => {
      row.forEach((weight, j) => {
        kernel[j * units + out] = weight;
      });
    });
    const prefix = `dense_${index + 1}`;
    constant(`${prefix}/kernel`, [inputs, units], kernel);
    constant(`${prefix}/bias`, [units], layer.bias);
    current = op(`${prefix}/MatMul`, "MatMul", [current, `${prefix}/kernel`], {
      transpose_a: { b: false },
      transpose_b: { b: false },
    });
    const biasOp = options.biasOp ?? "BiasAdd";
    current = op(
      `${prefix}/${biasOp}`,
      biasOp,
      [current, `${prefix}/bias`],
      biasOp === "BiasAdd" ? { data_format: { s: btoa("NHWC") } } : {},
    );
    const activation = ACTIVATION_OPS[layer.activation];
    if (activation) current = op(`${prefix}/${activation}`, activation, [current]);
    inputs = units;
  });
  if (options.head === "sigmoid") current = op("head/Sigmoid", "Sigmoid", [current]);
  if (options.head === "softmax") current = op("head/Softmax", "Softmax", [current]);
  if (options.squeeze)
    current = op("Squeeze", "Squeeze", [current], { squeeze_dims: { list: { i: ["1"] } } });
  op("Identity", "Identity", [current]);
  const modelJson: TfjsModelJson = {
    format: "graph-model",
    generatedBy: "calibra test helper",
    convertedBy: null,
    modelTopology: { node: nodes, library: {}, versions: { producer: 1286 } },
    weightsManifest: [{ paths: ["group1-shard1of1.bin"], weights }],
  };
  return { modelJson, weights: new Uint8Array(Float32Array.from(values).buffer) };
}
