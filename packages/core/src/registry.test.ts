import { describe, expect, it } from "vitest";
import { distanceCalibrator, shiftCalibrator, toyPlugin } from "../test/toy-components.js";
import { PLUGIN_API_VERSION, type Plugin } from "./contracts/plugin.js";
import { defineActivation, defineCalibrator, definePlugin, providerOf } from "./define.js";
import { ErrorCodes } from "./errors.js";
import { createRegistry, defaultRegistry } from "./registry.js";

function errorOf(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected an error");
}

describe("registry", () => {
  it("starts with core's own activations and fixed thresholder", () => {
    const registry = createRegistry();
    expect(registry.list()).toEqual([
      {
        name: "@calibra/core",
        version: undefined,
        apiVersion: PLUGIN_API_VERSION,
        activations: ["sigmoid", "softmax2", "probability", "two-sigmoids"],
        calibrators: [],
        thresholders: ["fixed"],
        backends: [],
      },
    ]);
    expect(registry.activation("softmax2").columns).toBe(2);
    expect(createRegistry({ builtins: false }).list()).toEqual([]);
  });

  it("looks up a plugin's components by id and lists them", () => {
    const registry = createRegistry().use(toyPlugin);
    expect(registry.calibrator("toy-shift")).toBe(shiftCalibrator);
    expect(registry.has("calibrator", "toy-distance")).toBe(true);
    expect(registry.has("calibrator", "platt")).toBe(false);
    expect(registry.providerOf("calibrator", "toy-step")).toBe("toy-calibrators");
    expect(registry.list().map((plugin) => plugin.name)).toEqual(["@calibra/core", "toy-calibrators"]);
    expect(registry.list()[1]?.calibrators).toEqual(["toy-shift", "toy-step", "toy-distance"]);
  });

  it("treats registering the same plugin object twice as a no-op", () => {
    const registry = createRegistry().use(toyPlugin).use(toyPlugin);
    expect(registry.list()).toHaveLength(2);
  });

  it("refuses a different plugin under a taken name", () => {
    const impostor = definePlugin({ name: "toy-calibrators", apiVersion: PLUGIN_API_VERSION });
    const error = errorOf(() => createRegistry().use(toyPlugin).use(impostor));
    expect(error.code).toBe(ErrorCodes.DUPLICATE_ID);
    expect(error.message).toMatch(/different plugin named "toy-calibrators"/);
  });

  it("refuses a component id that another plugin already provides, and registers nothing of it", () => {
    const clash = definePlugin({
      name: "clashing",
      apiVersion: PLUGIN_API_VERSION,
      calibrators: [{ ...distanceCalibrator, id: "fresh-id" }, { ...shiftCalibrator }],
    });
    const registry = createRegistry().use(toyPlugin);
    const error = errorOf(() => registry.use(clash));
    expect(error.code).toBe(ErrorCodes.DUPLICATE_ID);
    expect(error.message).toMatch(/calibrator "toy-shift", which plugin "toy-calibrators" already provides/);
    expect(registry.has("calibrator", "fresh-id")).toBe(false);
    const shadowBuiltin = definePlugin({
      name: "shadow",
      apiVersion: PLUGIN_API_VERSION,
      activations: [defineActivation({ ...registry.activation("sigmoid") })],
    });
    expect(errorOf(() => createRegistry().use(shadowBuiltin)).code).toBe(ErrorCodes.DUPLICATE_ID);
  });

  it("refuses a plugin written for another API version, saying which", () => {
    const future = { name: "from-the-future", apiVersion: PLUGIN_API_VERSION + 1 } satisfies Plugin;
    const error = errorOf(() => createRegistry().use(future));
    expect(error.code).toBe(ErrorCodes.PLUGIN_API);
    expect(error.message).toMatch(/version 2, but this @calibra\/core implements version 1/);
  });

  it("names registered alternatives and the providing plugin for an unknown id", () => {
    const registry = createRegistry();
    const error = errorOf(() => registry.calibrator("platt", { plugin: "@calibra/calibrator-platt" }));
    expect(error.code).toBe(ErrorCodes.UNKNOWN_COMPONENT);
    expect(error.message).toMatch(/No calibrator "platt" is registered/);
    expect(error.message).toMatch(/provided by the plugin "@calibra\/calibrator-platt"/);
    expect(errorOf(() => registry.activation("softmax3")).message).toMatch(/registered: sigmoid, softmax2/);
    expect(errorOf(() => registry.thresholder("nope")).code).toBe(ErrorCodes.UNKNOWN_COMPONENT);
    expect(errorOf(() => registry.backend("onnx")).code).toBe(ErrorCodes.UNKNOWN_COMPONENT);
  });

  it("keeps one default registry per process, on globalThis", () => {
    expect(defaultRegistry()).toBe(defaultRegistry());
    const state = (globalThis as unknown as Record<symbol, { defaultRegistry: unknown }>)[
      Symbol.for("calibra.core.state")
    ];
    expect(state?.defaultRegistry).toBe(defaultRegistry());
  });
});

describe("definePlugin", () => {
  it("records which plugin provides each definition", () => {
    expect(providerOf(shiftCalibrator)).toBe("toy-calibrators");
    expect(providerOf({})).toBeUndefined();
  });

  it("refuses malformed plugins with clear errors", () => {
    const cases: [unknown, RegExp][] = [
      [{ apiVersion: 1 }, /non-empty `name`/],
      [{ name: "x", apiVersion: "1" }, /apiVersion/],
      [{ name: "x", apiVersion: 1, calibrators: {} }, /must be an array/],
      [{ name: "x", apiVersion: 1, calibrators: [{ id: "a" }] }, /defineCalibrator/],
      [{ name: "x", apiVersion: 1, calibrators: [{ ...shiftCalibrator, id: "Bad Id" }] }, /not valid/],
      [{ name: "x", apiVersion: 1, calibrators: [shiftCalibrator, shiftCalibrator] }, /appears twice/],
      [
        { name: "x", apiVersion: 1, calibrators: [{ ...shiftCalibrator, compile: 3 }] },
        /no `compile` function/,
      ],
    ];
    for (const [plugin, message] of cases) {
      const error = errorOf(() => definePlugin(plugin as Plugin));
      expect(error.code).toBe(ErrorCodes.PLUGIN_INVALID);
      expect(error.message).toMatch(message);
    }
  });

  it("is what registry.use checks even for hand-built objects", () => {
    const handBuilt = {
      name: "hand-built",
      apiVersion: PLUGIN_API_VERSION,
      calibrators: [defineCalibrator({ ...shiftCalibrator, id: "ok" }), { id: "broken" }],
    } as unknown as Plugin;
    expect(errorOf(() => createRegistry().use(handBuilt)).code).toBe(ErrorCodes.PLUGIN_INVALID);
  });
});
