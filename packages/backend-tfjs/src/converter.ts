import { type CalibraModelJson, parseModelJson } from "@calibra/backend-ts";
import { CalibraError, ErrorCodes } from "@calibra/core";
import type { io, Sequential, Tensor } from "@tensorflow/tfjs";
import { CALIBRA_METADATA_KEY, FEATURE_NAMES_FIELD } from "./feature-names.js";
import type { TfjsModelArtifacts, TfjsModelJson } from "./model-json.js";
import { resolveTfjsRuntime, type TfjsNamespace, type TfjsRuntimeOptions } from "./runtime.js";

/** The one weight shard a converted model has. */
export const WEIGHTS_FILE_NAME = "group1-shard1of1.bin";

/** What the converted model outputs: the Calibra model's logits, or probabilities (a sigmoid or softmax head). */
export type TfjsHead = "logits" | "probabilities";

/** Options of {@link toTfjsLayersModel}. */
export interface TfjsConversionOptions extends TfjsRuntimeOptions {
  /**
   * `"logits"` (default): the last layer is linear, as in the Calibra model. `"probabilities"`: it ends in a sigmoid
   * (one logit) or a softmax (two logits), so the model outputs probabilities.
   */
  readonly head?: TfjsHead;
}

/** A converted model: `model.json` content, its weight shard, and both as tfjs `ModelArtifacts`. */
export interface TfjsConvertedModel {
  /** The `model.json` to write; its manifest names {@link WEIGHTS_FILE_NAME}. */
  readonly modelJson: TfjsModelJson;
  /** The bytes of {@link WEIGHTS_FILE_NAME}: every weight as little-endian float32. */
  readonly weights: Uint8Array;
  /** The same model for `tf.loadLayersModel(tf.io.fromMemory(artifacts))`. */
  readonly artifacts: TfjsModelArtifacts;
}

/** The names of the layers the converter emits, so that a converted model.json reads plainly. */
export const CONVERTED_LAYER_NAMES = {
  /** The input: one row of raw features. */
  input: "features",
  /** Subtracts the float32 part of the mean: kernel I, bias −fl(mean). */
  center: "standardize_center",
  /** Divides by the scale and removes the rest of the mean: kernel diag(1/scale), bias −(mean − fl(mean))/scale. */
  scale: "standardize_scale",
  /** Calibra layer i (from 1). */
  dense: (index: number) => `dense_${index}`,
} as const;

/** A diagonal `width × width` kernel, row-major. */
function diagonal(values: ArrayLike<number>): Float32Array {
  const width = values.length;
  const kernel = new Float32Array(width * width);
  for (let j = 0; j < width; j++) kernel[j * width + j] = values[j] as number;
  return kernel;
}

