import { describe, expect, it } from "vitest";
import { decodeModelProto, encodeModelProto, type ModelProto } from "./onnx-proto.js";

// A model touching each message of the descriptor, and its wire bytes worked out by hand from onnx.proto's field
// numbers (tag = field << 3 | wire type): ModelProto.ir_version = 1, graph = 7, opset_import = 8;
// GraphProto.node = 1, initializer = 5, input = 11; NodeProto.op_type = 4, attribute = 5;
// AttributeProto.name = 1, i = 3, type = 20; TensorProto.dims = 1 (unpacked), data_type = 2,
// float_data = 4 (packed); ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1;
// TypeProto.Tensor.elem_type = 1, shape = 2; TensorShapeProto.dim = 1; Dimension.dim_value = 1, dim_param = 2;
// OperatorSetIdProto.version = 2.
const model: ModelProto = {
  irVersion: 7,
  opsetImport: [{ version: 13 }],
  graph: {
    node: [{ opType: "Relu", attribute: [{ name: "a", type: 2, i: 1 }] }],
    initializer: [{ dims: [2], dataType: 1, floatData: [1, 2] }],
    input: [
      {
        name: "x",
        type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: "N" }, { dimValue: 2 }] } } },
      },
    ],
  },
};

const attribute = [0x0a, 0x01, 0x61, 0x18, 0x01, 0xa0, 0x01, 0x02];
const node = [0x22, 0x04, 0x52, 0x65, 0x6c, 0x75, 0x2a, attribute.length, ...attribute];
const tensor = [0x08, 0x02, 0x10, 0x01, 0x22, 0x08, 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40];
const shape = [0x0a, 0x03, 0x12, 0x01, 0x4e, 0x0a, 0x02, 0x08, 0x02];
const tensorType = [0x08, 0x01, 0x12, shape.length, ...shape];
const typeProto = [0x0a, tensorType.length, ...tensorType];
const valueInfo = [0x0a, 0x01, 0x78, 0x12, typeProto.length, ...typeProto];
const graph = [
  0x0a,
  node.length,
  ...node,
  0x2a,
  tensor.length,
  ...tensor,
  0x5a,
  valueInfo.length,
  ...valueInfo,
];
const expected = [0x08, 0x07, 0x3a, graph.length, ...graph, 0x42, 0x02, 0x10, 0x0d];

describe("the onnx.proto descriptor", () => {
  it("writes the official field numbers and wire types", () => {
    expect(Array.from(encodeModelProto(model))).toEqual(expected);
  });

  it("reads back what it writes, with 64-bit integers as numbers", () => {
    const decoded = decodeModelProto(Uint8Array.from(expected));
    expect(decoded.irVersion).toBe(7);
    expect(decoded.opsetImport).toEqual([{ version: 13 }]);
    expect(decoded.graph?.node?.[0]?.opType).toBe("Relu");
    expect(decoded.graph?.node?.[0]?.attribute?.[0]).toMatchObject({ name: "a", type: 2, i: 1 });
    expect(decoded.graph?.initializer?.[0]).toMatchObject({ dims: [2], dataType: 1, floatData: [1, 2] });
    expect(decoded.graph?.input?.[0]?.type?.tensorType?.shape?.dim).toEqual([
      { dimParam: "N" },
      { dimValue: 2 },
    ]);
  });

  it("reads packed and unpacked encodings of repeated numbers alike", () => {
    // dims = [3, 4] packed (one length-delimited field) instead of the proto2 default, unpacked.
    const packedDims = [0x0a, 0x02, 0x03, 0x04];
    const bytes = [0x3a, packedDims.length + 2, 0x2a, packedDims.length, ...packedDims];
    expect(decodeModelProto(Uint8Array.from(bytes)).graph?.initializer?.[0]?.dims).toEqual([3, 4]);
  });
});
