import type { CalibraModelJson } from "@calibra/backend-ts";
import {
  logit,
  type ModelOutput,
  PROBABILITY_CLIP_EPSILON,
  probabilities,
  sigmoid,
  sigmoidLogits,
  softmax2Logits,
  twoSigmoids,
} from "@calibra/core";
import { describe, expect, it } from "vitest";
import {
  decodeModelProto,
  type ExportOnnxOptions,
  encodeModelProto,
  exportOnnx,
  loadOnnxModel,
  type ModelProto,
  type NodeProto,
  OnnxDataType,
  type OnnxModel,
} from "../src/index.js";
import { buildModel, identityModel, linearClassifierModel, tensorValue } from "./graphs.js";
import {
  asTwoLogits,
  cancer,
  cancerBatch,
  logisticJson,
  maxAbsDifference,
  mlpJson,
  referenceOutputs,
} from "./models.js";

/** The suggested activation, applied: the log-odds core computes from the model's raw output. */
function suggestedLogOdds(model: OnnxModel, output: ModelOutput): Float64Array {
  switch (model.suggestedActivation) {
    case "sigmoid":
      return sigmoidLogits().toLogOdds(output);
    case "softmax2":
      return softmax2Logits().toLogOdds(output);
    case "probability":
      return probabilities().toLogOdds(output);
    case "two-sigmoids":
      return twoSigmoids().toLogOdds(output);
    default:
      throw new Error(`no suggestion for ${model.outputName}`);
  }
}

/** The log-odds range the probability activations clamp to: logit(ε) … logit(1 − ε). */
const LOG_ODDS_LIMIT = logit(1 - PROBABILITY_CLIP_EPSILON);
const clampLogOdds = (z: number) => Math.min(LOG_ODDS_LIMIT, Math.max(-LOG_ODDS_LIMIT, z));

/** z₁ − z₀ for a two-logit reference, the logit itself for a one-logit one. */
function referenceLogOdds(json: CalibraModelJson): Float64Array {
  const raw = referenceOutputs(json, cancer.features, cancer.rows);
  if (json.output === "logit") return raw;
  return Float64Array.from(
    { length: cancer.rows },
    (_, i) => (raw[2 * i + 1] as number) - (raw[2 * i] as number),
  );
}

const mlpLogOdds = referenceLogOdds(mlpJson);

async function load(json: CalibraModelJson, options: ExportOnnxOptions) {
  const model = await loadOnnxModel(exportOnnx(json, { dtype: "float64", ...options }));
  return { model, output: await model.predict(cancerBatch) };
}

/** Decodes a model, lets `edit` change its graph, encodes it again. */
function editGraph(
  bytes: Uint8Array,
  edit: (model: ModelProto & { graph: NonNullable<ModelProto["graph"]> }) => void,
) {
  const proto = decodeModelProto(bytes) as ModelProto & { graph: NonNullable<ModelProto["graph"]> };
  edit(proto);
  return encodeModelProto(proto);
}

