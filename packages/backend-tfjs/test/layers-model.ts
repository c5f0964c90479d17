import type { LayersModel } from "@tensorflow/tfjs";
import type { TfjsNamespace } from "../src/index.js";
import type { InMemoryModel } from "./graph-model.js";

/**
 * Builds a LayersModel with tfjs and returns it as in-memory files ({ modelJson, weights }), disposing the model.
 * Weights come from seeded initialisers, so the same builder gives the same files.
 */
export async function layersModelFiles(
  tf: TfjsNamespace,
  build: (tf: TfjsNamespace) => LayersModel,
): Promise<InMemoryModel> {
  const model = build(tf);
  let files: InMemoryModel | undefined;
  try {
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        files = {
          modelJson: {
            format: "layers-model",
            modelTopology: artifacts.modelTopology as object,
            weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs ?? [] }],
          },
          weights: new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)),
        };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
      }),
    );
  } finally {
    model.dispose();
  }
  if (!files) throw new Error("tfjs did not save the model");
  return files;
}

/** A seeded kernel initialiser, so that test models have fixed, non-trivial weights. */
export function seeded(tf: TfjsNamespace, seed: number) {
  return tf.initializers.randomUniform({ minval: -1, maxval: 1, seed });
}

/** A one-hidden-layer functional model on `features` inputs ending in `units` outputs with `activation`. */
export function denseModel(
  tf: TfjsNamespace,
  features: number,
  units: number,
  activation: "linear" | "sigmoid" | "softmax" | "relu" | "tanh",
): LayersModel {
  const input = tf.input({ shape: [features], name: "features" });
  const hidden = tf.layers
    .dense({
      units: 4,
      activation: "tanh",
      kernelInitializer: seeded(tf, 1),
      biasInitializer: seeded(tf, 2),
      name: "hidden",
    })
    .apply(input);
  const output = tf.layers
    .dense({
      units,
      activation,
      kernelInitializer: seeded(tf, 3),
      biasInitializer: seeded(tf, 4),
      name: "head",
    })
    .apply(hidden);
  return tf.model({ inputs: input, outputs: output as never });
}
