import { CalibraError, ErrorCodes, type TensorInfo } from "@calibra/core";
import { elementTypeName } from "./element-types.js";
import {
  type AttributeProto,
  decodeModelProto,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorShapeProto,
  type TypeProto,
} from "./onnx-proto.js";

/** The domain name of the default ONNX operator set, which files spell as `""`. */
export const DEFAULT_ONNX_DOMAIN = "ai.onnx";

/** The domain of the traditional-ML operators (LinearClassifier, ZipMap, …) that skl2onnx emits. */
export const ONNX_ML_DOMAIN = "ai.onnx.ml";

/** An operator set the model imports. */
export interface OnnxOpset {
  /** `"ai.onnx"` for the default domain (stored as `""`), else the domain as written. */
  readonly domain: string;
  readonly version: number;
}

/** The node that writes a graph output. */
export interface OnnxProducer {
  readonly opType: string;
  /** `"ai.onnx"` for the default domain. */
  readonly domain: string;
  /** A `LinearClassifier`'s `post_transform` attribute (`"NONE"` when absent, its ONNX default). */
  readonly postTransform?: string;
}

/** A graph output, with the node that produces it (`undefined` when an input or initializer is the output). */
export interface OnnxOutputInfo extends TensorInfo {
  /** True for a tensor; false for a sequence, map or optional value (a ZipMap output, for instance). */
  readonly isTensor: boolean;
  readonly producedBy: OnnxProducer | undefined;
}

/** What {@link inspectOnnx} reads from a `.onnx` file without running it. */
export interface OnnxSummary {
  readonly irVersion: number;
  readonly opsets: readonly OnnxOpset[];
  /** `producer_name` and `producer_version` (empty strings when absent). */
  readonly producer: { readonly name: string; readonly version: string };
  /** The graph's real inputs: graph inputs that are not initializers. */
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly OnnxOutputInfo[];
  /**
   * The model's `metadata_props` as key → value (`{}` when it has none). A key written twice keeps its last
   * value. Calibra's exporter records `calibra.kind` and `calibra.featureNames` here.
   */
  readonly metadata: Readonly<Record<string, string>>;
}

/** The decoded model with the parts Calibra's checks rely on known to be present. */
export interface DecodedOnnxModel {
  readonly proto: ModelProto & { graph: GraphProto };
  readonly summary: OnnxSummary;
}

function notOnnx(where: string, reason: string, cause?: unknown): CalibraError {
  return new CalibraError(
    ErrorCodes.MODEL_FORMAT,
    `${where}: not an ONNX model: ${reason}. Pass a .onnx file (a serialised onnx.ModelProto), or its bytes.`,
    cause === undefined ? { details: { where } } : { cause, details: { where } },
  );
}

function domainName(domain: string | undefined): string {
  return domain === undefined || domain === "" ? DEFAULT_ONNX_DOMAIN : domain;
}

function shapeOf(shape: TensorShapeProto | undefined): (number | string | null)[] {
  return (shape?.dim ?? []).map((dim) => {
    if (dim.dimValue !== undefined) return dim.dimValue;
    if (dim.dimParam !== undefined && dim.dimParam !== "") return dim.dimParam;
    return null;
  });
}

/** A readable type: `float32`, `sequence<map<int64,float32>>`, `optional<float32>`, `unknown`. */
export function typeName(type: TypeProto | undefined): string {
  if (!type) return "unknown";
  if (type.tensorType) return elementTypeName(type.tensorType.elemType);
  if (type.sequenceType) return `sequence<${typeName(type.sequenceType.elemType)}>`;
  if (type.mapType) {
    return `map<${elementTypeName(type.mapType.keyType)},${typeName(type.mapType.valueType)}>`;
  }
  if (type.optionalType) return `optional<${typeName(type.optionalType.elemType)}>`;
  if (type.sparseTensorType) return `sparse_tensor<${elementTypeName(type.sparseTensorType.elemType)}>`;
  return "unknown";
}

