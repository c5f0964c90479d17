import { loadReference } from "@calibra/fixtures";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  prevalenceThresholder,
  shiftCalibrator,
  stepCalibrator,
  toyPlugin,
} from "../../test/toy-components.js";
import { fixedThreshold, softmax2Logits, twoSigmoids } from "../builtins/factories.js";
import { createCalibrator, fittedCalibrator } from "../components/calibrator.js";
import { createThresholder } from "../components/thresholder.js";
import { encodeLabels } from "../data/labels.js";
import { ErrorCodes } from "../errors.js";
import { fitPipeline } from "../pipeline/fit-pipeline.js";
import { Pipeline } from "../pipeline/pipeline.js";
import { createRegistry } from "../registry.js";
import { loadPipeline } from "./load.js";

const registry = createRegistry().use(toyPlugin);
const reference = loadReference("telco_churn", "logreg");
const labels = encodeLabels(
  reference.calibration.label.map((y) => (y === 1 ? "Yes" : "No")),
  { positive: "Yes" },
);

function fitted(): Pipeline {
  return fitPipeline({
    raw: reference.calibration.logit,
    labels,
    calibrator: createCalibrator(shiftCalibrator),
    thresholder: createThresholder(prevalenceThresholder),
    priorShift: { trainPrevalence: 0.5, deployPrevalence: 0.2 },
    now: new Date("2026-11-23T12:00:00Z"),
  });
}

function errorOf(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected an error");
}

