import { CalibraError, ErrorCodes, validateWithSchema } from "@calibra/core";
import { z } from "zod";

/** The `format` tag every Calibra model file carries. */
export const MODEL_FORMAT = "calibra.model";

/** The model format version this release reads and writes. */
export const MODEL_VERSION = 1;

/** The element-wise activations a layer may apply after its affine map. */
export const LAYER_ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"] as const;

/** A layer's activation: `relu` = max(0, a), `tanh`, `sigmoid` = 1/(1+e^{−a}), `linear` = a. */
export type LayerActivation = (typeof LAYER_ACTIVATIONS)[number];

const layerSchema = z.object({
  weights: z.array(z.array(z.number())).min(1),
  bias: z.array(z.number()).min(1),
  activation: z.enum(LAYER_ACTIVATIONS),
});

/**
 * The zod schema of a model file, with the cross-field checks (layer sizes chain, lengths agree with `inputs`,
 * the last layer fits `output`, a logistic model is one linear layer, scales positive).
 */
export const modelSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    version: z.literal(MODEL_VERSION),
    kind: z.enum(["logistic", "mlp"]),
    inputs: z.number().int().min(1),
    standardize: z.object({ mean: z.array(z.number()), scale: z.array(z.number()) }).optional(),
    layers: z.array(layerSchema).min(1),
    output: z.enum(["logit", "logits2"]),
    featureNames: z.array(z.string()).optional(),
  })
  .superRefine((model, context) => {
    const issue = (path: (string | number)[], message: string) =>
      context.addIssue({ code: "custom", path, message });
    if (model.standardize) {
      if (model.standardize.mean.length !== model.inputs) {
        issue(
          ["standardize", "mean"],
          `has ${model.standardize.mean.length} entries, inputs is ${model.inputs}`,
        );
      }
      if (model.standardize.scale.length !== model.inputs) {
        issue(
          ["standardize", "scale"],
          `has ${model.standardize.scale.length} entries, inputs is ${model.inputs}`,
        );
      }
      model.standardize.scale.forEach((scale, index) => {
        if (!(scale > 0)) issue(["standardize", "scale", index], `must be > 0, got ${scale}`);
      });
    }
    if (model.featureNames && model.featureNames.length !== model.inputs) {
      issue(["featureNames"], `has ${model.featureNames.length} names, inputs is ${model.inputs}`);
    }
    let width = model.inputs;
    model.layers.forEach((layer, index) => {
      if (layer.bias.length !== layer.weights.length) {
        issue(
          ["layers", index, "bias"],
          `has ${layer.bias.length} entries, weights has ${layer.weights.length} rows`,
        );
      }
      layer.weights.forEach((row, rowIndex) => {
        if (row.length !== width) {
          issue(
            ["layers", index, "weights", rowIndex],
            `has ${row.length} columns, the layer's input width is ${width}`,
          );
        }
      });
      width = layer.weights.length;
    });
    const expectedOutputs = model.output === "logit" ? 1 : 2;
    if (width !== expectedOutputs) {
      issue(
        ["layers", model.layers.length - 1],
        `has ${width} outputs, output "${model.output}" needs ${expectedOutputs}`,
      );
    }
    if (model.kind === "logistic") {
      if (model.layers.length !== 1) issue(["layers"], "a logistic model has exactly one layer");
      if (model.layers[0]?.activation !== "linear") {
        issue(["layers", 0, "activation"], 'a logistic model\'s layer is "linear"');
      }
    }
    const last = model.layers[model.layers.length - 1];
    if (last && last.activation !== "linear") {
      issue(
        ["layers", model.layers.length - 1, "activation"],
        'the last layer outputs logits, so it must be "linear"',
      );
    }
  });

/**
 * A Calibra model, version 1: an optional standardisation x' = (x − mean) / scale, then layers
 * a = act(W·x' + b) with W stored out × in, ending in one logit (`"logit"`) or two class logits (`"logits2"`).
 * Logistic regression is the `kind: "logistic"` case: one linear layer with one output.
 */
export type CalibraModelJson = z.infer<typeof modelSchema>;

/**
 * Checks that `value` is a version-1 Calibra model and returns it typed. Throws a `CalibraError`:
 * `E_SPEC_VERSION` for a Calibra model of another version, `E_MODEL_FORMAT` listing every schema issue otherwise.
 */
export function parseModelJson(value: unknown, where = "model"): CalibraModelJson {
  if (typeof value === "object" && value !== null) {
    const { format, version } = value as { format?: unknown; version?: unknown };
    if (format === MODEL_FORMAT && version !== MODEL_VERSION) {
      throw new CalibraError(
        ErrorCodes.SPEC_VERSION,
        `${where}: model format version ${String(version)} is not supported; this release reads version ${MODEL_VERSION}. Upgrade @calibra/backend-ts or re-export the model.`,
        { details: { version } },
      );
    }
  }
  return validateWithSchema(modelSchema, value, where, ErrorCodes.MODEL_FORMAT);
}

/** True when `value` is an object tagged `format: "calibra.model"` (not yet validated). */
export function hasModelFormat(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    (value as { format?: unknown }).format === MODEL_FORMAT
  );
}
