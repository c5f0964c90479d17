import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "calibrator-isotonic", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
