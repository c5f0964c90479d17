import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "calibrator-platt", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
