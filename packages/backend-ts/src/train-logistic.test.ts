import { loadDataset } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import type { CalibraModelJson } from "./model-format.js";
import { trainLogistic } from "./train-logistic.js";
import { loadTsModel } from "./ts-model.js";

const cancer = loadDataset("breast_cancer");
const churn = loadDataset("telco_churn");

async function probabilities(
  model: CalibraModelJson,
  features: Float64Array,
  rows: number,
): Promise<Float64Array> {
  const loaded = await loadTsModel(model);
  const { data } = await loaded.predict({ data: features, rows, columns: model.inputs });
  return data.map((z) => 1 / (1 + Math.exp(-z)));
}

/** ∇ of (1/N) Σ wᵢ logloss(yᵢ, pᵢ) + (λ/2)‖β‖², in the model's standardised coordinates, computed from scratch. */
function penalisedGradient(
  model: CalibraModelJson,
  dataset: typeof cancer,
  p: Float64Array,
  l2: number,
  posWeight: number,
): number[] {
  const { rows, columns, features, labels } = dataset;
  const mean = model.standardize?.mean ?? new Array(columns).fill(0);
  const scale = model.standardize?.scale ?? new Array(columns).fill(1);
  const beta = model.layers[0]?.weights[0] ?? [];
  const gradient = new Array<number>(columns + 1).fill(0);
  for (let i = 0; i < rows; i++) {
    const weight = labels[i] === 1 ? posWeight : 1;
    const residual = (weight * ((p[i] as number) - (labels[i] as number))) / rows;
    for (let j = 0; j < columns; j++) {
      const standardised =
        ((features[i * columns + j] as number) - (mean[j] as number)) / (scale[j] as number);
      gradient[j] = (gradient[j] as number) + residual * standardised;
    }
    gradient[columns] = (gradient[columns] as number) + residual;
  }
  for (let j = 0; j < columns; j++) gradient[j] = (gradient[j] as number) + l2 * (beta[j] as number);
  return gradient;
}

function accuracy(p: Float64Array, labels: Uint8Array): number {
  let correct = 0;
  for (let i = 0; i < p.length; i++) if ((p[i] as number) >= 0.5 === (labels[i] === 1)) correct += 1;
  return correct / p.length;
}

const mean = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0) / values.length;
const prevalence = (labels: Uint8Array) => labels.reduce((sum, label) => sum + label, 0) / labels.length;

describe("trainLogistic", () => {
  const batch = { data: cancer.features, rows: cancer.rows, columns: cancer.columns };
  const model = trainLogistic(batch, cancer.labels, { featureNames: cancer.featureNames });

  it("returns a valid logistic model that stores its standardisation", async () => {
    expect(model.kind).toBe("logistic");
    expect(model.inputs).toBe(30);
    expect(model.standardize?.mean[0]).toBeCloseTo(14.127291739894552, 10); // mean radius
    expect(model.featureNames?.[0]).toBe("mean_radius");
    await expect(loadTsModel(JSON.parse(JSON.stringify(model)))).resolves.toBeDefined();
  });

  it("refuses feature names that do not match the columns, before training", () => {
    expect(() => trainLogistic(batch, cancer.labels, { featureNames: ["only_one"] })).toThrow(
      expect.objectContaining({
        code: "E_INVALID_OPTIONS",
        message: expect.stringMatching(/1 names for 30 feature/),
      }),
    );
  });

  it("stops where the penalised log-loss gradient vanishes (breast cancer)", async () => {
    const p = await probabilities(model, cancer.features, cancer.rows);
    const gradient = penalisedGradient(model, cancer, p, 1e-4, 1);
    expect(Math.max(...gradient.map(Math.abs))).toBeLessThan(1e-9);
    expect(accuracy(p, cancer.labels)).toBeGreaterThan(0.95);
  });

  it("reaches the weighted optimum with posWeight and larger l2, from rows given as arrays", async () => {
    const rows = Array.from({ length: cancer.rows }, (_, i) =>
      Array.from(cancer.features.subarray(i * cancer.columns, (i + 1) * cancer.columns)),
    );
    const weighted = trainLogistic(rows, cancer.labels, { l2: 0.01, posWeight: 2.5 });
    const p = await probabilities(weighted, cancer.features, cancer.rows);
    const gradient = penalisedGradient(weighted, cancer, p, 0.01, 2.5);
    expect(Math.max(...gradient.map(Math.abs))).toBeLessThan(1e-9);
  });

  it("without standardisation the gradient also vanishes in raw units", async () => {
    const raw = trainLogistic(batch, cancer.labels, { standardize: false, l2: 0.1 });
    expect(raw.standardize).toBeUndefined();
    const p = await probabilities(raw, cancer.features, cancer.rows);
    expect(Math.max(...penalisedGradient(raw, cancer, p, 0.1, 1).map(Math.abs))).toBeLessThan(1e-9);
  });

  it("matches the prevalence with posWeight = 1 and over-predicts with posWeight = N₋/N₊ (telco churn)", async () => {
    const churnBatch = { data: churn.features, rows: churn.rows, columns: churn.columns };
    const rate = prevalence(churn.labels);
    expect(rate).toBeCloseTo(1869 / 7043, 12);
    const plain = await probabilities(trainLogistic(churnBatch, churn.labels), churn.features, churn.rows);
    // The intercept's stationarity: Σ (pᵢ − yᵢ) = 0.
    expect(Math.abs(mean(plain) - rate)).toBeLessThan(1e-9);
    const negatives = churn.rows - 1869;
    const balanced = await probabilities(
      trainLogistic(churnBatch, churn.labels, { posWeight: negatives / 1869 }),
      churn.features,
      churn.rows,
    );
    // Clearly above the prevalence (≈ 0.414 against 0.265)…
    expect(mean(balanced)).toBeGreaterThan(rate + 0.1);
    // …because the weighted intercept condition Σ wᵢ (pᵢ − yᵢ) = 0 holds instead.
    let weightedResidual = 0;
    for (let i = 0; i < churn.rows; i++) {
      const label = churn.labels[i] as number;
      weightedResidual += (label === 1 ? negatives / 1869 : 1) * ((balanced[i] as number) - label);
    }
    expect(Math.abs(weightedResidual / churn.rows)).toBeLessThan(1e-9);
  });

  it("validates its input and options", () => {
    expect(() => trainLogistic(batch, cancer.labels.subarray(1))).toThrow(
      expect.objectContaining({ code: "E_LENGTH_MISMATCH" }),
    );
    expect(() => trainLogistic(batch, new Uint8Array(cancer.rows))).toThrow(
      expect.objectContaining({ code: "E_ONE_CLASS" }),
    );
    expect(() => trainLogistic([[1], [2]], [0, 2])).toThrow(
      expect.objectContaining({ code: "E_LABEL_CLASSES" }),
    );
    expect(() => trainLogistic([[1], [Number.NaN]], [0, 1])).toThrow(
      expect.objectContaining({ code: "E_NAN_INPUT" }),
    );
    expect(() => trainLogistic(batch, cancer.labels, { l2: -1 })).toThrow(
      expect.objectContaining({ code: "E_INVALID_OPTIONS" }),
    );
    expect(() => trainLogistic(batch, cancer.labels, { posWeight: 0 })).toThrow(/posWeight must be > 0/);
  });
});
