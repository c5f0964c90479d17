import type { INamespace, Type } from "protobufjs";
import protobuf from "protobufjs/light.js";

/*
 * The subset of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, `syntax = "proto2"`) that
 * Calibra writes and reads, as a protobufjs JSON descriptor. Field numbers are the official ones; names are the
 * camelCase forms protobufjs gives when it loads the .proto itself. Repeated numeric fields are unpacked, as in
 * proto2, except the TensorProto `*_data` fields that onnx.proto marks `[packed = true]`. Fields Calibra never
 * touches (sparse tensors, training info, functions, segments, external data) are left out; a decoder skips them.
 * protobufjs reads a JSON descriptor as proto3 unless told otherwise (and would pack every repeated number), so
 * each top-level message declares `edition: "proto2"`; nested messages inherit it.
 */
const ONNX_DESCRIPTOR: INamespace = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          edition: "proto2",
          fields: {
            irVersion: { type: "int64", id: 1 },
            opsetImport: { rule: "repeated", type: "OperatorSetIdProto", id: 8 },
            producerName: { type: "string", id: 2 },
            producerVersion: { type: "string", id: 3 },
            domain: { type: "string", id: 4 },
            modelVersion: { type: "int64", id: 5 },
            docString: { type: "string", id: 6 },
            graph: { type: "GraphProto", id: 7 },
            metadataProps: { rule: "repeated", type: "StringStringEntryProto", id: 14 },
          },
        },
        StringStringEntryProto: {
          edition: "proto2",
          fields: {
            key: { type: "string", id: 1 },
            value: { type: "string", id: 2 },
          },
        },
        OperatorSetIdProto: {
          edition: "proto2",
          fields: {
            domain: { type: "string", id: 1 },
            version: { type: "int64", id: 2 },
          },
        },
        GraphProto: {
          edition: "proto2",
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 },
            name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 },
            docString: { type: "string", id: 10 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 },
            output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
            valueInfo: { rule: "repeated", type: "ValueInfoProto", id: 13 },
          },
        },
        NodeProto: {
          edition: "proto2",
          fields: {
            input: { rule: "repeated", type: "string", id: 1 },
            output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 },
            opType: { type: "string", id: 4 },
            domain: { type: "string", id: 7 },
            attribute: { rule: "repeated", type: "AttributeProto", id: 5 },
            docString: { type: "string", id: 6 },
          },
        },
        AttributeProto: {
          edition: "proto2",
          fields: {
            name: { type: "string", id: 1 },
            refAttrName: { type: "string", id: 21 },
            docString: { type: "string", id: 13 },
            type: { type: "int32", id: 20 },
            f: { type: "float", id: 2 },
            i: { type: "int64", id: 3 },
            s: { type: "bytes", id: 4 },
            t: { type: "TensorProto", id: 5 },
            g: { type: "GraphProto", id: 6 },
            floats: { rule: "repeated", type: "float", id: 7 },
            ints: { rule: "repeated", type: "int64", id: 8 },
            strings: { rule: "repeated", type: "bytes", id: 9 },
            tensors: { rule: "repeated", type: "TensorProto", id: 10 },
            graphs: { rule: "repeated", type: "GraphProto", id: 11 },
            tp: { type: "TypeProto", id: 14 },
            typeProtos: { rule: "repeated", type: "TypeProto", id: 15 },
          },
        },
        TensorProto: {
          edition: "proto2",
          fields: {
            dims: { rule: "repeated", type: "int64", id: 1 },
            dataType: { type: "int32", id: 2 },
            floatData: { rule: "repeated", type: "float", id: 4, options: { packed: true } },
            int32Data: { rule: "repeated", type: "int32", id: 5, options: { packed: true } },
            stringData: { rule: "repeated", type: "bytes", id: 6 },
            int64Data: { rule: "repeated", type: "int64", id: 7, options: { packed: true } },
            name: { type: "string", id: 8 },
            docString: { type: "string", id: 12 },
            rawData: { type: "bytes", id: 9 },
            doubleData: { rule: "repeated", type: "double", id: 10, options: { packed: true } },
            uint64Data: { rule: "repeated", type: "uint64", id: 11, options: { packed: true } },
          },
        },
        ValueInfoProto: {
          edition: "proto2",
          fields: {
            name: { type: "string", id: 1 },
            type: { type: "TypeProto", id: 2 },
            docString: { type: "string", id: 3 },
          },
        },
        TypeProto: {
          edition: "proto2",
          oneofs: {
            value: { oneof: ["tensorType", "sequenceType", "mapType", "optionalType", "sparseTensorType"] },
          },
          fields: {
            tensorType: { type: "Tensor", id: 1 },
            sequenceType: { type: "Sequence", id: 4 },
            mapType: { type: "Map", id: 5 },
            optionalType: { type: "Optional", id: 9 },
            sparseTensorType: { type: "Tensor", id: 8 },
            denotation: { type: "string", id: 6 },
          },
          nested: {
            Tensor: {
              fields: {
                elemType: { type: "int32", id: 1 },
                shape: { type: "TensorShapeProto", id: 2 },
              },
            },
            Sequence: { fields: { elemType: { type: "TypeProto", id: 1 } } },
            Map: {
              fields: {
                keyType: { type: "int32", id: 1 },
                valueType: { type: "TypeProto", id: 2 },
              },
            },
            Optional: { fields: { elemType: { type: "TypeProto", id: 1 } } },
          },
        },
        TensorShapeProto: {
          edition: "proto2",
          fields: { dim: { rule: "repeated", type: "Dimension", id: 1 } },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ["dimValue", "dimParam"] } },
              fields: {
                dimValue: { type: "int64", id: 1 },
                dimParam: { type: "string", id: 2 },
                denotation: { type: "string", id: 3 },
              },
            },
          },
        },
      },
    },
  },
};

