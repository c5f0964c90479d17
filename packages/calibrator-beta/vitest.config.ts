import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "calibrator-beta", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