describe("output shape and kind detection", () => {
  it("[N, 1] logits → logit, sigmoid", async () => {
    const { model, output } = await load(mlpJson, {});
    expect([model.outputKind, model.suggestedActivation]).toEqual(["logit", "sigmoid"]);
    expect(model.outputs).toEqual([{ name: "logits", type: "float64", shape: ["N", 1] }]);
    expect(output.columns).toBe(1);
    expect(maxAbsDifference(suggestedLogOdds(model, output), mlpLogOdds)).toBeLessThanOrEqual(1e-12);
  });

  it("[N] logits (squeeze) → logit, sigmoid, the same numbers as [N, 1]", async () => {
    const { model, output } = await load(mlpJson, { squeeze: true });
    expect([model.outputKind, model.suggestedActivation]).toEqual(["logit", "sigmoid"]);
    expect(model.outputs[0]?.shape).toEqual(["N"]);
    expect(output.columns).toBe(1);
    const unsqueezed = await load(mlpJson, {});
    expect(Array.from(output.data)).toEqual(Array.from(unsqueezed.output.data));
  });

  it("[N, 2] logits → logits2, softmax2", async () => {
    const json = asTwoLogits(mlpJson);
    const { model, output } = await load(json, {});
    expect([model.outputKind, model.suggestedActivation]).toEqual(["logits2", "softmax2"]);
    expect(output.columns).toBe(2);
    expect(maxAbsDifference(suggestedLogOdds(model, output), referenceLogOdds(json))).toBeLessThanOrEqual(
      1e-12,
    );
  });

  it("[N, 2] Softmax probabilities → probabilities2, and two-sigmoids gives back the logit difference", async () => {
    const json = asTwoLogits(mlpJson);
    const { model, output } = await load(json, { head: "probabilities" });
    expect([model.outputKind, model.suggestedActivation]).toEqual(["probabilities2", "two-sigmoids"]);
    expect(model.outputName).toBe("probabilities");
    for (let i = 0; i < output.rows; i++) {
      expect((output.data[2 * i] as number) + (output.data[2 * i + 1] as number)).toBeCloseTo(1, 14);
    }
    // Softmax computes the small class probability directly, so log p₁ − log p₀ keeps full precision; only
    // the activation's clamp to logit(1 − 1e-12) ≈ 27.6 limits it.
    const expected = referenceLogOdds(json).map(clampLogOdds);
    expect(maxAbsDifference(suggestedLogOdds(model, output), expected)).toBeLessThanOrEqual(1e-12);
  });

  it("[N, 1] and [N] Sigmoid outputs → probability", async () => {
    for (const squeeze of [false, true]) {
      const { model, output } = await load(mlpJson, { head: "probabilities", squeeze });
      expect([model.outputKind, model.suggestedActivation]).toEqual(["probability", "probability"]);
      expect(model.outputs[0]?.shape).toEqual(squeeze ? ["N"] : ["N", 1]);
      expect(maxAbsDifference(output.data, mlpLogOdds.map(sigmoid))).toBeLessThanOrEqual(1e-15);
      // logit(p) loses precision as p nears 1 (1 − p keeps few digits), so compare where |z| < 15.
      const logOdds = suggestedLogOdds(model, output);
      for (let i = 0; i < output.rows; i++) {
        const z = mlpLogOdds[i] as number;
        if (Math.abs(z) < 15) expect(Math.abs((logOdds[i] as number) - z)).toBeLessThanOrEqual(1e-8);
      }
    }
  });

  it("[N, 2] per-class Sigmoids → probabilities2, two-sigmoids", async () => {
    const bytes = editGraph(exportOnnx(asTwoLogits(mlpJson), { dtype: "float64" }), (proto) => {
      const last = proto.graph.node?.at(-1) as NodeProto;
      last.output = ["logits"];
      proto.graph.node?.push({ opType: "Sigmoid", input: ["logits"], output: ["class_probabilities"] });
      proto.graph.output = [tensorValue("class_probabilities", OnnxDataType.DOUBLE, ["N", 2])];
    });
    const model = await loadOnnxModel(bytes);
    expect([model.outputKind, model.suggestedActivation]).toEqual(["probabilities2", "two-sigmoids"]);
  });

  it("looks through Identity and Cast for the producer", async () => {
    const bytes = editGraph(exportOnnx(asTwoLogits(mlpJson), { head: "probabilities" }), (proto) => {
      const last = proto.graph.node?.at(-1) as NodeProto;
      last.output = ["softmax"];
      proto.graph.node?.push(
        { opType: "Identity", input: ["softmax"], output: ["copied"] },
        {
          opType: "Cast",
          input: ["copied"],
          output: ["scores"],
          attribute: [{ name: "to", type: 2, i: OnnxDataType.DOUBLE }],
        },
      );
      proto.graph.output = [tensorValue("scores", OnnxDataType.DOUBLE, ["N", 2])];
    });
    const model = await loadOnnxModel(bytes);
    expect(model.onnx.outputs[0]?.producedBy?.opType).toBe("Cast");
    expect([model.outputKind, model.suggestedActivation]).toEqual(["probabilities2", "two-sigmoids"]);
    const output = await model.predict(cancerBatch);
    expect(output.data).toBeInstanceOf(Float64Array);
  });

  it("a LinearClassifier (label + probabilities) → probabilities, two-sigmoids", async () => {
    const json = logisticJson;
    const model = await loadOnnxModel(linearClassifierModel(json));
    expect(model.outputs.map((output) => output.name)).toEqual(["label", "probabilities"]);
    expect(model.outputName).toBe("probabilities");
    expect([model.outputKind, model.suggestedActivation]).toEqual(["probabilities2", "two-sigmoids"]);
    const output = await model.predict(cancerBatch);
    expect(output.data).toBeInstanceOf(Float32Array);
    // P(positive) = p₁ / (p₀ + p₁) is the logistic model's sigmoid(z), to float32 precision, on every row.
    const reference = referenceLogOdds(json);
    for (let i = 0; i < output.rows; i++) {
      const p0 = output.data[2 * i] as number;
      const p1 = output.data[2 * i + 1] as number;
      expect(Math.abs(p1 / (p0 + p1) - sigmoid(reference[i] as number))).toBeLessThanOrEqual(1e-6);
    }
    // onnxruntime computes the smaller probability as 1 − p in float32, so the log-odds keep ~1e-5 only while
    // |z| is small; compare them there.
    const logOdds = suggestedLogOdds(model, output);
    let compared = 0;
    for (let i = 0; i < output.rows; i++) {
      const z = reference[i] as number;
      if (Math.abs(z) < 5) {
        compared++;
        expect(Math.abs((logOdds[i] as number) - z)).toBeLessThanOrEqual(2e-5);
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("a LinearClassifier with post_transform NONE gives scores, so logits2", async () => {
    const model = await loadOnnxModel(linearClassifierModel(logisticJson, { postTransform: "NONE" }));
    expect(model.onnx.outputs[1]?.producedBy?.postTransform).toBe("NONE");
    // The scikit-learn name still marks the output as probabilities; rename it to see the operator decide.
    expect(model.outputKind).toBe("probabilities2");
    const renamed = editGraph(linearClassifierModel(logisticJson, { postTransform: "NONE" }), (proto) => {
      const classifier = proto.graph.node?.find((node) => node.opType === "LinearClassifier") as NodeProto;
      classifier.output = ["label", "scores"];
      const output = proto.graph.output?.[1];
      if (output) output.name = "scores";
    });
    const scores = await loadOnnxModel(renamed);
    expect(scores.outputName).toBe("scores");
    expect([scores.outputKind, scores.suggestedActivation]).toEqual(["logits2", "softmax2"]);
  });

  it("picks the output named like scikit-learn's when two float outputs exist", async () => {
    const bytes = identityModel(tensorValue("x", OnnxDataType.FLOAT, ["N", 2]), [
      tensorValue("scores", OnnxDataType.FLOAT, ["N", 2]),
      tensorValue("output_probability", OnnxDataType.FLOAT, ["N", 2]),
    ]);
    const model = await loadOnnxModel(bytes);
    expect(model.outputName).toBe("output_probability");
    expect(model.outputKind).toBe("probabilities2");
    const chosen = await loadOnnxModel(bytes, { output: "scores" });
    expect([chosen.outputName, chosen.outputKind]).toEqual(["scores", "logits2"]);
  });

  it("leaves the kind open when the column count is symbolic, and reads it from the result", async () => {
    // onnxruntime's session metadata fills in dimensions its shape inference knows (Identity of an [N, 2] input
    // reports [N, 2] whatever the output declares), so the input width is symbolic too here.
    const bytes = identityModel(tensorValue("x", OnnxDataType.FLOAT, ["N", "width"]), [
      tensorValue("y", OnnxDataType.FLOAT, ["N", "classes"]),
    ]);
    const model = await loadOnnxModel(bytes);
    expect(model.outputs[0]?.shape).toEqual(["N", "classes"]);
    expect(model.outputKind).toBeUndefined();
    expect(model.suggestedActivation).toBeUndefined();
    const output = await model.predict({ data: new Float32Array([1, 2, 3, 4, 5, 6]), rows: 3, columns: 2 });
    expect(output.columns).toBe(2);
    expect(Array.from(output.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("reports the input and feature count from the session", async () => {
    const model = await loadOnnxModel(exportOnnx(mlpJson, { inputName: "x" }));
    expect(model.inputs).toEqual([{ name: "x", type: "float32", shape: ["N", 30] }]);
    expect(model.featureCount).toBe(30);
    expect(model.inputName).toBe("x");
    const open = await loadOnnxModel(
      buildModel({
        inputs: [tensorValue("x", OnnxDataType.FLOAT, ["N", "features"])],
        outputs: [tensorValue("y", OnnxDataType.FLOAT, ["N", "features"])],
        nodes: [{ opType: "Identity", input: ["x"], output: ["y"] }],
      }),
    );
    expect(open.featureCount).toBeUndefined();
    const output = await open.predict({ data: new Float64Array([0.5, 0.25]), rows: 1, columns: 2 });
    expect(Array.from(output.data)).toEqual([0.5, 0.25]);
  });
});
