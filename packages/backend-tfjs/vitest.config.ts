import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "backend-tfjs",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // tfjs's pure-JS cpu backend runs ~80 000 MLP rows/s; the 100 000-row batching test makes three passes and
    // takes 4–6 s on a busy 2-core machine, past vitest's default 5 s. A limit, not a speed assertion.
    testTimeout: 60_000,
  },
});
