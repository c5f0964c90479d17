import { type CalibraModelJson, loadTsModel, trainLogistic, trainMLP } from "@calibra/backend-ts";
import { platt } from "@calibra/calibrator-platt";
import { fitPipeline, stratifiedFolds } from "@calibra/core";
import { loadDataset } from "@calibra/fixtures";
import { ece } from "@calibra/metrics";
import { priorShift } from "@calibra/thresholds";
import { describe, expect, it } from "vitest";

/**
 * The problem users meet with `BCEWithLogitsLoss(pos_weight = N₋/N₊)`: weighting the positives makes the model
 * see a balanced world, so its probabilities are too high for the real one. Two fixes, both checked on held-out
 * rows: the prior shift (the weighted training prevalence is exactly ½, so logit(p′) = logit(p) − log(posWeight))
 * and a calibrator fitted on a calibration split.
 */
const churn = loadDataset("telco_churn");
const classes = { positive: churn.classes.positive, negative: churn.classes.negative };
const SPLIT_SEED = 7;

/** Rows of a 50/25/25 stratified split: folds 0–1 train, 2 calibration, 3 test. */
function split(): { train: number[]; calibration: number[]; test: number[] } {
  const fold = stratifiedFolds(churn.labels, 4, SPLIT_SEED);
  const parts = { train: [] as number[], calibration: [] as number[], test: [] as number[] };
  fold.forEach((f, row) => {
    (f < 2 ? parts.train : f === 2 ? parts.calibration : parts.test).push(row);
  });
  return parts;
}

function subset(rows: readonly number[]) {
  const columns = churn.columns;
  const data = new Float64Array(rows.length * columns);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    data.set(churn.features.subarray(row * columns, (row + 1) * columns), i * columns);
    labels[i] = churn.labels[row] as number;
  });
  return { features: { data, rows: rows.length, columns }, labels };
}

const parts = split();
const train = subset(parts.train);
const calibration = subset(parts.calibration);
const test = subset(parts.test);

const positives = train.labels.reduce((sum, y) => sum + y, 0);
const posWeight = (train.labels.length - positives) / positives;
const trainPrevalence = positives / train.labels.length;
const testPrevalence = test.labels.reduce((sum, y) => sum + y, 0) / test.labels.length;

async function logitsOf(json: CalibraModelJson, part: typeof test): Promise<Float64Array> {
  const model = await loadTsModel(json);
  return (await model.predict(part.features)).data;
}

function mean(values: Float64Array): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

const trainers = {
  logistic: (weight: number) => trainLogistic(train.features, train.labels, { posWeight: weight, l2: 1e-3 }),
  mlp: (weight: number) =>
    trainMLP(train.features, train.labels, { posWeight: weight, hidden: [16], epochs: 15, seed: 3 }),
} as const;

describe.each(Object.entries(trainers))("%s trained with posWeight = N₋/N₊ on telco_churn", (_, train) => {
  it("over-predicts churn, and the prior shift or Platt scaling brings ECE back down", async () => {
    expect(posWeight).toBeCloseTo(2.77, 2);
    const weighted = train(posWeight);
    const testLogits = await logitsOf(weighted, test);

    const uncalibrated = fitPipeline({ raw: testLogits, labels: test.labels, classes });
    const before = uncalibrated.predictProba(testLogits);
    const eceBefore = ece(before, test.labels);
    // Over-prediction: the mean probability is far above the churn rate, and so is the calibration error.
    expect(mean(before)).toBeGreaterThan(testPrevalence + 0.12);
    expect(eceBefore).toBeGreaterThan(0.12);

    // Fix 1, no labels needed: the weighted training prevalence π_w = wπ/(wπ + 1 − π) is ½ for w = N₋/N₊.
    const weightedPrevalence =
      (posWeight * trainPrevalence) / (posWeight * trainPrevalence + 1 - trainPrevalence);
    expect(weightedPrevalence).toBeCloseTo(0.5, 12);
    const shifted = fitPipeline({
      raw: testLogits,
      labels: test.labels,
      classes,
      priorShift: priorShift({ trainPrevalence: weightedPrevalence, deployPrevalence: trainPrevalence }),
    });
    const afterShift = shifted.predictProba(testLogits);
    // The shift is logit(p′) = logit(p) − log(posWeight), row by row.
    for (const i of [0, 100, 1000]) {
      const expected = 1 / (1 + Math.exp(-((testLogits[i] as number) - Math.log(posWeight))));
      expect(afterShift[i]).toBeCloseTo(expected, 12);
    }
    const eceShift = ece(afterShift, test.labels);
    expect(Math.abs(mean(afterShift) - testPrevalence)).toBeLessThan(0.03);
    expect(eceShift).toBeLessThan(0.04);
    expect(eceShift).toBeLessThan(eceBefore / 3);

    // Fix 2: Platt scaling fitted on the calibration split's logits, judged on the test split.
    const calibrated = fitPipeline({
      raw: await logitsOf(weighted, calibration),
      labels: calibration.labels,
      classes,
      calibrator: platt(),
    });
    const afterPlatt = calibrated.predictProba(testLogits);
    const ecePlatt = ece(afterPlatt, test.labels);
    expect(ecePlatt).toBeLessThan(0.04);
    expect(ecePlatt).toBeLessThan(eceBefore / 3);

    // The unweighted model is the yardstick: both fixes land as close to calibrated as it is.
    const plain = train(1);
    const eceUnweighted = ece(
      fitPipeline({ raw: await logitsOf(plain, test), labels: test.labels, classes }).predictProba(
        await logitsOf(plain, test),
      ),
      test.labels,
    );
    expect(eceUnweighted).toBeLessThan(0.04);
    console.info(
      `ECE (15 bins, test split): weighted ${eceBefore.toFixed(4)}, prior shift ${eceShift.toFixed(4)}, ` +
        `Platt ${ecePlatt.toFixed(4)}, unweighted model ${eceUnweighted.toFixed(4)}`,
    );
  });
});
