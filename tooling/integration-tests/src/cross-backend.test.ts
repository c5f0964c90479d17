import { loadOnnxModel, onnxBackendPlugin } from "@calibra/backend-onnx";
import { loadTfjsModel, tfjsBackendPlugin } from "@calibra/backend-tfjs";
import { loadTsModel, tsBackendPlugin } from "@calibra/backend-ts";
import { createRegistry, type Model } from "@calibra/core";
import { loadDataset } from "@calibra/fixtures";
import { MODEL_FIXTURES, modelFixturePaths } from "@calibra/model-fixtures";
import { describe, expect, it } from "vitest";

/**
 * The promise of the backends issue: one model, trained once with backend-ts and exported to ONNX and to tfjs,
 * gives the same logits whichever backend runs it. backend-ts computes in float64; the ONNX and tfjs fixtures are
 * float32, so they may differ from it by float32 rounding: at most {@link FLOAT32_TOLERANCE} on every row.
 */
const FLOAT32_TOLERANCE = 1e-5;

const cancer = loadDataset("breast_cancer");
const features64 = { data: cancer.features, rows: cancer.rows, columns: cancer.columns };
const features32 = { data: Float32Array.from(cancer.features), rows: cancer.rows, columns: cancer.columns };

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

describe.each(MODEL_FIXTURES)("the %s fixture on every breast_cancer row", (name) => {
  const paths = modelFixturePaths(name);

  it("gives the same logits on backend-ts, ONNX Runtime and TensorFlow.js", async () => {
    const models: Model[] = [
      await loadTsModel(paths.calibra),
      await loadOnnxModel(paths.onnx),
      await loadTfjsModel(paths.tfjs),
    ];
    try {
      const [reference, ...others] = await Promise.all(
        models.map((model, index) => model.predict(index === 0 ? features64 : features32)),
      );
      for (const model of models) {
        expect(model.featureCount).toBe(30);
        expect(model.suggestedActivation).toBe("sigmoid");
      }
      const logits = reference?.data as Float64Array;
      expect(reference?.rows).toBe(cancer.rows);
      // The model is a real classifier: its logits separate the classes and span a wide range.
      let correct = 0;
      for (let i = 0; i < cancer.rows; i++)
        correct += (logits[i] as number) >= 0 === (cancer.labels[i] === 1) ? 1 : 0;
      expect(correct / cancer.rows).toBeGreaterThan(0.97);
      const differences = others.map((output) => maxAbsDifference(output.data, logits));
      for (const difference of differences) expect(difference).toBeLessThanOrEqual(FLOAT32_TOLERANCE);
      // Float64 input into a float32 model is converted, not refused: the same numbers.
      expect(
        maxAbsDifference((await models[1]?.predict(features64))?.data ?? [], others[0]?.data ?? []),
      ).toBe(0);
      console.info(`${name}: max |ONNX − ts| = ${differences[0]}, max |tfjs − ts| = ${differences[1]}`);
    } finally {
      await Promise.all(models.map((model) => model.dispose()));
    }
  });

  it("is recognised by exactly one backend of a registry holding all three", async () => {
    const registry = createRegistry().use(tsBackendPlugin).use(onnxBackendPlugin).use(tfjsBackendPlugin);
    const backends = ["ts", "onnx", "tfjs"].map((id) => registry.backend(id));
    const claims = Object.entries(paths).map(([format, path]) => [
      format,
      backends.filter((backend) => backend.canLoad(path)).map((backend) => backend.id),
    ]);
    expect(Object.fromEntries(claims)).toEqual({ calibra: ["ts"], onnx: ["onnx"], tfjs: ["tfjs"] });
  });
});
