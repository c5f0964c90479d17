import { readFileSync } from "node:fs";
import { DEFAULT_ONNX_BATCH_SIZE, loadOnnxModel } from "@calibra/backend-onnx";
import { loadTfjsModel, WEIGHTS_FILE_NAME } from "@calibra/backend-tfjs";
import { loadTsModel } from "@calibra/backend-ts";
import { seededUniform } from "@calibra/core";
import { loadDataset } from "@calibra/fixtures";
import { modelFixturePaths } from "@calibra/model-fixtures";
import * as tf from "@tensorflow/tfjs";
import ort from "onnxruntime-node";
import { type Timing, timeInterleaved } from "./measure.js";

/**
 * `rows` feature rows for the breast_cancer fixture models: real rows drawn at random, each feature moved by up
 * to ±1% so that no two rows repeat.
 */
function syntheticFeatures(rows: number): { data64: Float64Array; data32: Float32Array; columns: number } {
  const cancer = loadDataset("breast_cancer");
  const columns = cancer.columns;
  const random = seededUniform(11);
  const data64 = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    const source = Math.floor(random() * cancer.rows) * columns;
    for (let j = 0; j < columns; j++) {
      data64[i * columns + j] = (cancer.features[source + j] as number) * (1 + (random() - 0.5) * 0.02);
    }
  }
  return { data64, data32: Float32Array.from(data64), columns };
}

function printRates(title: string, rows: number, timings: readonly Timing[]): void {
  const baseline = timings[0] as Timing;
  console.log(`\n${title}`);
  console.log(`| case | median ms | rows/s | time ratio to "${baseline.label}" |`);
  console.log("| --- | ---: | ---: | ---: |");
  for (const timing of timings) {
    const rate = Math.round(rows / (timing.medianMs / 1000)).toLocaleString("en");
    const ratio = (timing.medianMs / baseline.medianMs).toFixed(3);
    console.log(`| ${timing.label} | ${timing.medianMs.toFixed(1)} | ${rate} | ${ratio} |`);
  }
}

/**
 * Rows per second of each backend on the MLP fixture (30 → 16 → 8 → 1), against raw onnxruntime `session.run`
 * on the same float32 batches of {@link DEFAULT_ONNX_BATCH_SIZE} rows, each result copied into one output array
 * (what any caller of the raw session must do too). The ONNX backend's overhead is its ratio minus one.
 */
export async function benchBackends(rows: number): Promise<void> {
  const paths = modelFixturePaths("mlp");
  const { data64, data32, columns } = syntheticFeatures(rows);
  const batchSize = DEFAULT_ONNX_BATCH_SIZE;

  const session = await ort.InferenceSession.create(readFileSync(paths.onnx));
  const inputName = session.inputNames[0] as string;
  const outputName = session.outputNames[0] as string;
  const rawOutput = new Float32Array(rows);
  const rawRun = async () => {
    for (let start = 0; start < rows; start += batchSize) {
      const end = Math.min(start + batchSize, rows);
      const input = new ort.Tensor("float32", data32.subarray(start * columns, end * columns), [
        end - start,
        columns,
      ]);
      const result = await session.run({ [inputName]: input });
      const output = result[outputName] as ort.Tensor;
      rawOutput.set(output.data as Float32Array, start);
      output.dispose();
    }
  };

  // tfjs itself on the same LayersModel, for scale: how much of the tfjs backend's time is tfjs's own.
  const tfjsFiles = JSON.parse(readFileSync(paths.tfjs, "utf8"));
  const layers = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: tfjsFiles.modelTopology,
      weightSpecs: tfjsFiles.weightsManifest[0].weights,
      weightData: new Uint8Array(readFileSync(paths.tfjs.replace("model.json", WEIGHTS_FILE_NAME))).buffer,
    }),
  );
  const tfjsOutput = new Float32Array(rows);
  const rawTfjs = async () => {
    for (let start = 0; start < rows; start += batchSize) {
      const end = Math.min(start + batchSize, rows);
      const result = tf.tidy(() => {
        const input = tf.tensor2d(data32.subarray(start * columns, end * columns), [end - start, columns]);
        return layers.predict(input) as tf.Tensor;
      });
      tfjsOutput.set(await result.data(), start);
      result.dispose();
    }
  };

  const onnx = await loadOnnxModel(paths.onnx, { batchSize });
  const ts = await loadTsModel(paths.calibra);
  const tfjs = await loadTfjsModel(paths.tfjs);
  const batch32 = { data: data32, rows, columns };
  const batch64 = { data: data64, rows, columns };

  // The ONNX pair is timed on its own, interleaved over more rounds: its ratio is the figure with a target.
  const onnxTimings = await timeInterleaved(
    [
      { label: "raw session.run", body: rawRun },
      { label: "backend-onnx predict", body: () => onnx.predict(batch32) },
    ],
    rows <= 1_000_000 ? 15 : 5,
  );
  const others = await timeInterleaved(
    [
      { label: "raw session.run", body: rawRun },
      { label: "backend-ts predict (float64)", body: () => ts.predict(batch64) },
      { label: `raw tfjs LayersModel.predict (${tf.getBackend()})`, body: rawTfjs },
      { label: `backend-tfjs predict (${tfjs.runtime})`, body: () => tfjs.predict(batch32) },
    ],
    rows <= 1_000_000 ? 3 : 1,
  );
  printRates(
    `MLP fixture (30 → 16 → 8 → 1) on ${rows.toLocaleString("en")} rows, batches of ${batchSize}`,
    rows,
    [...onnxTimings, ...others.slice(1)],
  );
  const check = await onnx.predict(batch32);
  let maxDifference = 0;
  for (let i = 0; i < rows; i++) {
    maxDifference = Math.max(maxDifference, Math.abs((check.data[i] as number) - (rawOutput[i] as number)));
  }
  console.log(`(backend-onnx and the raw session agree to ${maxDifference} on every row)`);
  layers.dispose();
  await Promise.all([onnx.dispose(), ts.dispose(), tfjs.dispose(), session.release()]);
}
