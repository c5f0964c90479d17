import { checkCalibrator, conformanceDatasets } from "@calibra/core/testing";
import { describe, expect, it } from "vitest";
import { beta } from "./beta.js";
import type { BetaParameterisation } from "./beta-schemas.js";
import { betaPlugin } from "./plugin.js";

describe.each<BetaParameterisation | undefined>([undefined, "abm", "am", "ab"])(
  "the calibrator contract, parameters %s",
  (parameters) => {
    const create = () => (parameters === undefined ? beta() : beta({ parameters }));
    const checks = checkCalibrator({ create, plugin: betaPlugin });

    it("runs every check of the kit, including the monotone ones", () => {
      expect(checks.length).toBeGreaterThan(40);
      expect(checks.filter((check) => check.name.startsWith("non-decreasing"))).toHaveLength(
        conformanceDatasets().length,
      );
    });

    it.each(checks.map((check) => [check.name, check] as const))("%s", (_, check) => {
      expect(check.detail).toBe("");
    });
  },
);