/** The string value of a node attribute, or undefined. */
export function stringAttribute(node: NodeProto, name: string): string | undefined {
  const attribute: AttributeProto | undefined = node.attribute?.find((a) => a.name === name);
  return attribute?.s ? new TextDecoder().decode(attribute.s) : undefined;
}

/** Describes the node that writes `name`, or undefined when no node does. */
export function producerOf(graph: GraphProto, name: string): OnnxProducer | undefined {
  const node = findProducerNode(graph, name);
  if (!node) return undefined;
  const opType = node.opType ?? "";
  const domain = domainName(node.domain);
  if (opType === "LinearClassifier" && domain === ONNX_ML_DOMAIN) {
    return { opType, domain, postTransform: stringAttribute(node, "post_transform") ?? "NONE" };
  }
  return { opType, domain };
}

/** The node that writes `name`; the last one if a (malformed) graph has several. */
export function findProducerNode(graph: GraphProto, name: string): NodeProto | undefined {
  const nodes = graph.node ?? [];
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index] as NodeProto;
    if (node.output?.includes(name)) return node;
  }
  return undefined;
}

/**
 * Decodes `bytes` as an ONNX model and checks that it is one Calibra can reason about: a protobuf `ModelProto` with
 * a positive `ir_version` and a graph with at least one output. Throws `E_MODEL_FORMAT` (naming `where`) otherwise.
 */
export function decodeOnnxModel(bytes: Uint8Array, where = "model bytes"): DecodedOnnxModel {
  if (!(bytes instanceof Uint8Array))
    throw notOnnx(where, "expected the bytes of a .onnx file (a Uint8Array)");
  if (bytes.length === 0) throw notOnnx(where, "it is empty");
  let proto: ModelProto;
  try {
    proto = decodeModelProto(bytes);
  } catch (cause) {
    throw notOnnx(where, `the bytes are not a valid protobuf message (${(cause as Error).message})`, cause);
  }
  const irVersion = proto.irVersion;
  if (typeof irVersion !== "number" || !Number.isInteger(irVersion) || irVersion < 1) {
    throw notOnnx(where, `it has no valid ir_version (got ${String(irVersion)})`);
  }
  const graph = proto.graph;
  if (!graph) throw notOnnx(where, "the ModelProto has no graph");
  if ((graph.output ?? []).length === 0) throw notOnnx(where, "its graph has no outputs");

  const initializerNames = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
  const inputs: TensorInfo[] = (graph.input ?? [])
    .filter((input) => !initializerNames.has(input.name))
    .map((input) => ({
      name: input.name ?? "",
      type: typeName(input.type),
      shape: shapeOf(input.type?.tensorType?.shape),
    }));
  const outputs: OnnxOutputInfo[] = (graph.output ?? []).map((output) => {
    const name = output.name ?? "";
    return {
      name,
      type: typeName(output.type),
      shape: shapeOf(output.type?.tensorType?.shape),
      isTensor: output.type?.tensorType !== undefined,
      producedBy: producerOf(graph, name),
    };
  });
  const summary: OnnxSummary = {
    irVersion,
    opsets: (proto.opsetImport ?? []).map((opset) => ({
      domain: domainName(opset.domain),
      version: opset.version ?? 0,
    })),
    producer: { name: proto.producerName ?? "", version: proto.producerVersion ?? "" },
    inputs,
    outputs,
    metadata: Object.fromEntries(
      (proto.metadataProps ?? []).map((entry) => [entry.key ?? "", entry.value ?? ""]),
    ),
  };
  return { proto: proto as ModelProto & { graph: GraphProto }, summary };
}

/**
 * Reads what a `.onnx` file declares without running it: IR version, operator sets, producer, inputs, each
 * output with its element type, shape and the operator that produces it (with `post_transform` for an
 * `ai.onnx.ml` LinearClassifier), and the model's metadata (`metadata_props`). Throws a `CalibraError` with code
 * `E_MODEL_FORMAT` for bytes that are not an ONNX model: random or truncated bytes, a JSON file, a ModelProto
 * without a graph.
 */
export function inspectOnnx(bytes: Uint8Array): OnnxSummary {
  return decodeOnnxModel(bytes).summary;
}
