import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "cli",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // End-to-end tests spawn the built binary, which loads every backend: a limit, not a speed assertion.
    testTimeout: 60_000,
  },
});
