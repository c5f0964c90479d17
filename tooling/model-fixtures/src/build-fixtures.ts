import { exportOnnx } from "@calibra/backend-onnx";
import { type TfjsConvertedModel, toTfjsLayersModel } from "@calibra/backend-tfjs";
import { type CalibraModelJson, trainLogistic, trainMLP } from "@calibra/backend-ts";
import { loadDataset } from "@calibra/fixtures";
import type { ModelFixture } from "../index.js";

/** One fixture model in every format, in memory: what `scripts/generate.ts` writes under `models/<name>/`. */
export interface FixtureFiles {
  /** The backend-ts JSON model, as written (two-space indented, trailing newline). */
  readonly calibra: string;
  /** The ONNX graph, float32. */
  readonly onnx: Uint8Array;
  /** The tfjs LayersModel: model.json and its one weight shard. */
  readonly tfjs: TfjsConvertedModel;
}

/** L2 penalty of the logistic fixture: enough to keep the fit finite on this separable-ish data set. */
const LOGISTIC_L2 = 1e-2;

/**
 * The MLP fixture: two hidden layers, so that the exporters' layer chaining is exercised, and an L2 penalty that
 * keeps it a sensible classifier (logits within about ±22, training accuracy 0.986) rather than one that
 * memorises the 569 rows with logits past ±100.
 */
const MLP_OPTIONS = { hidden: [16, 8], activation: "relu", epochs: 30, l2: 1e-2, seed: 42 } as const;

/** Trains the fixture models on all of breast_cancer.csv (deterministic: Newton for one, seeded Adam for the other). */
export function trainFixtureModels(): Record<ModelFixture, CalibraModelJson> {
  const data = loadDataset("breast_cancer");
  const features = { data: data.features, rows: data.rows, columns: data.columns };
  const featureNames = data.featureNames;
  return {
    logreg: trainLogistic(features, data.labels, { l2: LOGISTIC_L2, featureNames }),
    mlp: trainMLP(features, data.labels, { ...MLP_OPTIONS, featureNames }),
  };
}

/** Every fixture model in every format, built from scratch. */
export async function buildFixtureFiles(): Promise<Record<ModelFixture, FixtureFiles>> {
  const models = trainFixtureModels();
  const entries = await Promise.all(
    Object.entries(models).map(async ([name, json]) => {
      const files: FixtureFiles = {
        calibra: `${JSON.stringify(json, null, 2)}\n`,
        onnx: exportOnnx(json, { dtype: "float32" }),
        tfjs: await toTfjsLayersModel(json),
      };
      return [name, files] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ModelFixture, FixtureFiles>;
}
