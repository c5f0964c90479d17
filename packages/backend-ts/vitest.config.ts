import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "backend-ts", include: ["src/**/*.test.ts"] },
});
