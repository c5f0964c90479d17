import { type AnyThresholder, createRegistry, fitPipeline, loadPipeline, providerOf } from "@calibra/core";
import { seededUniform } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { codeOf } from "../test/error-code.js";
import { fixed } from "./fixed.js";
import { logOdds } from "./log-odds.js";
import { minCost } from "./min-cost.js";
import { optimize } from "./optimize.js";
import { thresholdsPlugin } from "./plugin.js";
import { maxPrecisionAtRecall } from "./precision-at-recall.js";
import { priorShift } from "./prior-shift.js";
import { maxRecallAtFpr } from "./recall-at-fpr.js";
import { maxRecallAtPrecision } from "./recall-at-precision.js";

const classes = { positive: "churn", negative: "stay" };

/** Logits of a noisy model with ties (rounded to 1/16) and a few extreme values; 30 % positives. */
function sample(
  rows: number,
  seed: number,
): { raw: Float64Array; labels: Uint8Array; weights: Float64Array } {
  const uniform = seededUniform(seed);
  const raw = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  const weights = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = uniform() < 0.3 ? 1 : 0;
    const z = (labels[i] === 1 ? 1 : -1) + 2.5 * (uniform() + uniform() - 1);
    raw[i] = i % 97 === 0 ? z * 40 : Math.round(z * 16) / 16;
    weights[i] = 0.5 + Math.floor(uniform() * 4) / 2;
  }
  return { raw, labels, weights };
}

const cases: [string, () => AnyThresholder][] = [
  ["fixed(0.35) (core's)", () => fixed(0.35)],
  ["logOdds(0.35)", () => logOdds(0.35)],
  ["logOdds(0)", () => logOdds(0)],
  ["optimize f1", () => optimize({ metric: "f1" })],
  ["optimize fbeta 2", () => optimize({ metric: "fbeta", beta: 2 })],
  ["optimize youden", () => optimize({ metric: "youden" })],
  ["optimize mcc", () => optimize({ metric: "mcc" })],
  ["optimize balanced-accuracy", () => optimize({ metric: "balanced-accuracy" })],
  ["optimize accuracy", () => optimize({ metric: "accuracy" })],
  ["minCost empirical", () => minCost({ fp: 1, fn: 4, mode: "empirical" })],
  ["minCost bayes", () => minCost({ fp: 1, fn: 4, mode: "bayes" })],
  ["maxRecallAtPrecision(0.6)", () => maxRecallAtPrecision(0.6)],
  ["maxPrecisionAtRecall(0.8)", () => maxPrecisionAtRecall(0.8)],
  ["maxRecallAtFpr(0.1)", () => maxRecallAtFpr(0.1)],
];

describe.each(cases)("conformance through a pipeline: %s", (_, make) => {
  const { raw, labels, weights } = sample(2500, 3);
  const registry = createRegistry().use(thresholdsPlugin);

  describe.each([
    ["unweighted", undefined, undefined],
    ["weighted", weights, undefined],
    ["with a prior shift", undefined, priorShift({ trainPrevalence: 0.3, deployPrevalence: 0.1 })],
  ])("%s", (_, w, shift) => {
    const pipeline = fitPipeline({
      raw,
      labels,
      classes,
      weights: w,
      thresholder: make(),
      ...(shift === undefined ? {} : { priorShift: shift }),
    });
    const spec = pipeline.toJSON();

    it("fits a threshold in [0, 1] and names the plugin that provides it", () => {
      expect(pipeline.threshold).toBeGreaterThanOrEqual(0);
      expect(pipeline.threshold).toBeLessThanOrEqual(1);
      expect(spec.threshold.type).toBe(pipeline.thresholder.id);
      expect(spec.threshold.plugin).toBe(
        pipeline.thresholder.id === "fixed"
          ? providerOf(pipeline.thresholder.definition)
          : "@calibra/thresholds",
      );
    });

    it("the JSON round trip keeps the threshold, its details and options, and the decisions", () => {
      const loaded = loadPipeline(JSON.stringify(spec), { registry });
      expect(loaded.threshold).toBe(pipeline.threshold);
      expect(loaded.thresholder.id).toBe(pipeline.thresholder.id);
      expect(loaded.thresholder.details).toEqual(pipeline.thresholder.details);
      expect(loaded.thresholder.options).toEqual(pipeline.thresholder.options);
      expect(loaded.toJSON()).toEqual(spec);
      expect(Array.from(loaded.decide(raw))).toEqual(Array.from(pipeline.decide(raw)));
    });

    it("decisions from log-odds (the pipeline's cutoff) and from probabilities agree on every row", () => {
      const probabilities = pipeline.predictProba(raw);
      const fromLogOdds = pipeline.decide(raw);
      const fromProbabilities = pipeline.thresholder.decide(probabilities);
      let disagreements = 0;
      for (let i = 0; i < raw.length; i++) {
        if (fromLogOdds[i] !== fromProbabilities[i]) disagreements++;
        if (fromProbabilities[i] !== ((probabilities[i] as number) >= pipeline.threshold ? 1 : 0))
          disagreements++;
      }
      expect(disagreements).toBe(0);
    });

    it("the choice is the one the thresholder makes on the pipeline's probabilities", () => {
      const direct = make().fit(pipeline.predictProba(raw), labels, w);
      expect(pipeline.threshold).toBe(direct.threshold);
      expect(pipeline.thresholder.details).toEqual(direct.details);
    });
  });

  it("a registry without the plugin refuses the spec and names the plugin", () => {
    const pipeline = fitPipeline({ raw, labels, classes, thresholder: make() });
    if (pipeline.thresholder.id === "fixed") return;
    const bare = createRegistry();
    expect(codeOf(() => loadPipeline(JSON.stringify(pipeline.toJSON()), { registry: bare }))).toBe(
      "E_UNKNOWN_COMPONENT",
    );
    expect(() => loadPipeline(pipeline.toJSON(), { registry: bare })).toThrow(/@calibra\/thresholds/);
  });
});

describe("the plugin", () => {
  it("registers its seven thresholders next to core's fixed one", () => {
    const registry = createRegistry().use(thresholdsPlugin);
    const ids = thresholdsPlugin.thresholders.map((d) => d.id);
    expect(ids).toEqual([
      "log-odds",
      "optimize",
      "min-cost",
      "bayes-cost",
      "recall-at-precision",
      "precision-at-recall",
      "recall-at-fpr",
    ]);
    for (const id of [...ids, "fixed"]) expect(registry.thresholder(id).id).toBe(id);
    expect(thresholdsPlugin.name).toBe("@calibra/thresholds");
    expect(registry.use(thresholdsPlugin)).toBe(registry); // registering twice is a no-op
  });

  it("a spec with bad thresholder options is refused with E_SPEC_INVALID", () => {
    const { raw, labels } = sample(200, 5);
    const spec = fitPipeline({ raw, labels, classes, thresholder: optimize({ metric: "f1" }) }).toJSON();
    const tampered = { ...spec, threshold: { ...spec.threshold, params: { metric: "fbeta" } } };
    const registry = createRegistry().use(thresholdsPlugin);
    expect(codeOf(() => loadPipeline(JSON.stringify(tampered), { registry }))).toBe("E_SPEC_INVALID");
  });
});
