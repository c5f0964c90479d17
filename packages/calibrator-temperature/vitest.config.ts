import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "calibrator-temperature", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
