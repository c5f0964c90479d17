import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "model-fixtures", include: ["src/**/*.test.ts"] },
});