describe("pipeline spec", () => {
  it("serialises to a versioned document naming each component's plugin", () => {
    const spec = fitted().toJSON();
    expect(spec).toMatchObject({
      format: "calibra.pipeline",
      version: 1,
      classes: { positive: "Yes", negative: "No" },
      activation: { type: "sigmoid", plugin: "@calibra/core", params: {} },
      calibrator: { type: "toy-shift", plugin: "toy-calibrators" },
      priorShift: { trainPrevalence: 0.5, deployPrevalence: 0.2 },
      threshold: { type: "toy-prevalence", plugin: "toy-calibrators", params: {} },
      fit: {
        rows: reference.calibration.label.length,
        weighted: false,
        fittedAt: "2026-11-23T12:00:00.000Z",
      },
    });
    expect(typeof (spec.calibrator?.params as { shift: number }).shift).toBe("number");
    expect(spec.threshold.value).toBeGreaterThan(0);
  });

  it("round-trips through JSON text to an identical pipeline, bit for bit", () => {
    const original = fitted();
    const text = JSON.stringify(original.toJSON());
    const loaded = loadPipeline(text, { registry });
    expect(loaded.toJSON()).toEqual(original.toJSON());
    expect(JSON.stringify(loaded.toJSON())).toBe(text);
    const z = reference.test.logit;
    expect(loaded.predictProba(z)).toEqual(original.predictProba(z));
    expect(loaded.decide(z)).toEqual(original.decide(z));
    expect(loaded.logOddsCutoff()).toBe(original.logOddsCutoff());
  });

  it("keeps the data columns a fit read, and refuses malformed ones", () => {
    const spec = fitted().toJSON();
    const withColumns = {
      ...spec,
      fit: { ...(spec.fit as object), scoreColumns: ["logit"], labelColumn: "diagnosis" },
    };
    const loaded = loadPipeline(JSON.stringify(withColumns), { registry });
    expect(loaded.fit?.scoreColumns).toEqual(["logit"]);
    expect(loaded.toJSON()).toEqual(withColumns);
    for (const scoreColumns of [[], ["a", "b", "c"], [""]]) {
      const error = errorOf(() =>
        loadPipeline({ ...withColumns, fit: { ...withColumns.fit, scoreColumns } }, { registry }),
      );
      expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
      expect(error.message).toMatch(/fit\.scoreColumns/);
    }
  });

  it("round-trips any parameters and activations (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0 as const, 1 as const),
        fc.boolean(),
        (split, low, high, t, positiveColumn, useTwoSigmoids) => {
          const pipeline = new Pipeline({
            classes: { positive: "spam", negative: "ham" },
            activation: useTwoSigmoids ? twoSigmoids({ positiveColumn }) : softmax2Logits({ positiveColumn }),
            calibrator: fittedCalibrator(stepCalibrator, { split, low, high }),
            thresholder: fixedThreshold(t),
          });
          const text = JSON.stringify(pipeline);
          const loaded = loadPipeline(JSON.parse(text), { registry });
          // Compared as JSON text: JSON itself has no −0, and the spec is JSON.
          expect(JSON.stringify(loaded)).toBe(text);
          const rows = [
            [0.1, 0.8],
            [0.6, 0.3],
          ];
          expect(loaded.predictProba(rows)).toEqual(pipeline.predictProba(rows));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses an unknown version, saying which versions it reads", () => {
    const spec = { ...fitted().toJSON(), version: 2 };
    const error = errorOf(() => loadPipeline(spec, { registry, source: "churn.json" }));
    expect(error.code).toBe(ErrorCodes.SPEC_VERSION);
    expect(error.message).toMatch(/churn.json is a calibra.pipeline of version 2.*reads version 1.*Upgrade/);
    expect(errorOf(() => loadPipeline({ ...spec, version: "1" }, { registry })).code).toBe(
      ErrorCodes.SPEC_VERSION,
    );
  });

  it("refuses documents that are not pipelines", () => {
    expect(errorOf(() => loadPipeline("{ not json", { registry })).code).toBe(ErrorCodes.SPEC_INVALID);
    expect(errorOf(() => loadPipeline("[1, 2]", { registry })).code).toBe(ErrorCodes.SPEC_INVALID);
    expect(errorOf(() => loadPipeline({ format: "onnx" }, { registry })).message).toMatch(
      /not a Calibra pipeline/,
    );
  });

  it("names every malformed field with its path", () => {
    const spec = fitted().toJSON();
    const broken = {
      ...spec,
      classes: { positive: "Yes" },
      threshold: { ...spec.threshold, value: 1.5 },
      extra: true,
    };
    const error = errorOf(() => loadPipeline(broken, { registry, source: "p.json" }));
    expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
    expect(error.message).toMatch(/p.json.classes.negative/);
    expect(error.message).toMatch(/p.json.threshold.value/);
    expect(error.message).toMatch(/extra/);
  });

  it("validates component parameters through the component's own schema", () => {
    const spec = fitted().toJSON();
    const wrongType = { ...spec, calibrator: { ...spec.calibrator, params: { shift: "0.3" } } };
    const error = errorOf(() => loadPipeline(wrongType, { registry }));
    expect(error.code).toBe(ErrorCodes.SPEC_INVALID);
    expect(error.message).toMatch(/calibrator.params.shift/);
    const badActivation = { ...spec, activation: { type: "softmax2", params: { positiveColumn: 3 } } };
    const activationError = errorOf(() => loadPipeline(badActivation, { registry }));
    expect(activationError.code).toBe(ErrorCodes.SPEC_INVALID);
    expect(activationError.message).toMatch(/activation.params/);
  });

  it("names the plugin to install for an unknown component", () => {
    const spec = fitted().toJSON();
    const error = errorOf(() => loadPipeline(spec, { registry: createRegistry() }));
    expect(error.code).toBe(ErrorCodes.UNKNOWN_COMPONENT);
    expect(error.message).toMatch(/No calibrator "toy-shift".*plugin "toy-calibrators"/);
  });

  it("never executes anything in the document", () => {
    const spec = fitted().toJSON();
    const hostile = {
      ...spec,
      calibrator: { ...spec.calibrator, params: { shift: { toString: "alert(1)" } } },
    };
    expect(errorOf(() => loadPipeline(hostile, { registry })).code).toBe(ErrorCodes.SPEC_INVALID);
  });
});
