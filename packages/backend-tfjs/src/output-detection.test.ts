import { describe, expect, it } from "vitest";
import { type GraphNodeJson, graphFinalActivation, suggestActivation } from "./output-detection.js";

const fused = (ops: string[]): GraphNodeJson => ({
  name: "fused",
  op: "_FusedMatMul",
  input: ["x", "w", "b"],
  attr: { fused_ops: { list: { s: ops.map((op) => btoa(op)) } } },
});

describe("graphFinalActivation", () => {
  it("follows Identity-like nodes (and output indices, control inputs) back to the op that produces the output", () => {
    const nodes: GraphNodeJson[] = [
      { name: "x", op: "Placeholder" },
      { name: "logits", op: "BiasAdd", input: ["mm", "b"] },
      { name: "p", op: "Sigmoid", input: ["logits"] },
      { name: "reshaped", op: "Reshape", input: ["p:0", "shape"] },
      { name: "Identity", op: "Identity", input: ["reshaped", "^init"] },
      { name: "Identity_1", op: "Identity", input: ["logits"] },
      { name: "Identity_2", op: "Identity", input: ["relu"] },
      { name: "relu", op: "Relu", input: ["logits"] },
      { name: "Identity_3", op: "Identity", input: ["soft:0"] },
      { name: "soft", op: "Softmax", input: ["logits"] },
    ];
    expect(graphFinalActivation(nodes, "Identity")).toBe("sigmoid");
    expect(graphFinalActivation(nodes, "Identity:0")).toBe("sigmoid");
    expect(graphFinalActivation(nodes, "Identity_1")).toBe("linear");
    expect(graphFinalActivation(nodes, "Identity_2")).toBe("other");
    expect(graphFinalActivation(nodes, "Identity_3")).toBe("softmax");
    expect(graphFinalActivation(nodes, "missing")).toBe("other");
  });

  it("reads a fused MatMul's last fused op", () => {
    expect(graphFinalActivation([fused(["BiasAdd"])], "fused")).toBe("linear");
    expect(graphFinalActivation([fused(["BiasAdd", "Sigmoid"])], "fused")).toBe("sigmoid");
    expect(graphFinalActivation([fused(["BiasAdd", "Relu"])], "fused")).toBe("other");
  });

  it("stops on a cycle of Identity nodes", () => {
    const nodes: GraphNodeJson[] = [
      { name: "a", op: "Identity", input: ["b"] },
      { name: "b", op: "Identity", input: ["a"] },
    ];
    expect(graphFinalActivation(nodes, "a")).toBe("other");
  });
});

describe("suggestActivation", () => {
  it("maps columns and the final activation to core's activation ids", () => {
    expect(suggestActivation(1, "linear", "m")).toBe("sigmoid");
    expect(suggestActivation(1, "sigmoid", "m")).toBe("probability");
    expect(suggestActivation(1, "other", "m")).toBeUndefined();
    expect(suggestActivation(2, "linear", "m")).toBe("softmax2");
    expect(suggestActivation(2, "softmax", "m")).toBe("two-sigmoids");
    expect(suggestActivation(2, "sigmoid", "m")).toBe("two-sigmoids");
    expect(suggestActivation(2, "other", "m")).toBeUndefined();
    expect(() => suggestActivation(1, "softmax", "m")).toThrow(
      expect.objectContaining({ code: "E_MODEL_FORMAT" }),
    );
  });
});
