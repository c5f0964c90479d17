import type { CalibraModelJson } from "@calibra/backend-ts";
import {
  type AttributeProto,
  AttributeType,
  encodeModelProto,
  type NodeProto,
  OnnxDataType,
  type OperatorSetIdProto,
  type TensorProto,
  type TypeProto,
  type ValueInfoProto,
} from "../src/index.js";

/** Hand-built ONNX graphs for the shapes and operators a Calibra export never writes. */

const encoder = new TextEncoder();

/** A tensor value of the given ONNX element type and shape (a string is a symbolic dimension). */
export function tensorValue(name: string, elemType: number, shape: (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((dim) => (typeof dim === "number" ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

export const floatAttribute = (name: string, values: number[]): AttributeProto => ({
  name,
  type: AttributeType.FLOATS,
  floats: values,
});
export const intsAttribute = (name: string, values: number[]): AttributeProto => ({
  name,
  type: AttributeType.INTS,
  ints: values,
});
export const intAttribute = (name: string, value: number): AttributeProto => ({
  name,
  type: AttributeType.INT,
  i: value,
});
export const stringAttribute = (name: string, value: string): AttributeProto => ({
  name,
  type: AttributeType.STRING,
  s: encoder.encode(value),
});

export const DEFAULT_OPSETS: OperatorSetIdProto[] = [{ domain: "", version: 13 }];
export const ML_OPSETS: OperatorSetIdProto[] = [
  { domain: "", version: 13 },
  { domain: "ai.onnx.ml", version: 1 },
];

export interface GraphParts {
  readonly inputs: ValueInfoProto[];
  readonly outputs: ValueInfoProto[];
  readonly nodes: NodeProto[];
  readonly initializers?: TensorProto[];
  readonly opsets?: OperatorSetIdProto[];
  readonly producer?: string;
}

/** Encodes a one-graph model (IR 7) from its parts. */
export function buildModel(parts: GraphParts): Uint8Array {
  return encodeModelProto({
    irVersion: 7,
    opsetImport: parts.opsets ?? DEFAULT_OPSETS,
    producerName: parts.producer ?? "calibra-tests",
    graph: {
      name: "test",
      node: parts.nodes,
      initializer: parts.initializers ?? [],
      input: parts.inputs,
      output: parts.outputs,
    },
  });
}

/** `Identity(x)`, one node per output name: copies the input to every output. */
export function identityModel(input: ValueInfoProto, outputs: ValueInfoProto[]): Uint8Array {
  return buildModel({
    inputs: [input],
    outputs,
    nodes: outputs.map((output) => ({
      opType: "Identity",
      input: [input.name as string],
      output: [output.name as string],
    })),
  });
}

/** Sub/Div standardisation nodes (default domain) for a model that standardises, else nothing. */
function standardizeNodes(
  json: CalibraModelJson,
  input: string,
): { nodes: NodeProto[]; initializers: TensorProto[]; output: string } {
  if (!json.standardize) return { nodes: [], initializers: [], output: input };
  return {
    nodes: [
      { opType: "Sub", input: [input, "mean"], output: ["centered"] },
      { opType: "Div", input: ["centered", "scale"], output: ["scaled"] },
    ],
    initializers: [
      { name: "mean", dims: [json.inputs], dataType: OnnxDataType.FLOAT, floatData: json.standardize.mean },
      { name: "scale", dims: [json.inputs], dataType: OnnxDataType.FLOAT, floatData: json.standardize.scale },
    ],
    output: "scaled",
  };
}

/**
 * A logistic-regression model written the way skl2onnx writes a binary classifier: an `ai.onnx.ml`
 * LinearClassifier with coefficients [−w; w], intercepts [−b, b] and `post_transform`, giving `label` (int64 [N])
 * and `probabilities` (float [N, 2]); with `zipmap`, a ZipMap turns the probabilities into
 * `output_probability`, a sequence of maps, and the label output is `output_label`.
 */
export function linearClassifierModel(
  json: CalibraModelJson,
  options: { postTransform?: string; zipmap?: boolean } = {},
): Uint8Array {
  const layer = json.layers[0];
  if (!layer || json.layers.length !== 1 || layer.weights.length !== 1)
    throw new Error("needs a logistic model");
  const weights = layer.weights[0] as number[];
  const bias = layer.bias[0] as number;
  const standardize = standardizeNodes(json, "features");
  const zipmap = options.zipmap ?? false;
  const labelName = zipmap ? "output_label" : "label";
  const nodes: NodeProto[] = [
    ...standardize.nodes,
    {
      opType: "LinearClassifier",
      domain: "ai.onnx.ml",
      input: [standardize.output],
      output: [labelName, "probabilities"],
      attribute: [
        floatAttribute("coefficients", [...weights.map((w) => -w), ...weights]),
        floatAttribute("intercepts", [-bias, bias]),
        intsAttribute("classlabels_ints", [0, 1]),
        intAttribute("multi_class", 0),
        stringAttribute("post_transform", options.postTransform ?? "LOGISTIC"),
      ],
    },
  ];
  const outputs: ValueInfoProto[] = [tensorValue(labelName, OnnxDataType.INT64, ["N"])];
  if (zipmap) {
    nodes.push({
      opType: "ZipMap",
      domain: "ai.onnx.ml",
      input: ["probabilities"],
      output: ["output_probability"],
      attribute: [intsAttribute("classlabels_int64s", [0, 1])],
    });
    const mapType: TypeProto = {
      sequenceType: {
        elemType: {
          mapType: {
            keyType: OnnxDataType.INT64,
            valueType: { tensorType: { elemType: OnnxDataType.FLOAT } },
          },
        },
      },
    };
    outputs.push({ name: "output_probability", type: mapType });
  } else {
    outputs.push(tensorValue("probabilities", OnnxDataType.FLOAT, ["N", 2]));
  }
  return buildModel({
    inputs: [tensorValue("features", OnnxDataType.FLOAT, ["N", json.inputs])],
    outputs,
    nodes,
    initializers: standardize.initializers,
    opsets: ML_OPSETS,
    producer: "skl2onnx-like",
  });
}
