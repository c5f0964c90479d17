import { CalibraError } from "@calibra/core";
import { describe, expect, it } from "vitest";
import type { OnnxOutputInfo } from "./inspect-onnx.js";
import { chooseOutput, declaredColumns, describeOutput, effectiveProducer } from "./output-kind.js";

const output = (
  name: string,
  type: string,
  shape: (number | string | null)[],
  isTensor = true,
): OnnxOutputInfo => ({
  name,
  type,
  shape,
  isTensor,
  producedBy: undefined,
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CalibraError);
    return (error as CalibraError).code;
  }
  throw new Error("expected a CalibraError");
}

describe("declaredColumns", () => {
  it("reads 1 or 2 columns, or nothing when the shape does not say", () => {
    expect(declaredColumns("y", ["N"])).toBe(1);
    expect(declaredColumns("y", [5])).toBe(1);
    expect(declaredColumns("y", ["N", 1])).toBe(1);
    expect(declaredColumns("y", ["N", 2])).toBe(2);
    expect(declaredColumns("y", ["N", "C"])).toBeUndefined();
    expect(declaredColumns("y", ["N", null])).toBeUndefined();
    expect(declaredColumns("y", [])).toBeUndefined();
  });

  it("refuses shapes a binary classifier's scores cannot have with E_OUTPUT_SHAPE", () => {
    for (const shape of [
      ["N", 3],
      ["N", 0],
      ["N", 2, 1],
    ] as (number | string)[][]) {
      expect(codeOf(() => declaredColumns("y", shape))).toBe("E_OUTPUT_SHAPE");
    }
  });
});

describe("chooseOutput", () => {
  it("prefers the one float tensor over int64 labels", () => {
    const outputs = [output("label", "int64", ["N"]), output("scores", "float64", ["N", 2])];
    expect(chooseOutput(outputs, undefined).name).toBe("scores");
  });

  it("refuses a map output that is not a ZipMap sequence with E_MODEL_FORMAT", () => {
    const outputs = [output("dictionary", "map<string,float32>", [], false)];
    expect(codeOf(() => chooseOutput(outputs, undefined))).toBe("E_MODEL_FORMAT");
  });
});

describe("effectiveProducer", () => {
  it("stops on a graph whose pass-through nodes loop", () => {
    const graph = {
      node: [
        { opType: "Identity", input: ["b"], output: ["a"] },
        { opType: "Identity", input: ["a"], output: ["b"] },
      ],
    };
    expect(effectiveProducer(graph, "a")?.opType).toBe("Identity");
  });

  it("does not look through an operator of another domain", () => {
    const graph = {
      node: [
        { opType: "Softmax", input: ["x"], output: ["p"] },
        { opType: "Identity", domain: "com.example", input: ["p"], output: ["y"] },
      ],
    };
    expect(effectiveProducer(graph, "y")?.domain).toBe("com.example");
    expect(describeOutput(graph, output("y", "float32", ["N", 2])).kind).toBe("logits2");
  });
});
