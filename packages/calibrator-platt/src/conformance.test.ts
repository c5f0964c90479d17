import { checkCalibrator } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { platt, plattPlugin } from "./index.js";

describe("calibrator contract, default options (smoothed targets)", () => {
  it.each(checkCalibrator({ create: () => platt(), plugin: plattPlugin }).map((c) => [c.name, c] as const))(
    "%s",
    (_, c) => expect(c.detail).toBe(""),
  );
});

describe("calibrator contract, raw 0/1 targets", () => {
  it.each(
    checkCalibrator({ create: () => platt({ targets: "raw" }), plugin: plattPlugin }).map(
      (c) => [c.name, c] as const,
    ),
  )("%s", (_, c) => expect(c.detail).toBe(""));
});
