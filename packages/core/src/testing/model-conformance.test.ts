import { describe, expect, it } from "vitest";
import type { FeatureBatch, Model, ModelOutput } from "../contracts/model.js";
import { assertFeatureBatch } from "../data/feature-batch.js";
import { CalibraError, ErrorCodes } from "../errors.js";
import { assertModelConformance, checkModel } from "./index.js";

/** A linear model z = w·x + b written out by hand: what a correct backend does. */
class LinearModel implements Model {
  readonly backend = "hand";
  readonly runtime = "test";
  readonly inputs = [{ name: "x", type: "float64", shape: [null, 3] }];
  readonly outputs = [{ name: "z", type: "float64", shape: [null, 1] }];
  readonly featureCount = 3;
  readonly suggestedActivation = "sigmoid" as const;
  disposed = false;
  constructor(
    readonly flaw?: "reverses rows" | "ignores feature count" | "lives after dispose" | "off by 1e-3",
  ) {}

  async predict(batch: FeatureBatch): Promise<ModelOutput> {
    if (this.disposed && this.flaw !== "lives after dispose") {
      throw new CalibraError(ErrorCodes.BACKEND, "disposed");
    }
    assertFeatureBatch(batch, this.flaw === "ignores feature count" ? undefined : this.featureCount);
    const out = new Float64Array(batch.rows);
    for (let i = 0; i < batch.rows; i++) {
      const row = this.flaw === "reverses rows" ? batch.rows - 1 - i : i;
      const x = batch.data.subarray(row * batch.columns, row * batch.columns + 3);
      const z = 0.5 * (x[0] as number) - 2 * (x[1] as number) + (x[2] as number) + 0.25;
      out[i] = this.flaw === "off by 1e-3" ? z + 1e-3 : z;
    }
    return { data: out, rows: batch.rows, columns: 1 };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

const batch: FeatureBatch = {
  data: Float64Array.from({ length: 30 }, (_, i) => Math.sin(i) * 4),
  rows: 10,
  columns: 3,
};
const expected = Float64Array.from({ length: 10 }, (_, r) => {
  const [a, b, c] = [Math.sin(3 * r) * 4, Math.sin(3 * r + 1) * 4, Math.sin(3 * r + 2) * 4];
  return 0.5 * a - 2 * b + c + 0.25;
});

async function failures(model: () => Model): Promise<string[]> {
  const checks = await checkModel({ load: async () => model(), batch, expected, tolerance: 1e-6 });
  expect(checks.length).toBe(8);
  return checks.filter((c) => !c.passed).map((c) => c.name);
}

describe("checkModel", () => {
  it("passes a correct model", async () => {
    expect(await failures(() => new LinearModel())).toEqual([]);
    await expect(
      assertModelConformance({ load: async () => new LinearModel(), batch, expected }),
    ).resolves.toBeUndefined();
  });

  it("catches each kind of broken model, and only the checks it breaks", async () => {
    expect(await failures(() => new LinearModel("reverses rows"))).toEqual([
      "predicts rows × columns finite numbers",
      "a subset gives the same rows (row order kept)",
    ]);
    expect(await failures(() => new LinearModel("ignores feature count"))).toEqual([
      "E_FEATURE_COUNT for one feature too many",
    ]);
    expect(await failures(() => new LinearModel("lives after dispose"))).toEqual([
      "dispose twice, then predict is E_BACKEND",
    ]);
    expect(await failures(() => new LinearModel("off by 1e-3"))).toEqual([
      "predicts rows × columns finite numbers",
    ]);
    await expect(
      assertModelConformance({ load: async () => new LinearModel("reverses rows"), batch, expected }),
    ).rejects.toThrow(
      /2 check\(s\) failed:\n- predicts rows × columns finite numbers: against expected: index 0/,
    );
  });
});

describe("assertFeatureBatch", () => {
  const codeOf = (run: () => void) => {
    try {
      run();
    } catch (error) {
      return [(error as CalibraError).code, (error as Error).message];
    }
    return undefined;
  };

  it("says expected and got for a wrong feature count", () => {
    expect(
      codeOf(() => assertFeatureBatch({ data: new Float64Array(58), rows: 2, columns: 29 }, 30)),
    ).toEqual([
      "E_FEATURE_COUNT",
      "the model expects 30 features per row, got 29. Pass the columns the model was trained on, in the same order.",
    ]);
  });

  it("refuses data that does not fill rows × columns, and non-integer sizes", () => {
    for (const [length, rows, columns] of [
      [5, 2, 3],
      [7, 2, 3],
      [6, 1.5, 4],
      [0, -1, 3],
      [0, 0, 0],
    ] as const) {
      expect(
        codeOf(() => assertFeatureBatch({ data: new Float32Array(length), rows, columns }, undefined))?.[0],
      ).toBe("E_LENGTH_MISMATCH");
    }
    expect(
      codeOf(() => assertFeatureBatch({ data: new Float32Array(6), rows: 2, columns: 3 }, 3)),
    ).toBeUndefined();
    expect(
      codeOf(() => assertFeatureBatch({ data: new Float32Array(0), rows: 0, columns: 3 }, 3)),
    ).toBeUndefined();
  });
});