/** `AttributeProto.AttributeType` values Calibra writes or reads. */
export const AttributeType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

/** `OperatorSetIdProto`: an operator set (domain `""` is the default ONNX domain `ai.onnx`). */
export interface OperatorSetIdProto {
  domain?: string;
  version?: number;
}

/** `TensorShapeProto.Dimension`: a fixed size, a symbolic name, or neither (unknown). */
export interface DimensionProto {
  dimValue?: number;
  dimParam?: string;
  denotation?: string;
}

/** `TensorShapeProto`. */
export interface TensorShapeProto {
  dim?: DimensionProto[];
}

/** `TypeProto`: exactly one of the kinds is set. */
export interface TypeProto {
  tensorType?: { elemType?: number; shape?: TensorShapeProto };
  sequenceType?: { elemType?: TypeProto };
  mapType?: { keyType?: number; valueType?: TypeProto };
  optionalType?: { elemType?: TypeProto };
  sparseTensorType?: { elemType?: number; shape?: TensorShapeProto };
  denotation?: string;
}

/** `ValueInfoProto`: a named, typed graph input, output or intermediate value. */
export interface ValueInfoProto {
  name?: string;
  type?: TypeProto;
  docString?: string;
}

/** `TensorProto`, for initializers and tensor attributes. */
export interface TensorProto {
  dims?: number[];
  dataType?: number;
  floatData?: number[];
  int32Data?: number[];
  stringData?: Uint8Array[];
  int64Data?: number[];
  name?: string;
  docString?: string;
  rawData?: Uint8Array;
  doubleData?: number[];
  uint64Data?: number[];
}

/** `AttributeProto`: `type` says which value field is in use. */
export interface AttributeProto {
  name?: string;
  refAttrName?: string;
  docString?: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProto;
  g?: GraphProto;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
  tensors?: TensorProto[];
  graphs?: GraphProto[];
}

/** `NodeProto`: one operator call. An empty or absent `domain` is the default ONNX domain. */
export interface NodeProto {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  attribute?: AttributeProto[];
  docString?: string;
}

/** `GraphProto`: nodes in topological order, initializers, inputs and outputs. */
export interface GraphProto {
  node?: NodeProto[];
  name?: string;
  initializer?: TensorProto[];
  docString?: string;
  input?: ValueInfoProto[];
  output?: ValueInfoProto[];
  valueInfo?: ValueInfoProto[];
}

/** `StringStringEntryProto`: one metadata key/value pair. */
export interface StringStringEntryProto {
  key?: string;
  value?: string;
}

/** `ModelProto`: the top-level message of a `.onnx` file. */
export interface ModelProto {
  irVersion?: number;
  opsetImport?: OperatorSetIdProto[];
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  graph?: GraphProto;
  metadataProps?: StringStringEntryProto[];
}

let modelType: Type | undefined;

/** The protobufjs type of `onnx.ModelProto`, built from the descriptor once. */
function modelProtoType(): Type {
  modelType ??= protobuf.Root.fromJSON(ONNX_DESCRIPTOR).lookupType("onnx.ModelProto");
  return modelType;
}

/**
 * Serialises a `ModelProto` to the bytes of a `.onnx` file: a plain `Uint8Array` of its own (in Node, protobufjs
 * writes into a `Buffer` that may be a slice of a shared pool, so the bytes are copied out).
 */
export function encodeModelProto(model: ModelProto): Uint8Array {
  const type = modelProtoType();
  return new Uint8Array(type.encode(type.fromObject(model as Record<string, unknown>)).finish());
}

/**
 * Parses the bytes of a `.onnx` file into a plain `ModelProto` (64-bit integers as numbers, bytes fields as
 * views of `bytes`). Throws protobufjs's error on bytes that are not a well-formed protobuf message; the caller
 * decides whether the result is a usable model.
 */
export function decodeModelProto(bytes: Uint8Array): ModelProto {
  const type = modelProtoType();
  return type.toObject(type.decode(bytes), { longs: Number }) as ModelProto;
}