interface LayerWeights {
  readonly name: string;
  readonly units: number;
  readonly activation: string;
  /** `inputs × units`, row-major (tfjs's Dense kernel layout, the transpose of Calibra's out × in). */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/**
 * The standardisation x' = (x − mean) / scale as two Dense layers, without the float32 cancellation of folding it
 * into the first layer (or of one diagonal layer with bias −mean/scale, which computes x/scale − mean/scale: two
 * large terms whose difference loses digits when x ≈ mean). The mean is split into m₁ = fl32(mean) and the
 * remainder m₂ = mean − m₁: the first layer computes x − m₁, exact by Sterbenz's lemma when x is within a factor 2
 * of m₁ and otherwise rounded relative to the result; the second multiplies by fl32(1/scale) and subtracts
 * fl32(m₂/scale), a tiny term. On breast_cancer this is within 3 float32 ulps of the float64 x' (one layer with
 * bias −mean/scale: up to 1.9·10⁴ ulps near x ≈ mean).
 */
function standardizeLayers(mean: readonly number[], scale: readonly number[]): LayerWeights[] {
  const width = mean.length;
  const meanHigh = Float32Array.from(mean);
  const ones = new Array<number>(width).fill(1);
  const centerBias = new Float32Array(width);
  const scaleBias = new Float32Array(width);
  for (let j = 0; j < width; j++) {
    centerBias[j] = -(meanHigh[j] as number);
    scaleBias[j] = -((mean[j] as number) - (meanHigh[j] as number)) / (scale[j] as number);
  }
  return [
    {
      name: CONVERTED_LAYER_NAMES.center,
      units: width,
      activation: "linear",
      kernel: diagonal(ones),
      bias: centerBias,
    },
    {
      name: CONVERTED_LAYER_NAMES.scale,
      units: width,
      activation: "linear",
      kernel: diagonal(scale.map((value) => 1 / value)),
      bias: scaleBias,
    },
  ];
}

/** Every layer of the tfjs model, in order, with its float32 weights. */
function layerWeights(model: CalibraModelJson, head: TfjsHead): LayerWeights[] {
  const layers = model.standardize ? standardizeLayers(model.standardize.mean, model.standardize.scale) : [];
  let inputs = model.inputs;
  model.layers.forEach((layer, index) => {
    const units = layer.weights.length;
    const kernel = new Float32Array(inputs * units);
    layer.weights.forEach((row, out) => {
      row.forEach((weight, j) => {
        kernel[j * units + out] = weight;
      });
    });
    const last = index === model.layers.length - 1;
    const activation =
      last && head === "probabilities" ? (units === 1 ? "sigmoid" : "softmax") : layer.activation;
    layers.push({
      name: CONVERTED_LAYER_NAMES.dense(index + 1),
      units,
      activation,
      kernel,
      bias: Float32Array.from(layer.bias),
    });
    inputs = units;
  });
  return layers;
}

function buildSequential(tf: TfjsNamespace, model: CalibraModelJson, head: TfjsHead): Sequential {
  const sequential = tf.sequential({ name: "calibra_model" });
  let inputs = model.inputs;
  sequential.add(tf.layers.inputLayer({ name: CONVERTED_LAYER_NAMES.input, inputShape: [inputs] }));
  for (const layer of layerWeights(model, head)) {
    const dense = tf.layers.dense({
      name: layer.name,
      units: layer.units,
      activation: layer.activation as "linear",
      useBias: true,
      kernelInitializer: "zeros",
      biasInitializer: "zeros",
    });
    sequential.add(dense);
    const values: Tensor[] = [tf.tensor2d(layer.kernel, [inputs, layer.units]), tf.tensor1d(layer.bias)];
    try {
      dense.setWeights(values);
    } finally {
      for (const value of values) value.dispose();
    }
    inputs = layer.units;
  }
  return sequential;
}

/**
 * Converts a Calibra JSON model (validated with backend-ts's `parseModelJson`) to a TensorFlow.js LayersModel,
 * built with tfjs itself: a `tf.sequential` of Dense layers whose weights are set with `setWeights`, then saved
 * through `tf.io.withSaveHandler`. Standardisation becomes two leading Dense layers (see `standardize_center` and
 * `standardize_scale` in the README); each Calibra layer a Dense layer with the same activation (kernel = Wᵀ); with
 * `head: "probabilities"` the last one ends in a sigmoid (one logit) or softmax (two). The weights are float32, so
 * logits agree with backend-ts's float64 forward pass to float32 rounding. Creates no lasting tensors.
 */
export async function toTfjsLayersModel(
  model: CalibraModelJson,
  options: TfjsConversionOptions = {},
): Promise<TfjsConvertedModel> {
  const head = options.head ?? "logits";
  if (head !== "logits" && head !== "probabilities") {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `options.head is ${JSON.stringify(head)}; use "logits" or "probabilities".`,
      { details: { head } },
    );
  }
  const calibra = parseModelJson(model);
  const { tf } = await resolveTfjsRuntime(options);
  const sequential = buildSequential(tf, calibra, head);
  let saved: io.ModelArtifacts | undefined;
  try {
    sequential.setUserDefinedMetadata({
      [CALIBRA_METADATA_KEY]: {
        kind: calibra.kind,
        output: calibra.output,
        head,
        ...(calibra.featureNames ? { [FEATURE_NAMES_FIELD]: calibra.featureNames } : {}),
      },
    });
    await sequential.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
      }),
    );
  } finally {
    sequential.dispose();
  }
  if (!saved?.weightData || !saved.weightSpecs) {
    throw new CalibraError(ErrorCodes.BACKEND, "tfjs saved the converted model without weights.");
  }
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(saved.weightData));
  const modelJson: TfjsModelJson = {
    format: "layers-model",
    generatedBy: saved.generatedBy ?? "TensorFlow.js",
    convertedBy: "@calibra/backend-tfjs",
    modelTopology: saved.modelTopology as object,
    weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: saved.weightSpecs }],
    ...(saved.userDefinedMetadata ? { userDefinedMetadata: saved.userDefinedMetadata } : {}),
  };
  const artifacts: TfjsModelArtifacts = {
    ...saved,
    convertedBy: modelJson.convertedBy,
    weightData: weights.buffer,
  };
  return { modelJson, weights, artifacts };
}
