import { describe, expect, it } from "vitest";
import { HISTOGRAM_BINS } from "./evaluation.js";
import { classHistogram } from "./score-histogram.js";

describe("classHistogram", () => {
  it("counts each class per equal-width bin, p = 1 in the last bin and edges on the upper bin", () => {
    const probabilities = Float64Array.of(0, 0.05, 0.1, 0.35, 0.4, 0.8, 0.95, 1, 0.999);
    const labels = Uint8Array.of(0, 0, 1, 1, 0, 1, 0, 1, 1);
    const histogram = classHistogram(probabilities, labels);
    expect(histogram.edges).toHaveLength(HISTOGRAM_BINS + 1);
    expect(histogram.edges[0]).toBe(0);
    expect(histogram.edges[1]).toBe(0.05);
    expect(histogram.edges[HISTOGRAM_BINS]).toBe(1);
    const positive = new Array(HISTOGRAM_BINS).fill(0);
    const negative = new Array(HISTOGRAM_BINS).fill(0);
    negative[0] = 1; // 0
    negative[1] = 1; // 0.05, on the edge between bins 0 and 1
    positive[2] = 1; // 0.1
    positive[7] = 1; // 0.35
    negative[8] = 1; // 0.4
    positive[16] = 1; // 0.8
    negative[19] = 1; // 0.95
    positive[19] = 2; // 1 and 0.999
    expect(histogram.positive).toEqual(positive);
    expect(histogram.negative).toEqual(negative);
  });

  it("takes another bin count", () => {
    const histogram = classHistogram(Float64Array.of(0.2, 0.7, 1), Uint8Array.of(1, 0, 1), 2);
    expect(histogram).toEqual({ edges: [0, 0.5, 1], positive: [1, 1], negative: [0, 1] });
  });
});
