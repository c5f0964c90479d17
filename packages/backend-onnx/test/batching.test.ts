import { describe, expect, it } from "vitest";
import { exportOnnx, loadOnnxModel } from "../src/index.js";
import { cancer, maxAbsDifference, mlpJson, referenceOutputs } from "./models.js";

/**
 * 100 000 distinct rows (the breast_cancer rows, each scaled by its own factor 1 + i·1e-6), predicted in 4096-row
 * chunks — 24 full chunks and a last one of 1696 rows — and in one run.
 */
const ROWS = 100_000;
const CHUNK = 4096;
const features = new Float64Array(ROWS * cancer.columns);
for (let i = 0; i < ROWS; i++) {
  const source = (i % cancer.rows) * cancer.columns;
  const factor = 1 + i * 1e-6;
  for (let j = 0; j < cancer.columns; j++) {
    features[i * cancer.columns + j] = (cancer.features[source + j] as number) * factor;
  }
}
const batch = { data: features, rows: ROWS, columns: cancer.columns };

describe("batching", () => {
  for (const dtype of ["float32", "float64"] as const) {
    it(`${dtype}: 4096-row chunks give the one-shot results, row by row, in order`, async () => {
      const bytes = exportOnnx(mlpJson, { dtype });
      const chunked = await loadOnnxModel(bytes, { batchSize: CHUNK });
      const oneShot = await loadOnnxModel(bytes, { batchSize: ROWS });
      expect(chunked.batchSize).toBe(CHUNK);
      expect(ROWS % CHUNK).toBe(1696);
      const a = await chunked.predict(batch);
      const b = await oneShot.predict(batch);
      expect([a.rows, a.columns, a.data.length]).toEqual([ROWS, 1, ROWS]);
      expect(a.data.constructor).toBe(b.data.constructor);
      expect(maxAbsDifference(a.data, b.data)).toBe(0);
      // Row order: every row, the last partial chunk included, matches backend-ts on that same row.
      const reference = referenceOutputs(mlpJson, features, ROWS);
      expect(maxAbsDifference(a.data, reference)).toBeLessThanOrEqual(dtype === "float32" ? 1e-5 : 1e-12);
      expect(a.data[ROWS - 1]).toBe(b.data[ROWS - 1]);
    });
  }

  it("a batch smaller than one chunk, and chunks of one row", async () => {
    const bytes = exportOnnx(mlpJson, { dtype: "float64" });
    const rows = 7;
    const small = { data: features.subarray(0, rows * cancer.columns), rows, columns: cancer.columns };
    const reference = referenceOutputs(mlpJson, small.data, rows);
    for (const batchSize of [1, 3, 7, 4096]) {
      const model = await loadOnnxModel(bytes, { batchSize });
      const output = await model.predict(small);
      expect(maxAbsDifference(output.data, reference)).toBeLessThanOrEqual(1e-12);
    }
  });
});
