import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "backend-tfjs", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
