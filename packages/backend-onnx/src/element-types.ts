/**
 * ONNX `TensorProto.DataType` codes (onnx.proto) that Calibra names, and the names it gives them: the
 * onnxruntime-js tensor type names (`float32`, `float64`, `int64`, …), so that a `TensorInfo.type` reads the same
 * whether it came from the decoded graph or from the runtime's session metadata.
 */
export const OnnxDataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
} as const;

const ELEMENT_TYPE_NAMES: Readonly<Record<number, string>> = {
  [OnnxDataType.FLOAT]: "float32",
  [OnnxDataType.UINT8]: "uint8",
  [OnnxDataType.INT8]: "int8",
  [OnnxDataType.UINT16]: "uint16",
  [OnnxDataType.INT16]: "int16",
  [OnnxDataType.INT32]: "int32",
  [OnnxDataType.INT64]: "int64",
  [OnnxDataType.STRING]: "string",
  [OnnxDataType.BOOL]: "bool",
  [OnnxDataType.FLOAT16]: "float16",
  [OnnxDataType.DOUBLE]: "float64",
  [OnnxDataType.UINT32]: "uint32",
  [OnnxDataType.UINT64]: "uint64",
  [OnnxDataType.COMPLEX64]: "complex64",
  [OnnxDataType.COMPLEX128]: "complex128",
  [OnnxDataType.BFLOAT16]: "bfloat16",
  17: "float8e4m3fn",
  18: "float8e4m3fnuz",
  19: "float8e5m2",
  20: "float8e5m2fnuz",
  21: "uint4",
  22: "int4",
  23: "float4e2m1",
};

/** The element types Calibra feeds and reads: the two floating-point types every ORT CPU kernel it uses has. */
export type FloatElementType = "float32" | "float64";

/** The name of an ONNX element type code, or `"unknown(<code>)"` for a code this table does not know. */
export function elementTypeName(code: number | undefined): string {
  if (code === undefined || code === 0) return "undefined";
  return ELEMENT_TYPE_NAMES[code] ?? `unknown(${code})`;
}

/** True for the element types Calibra can feed or read. */
export function isFloatElementType(type: string): type is FloatElementType {
  return type === "float32" || type === "float64";
}

/** The ONNX code of a float element type. */
export function floatDataType(type: FloatElementType): number {
  return type === "float32" ? OnnxDataType.FLOAT : OnnxDataType.DOUBLE;
}
