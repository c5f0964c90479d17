import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "calibrator-histogram", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
