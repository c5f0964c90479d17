import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "thresholds", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
