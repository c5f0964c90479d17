import type { StandardSchemaV1 } from "@calibra/core";

type Shape = Record<string, "number" | "boolean">;
type Output<S extends Shape> = { [K in keyof S]: S[K] extends "number" ? number : boolean };

/**
 * A tiny Standard Schema for flat objects of finite numbers and booleans, with defaults. Enough for this plugin,
 * and proof that core accepts any validator that implements the standard.
 */
export function objectSchema<S extends Shape>(
  shape: S,
  defaults: Partial<Output<S>> = {},
): StandardSchemaV1<unknown, Output<S>> {
  return {
    "~standard": {
      version: 1,
      vendor: "calibra-plugin-percent-example",
      validate(value) {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          return { issues: [{ message: "expected an object" }] };
        }
        const input = value as Record<string, unknown>;
        const issues: StandardSchemaV1.Issue[] = [];
        const result: Record<string, unknown> = {};
        for (const key of Object.keys(input)) {
          if (!(key in shape)) issues.push({ message: "unknown key", path: [key] });
        }
        for (const [key, type] of Object.entries(shape)) {
          const entry = key in input ? input[key] : (defaults as Record<string, unknown>)[key];
          const ok =
            type === "number"
              ? typeof entry === "number" && Number.isFinite(entry)
              : typeof entry === "boolean";
          if (ok) result[key] = entry;
          else
            issues.push({
              message: `expected a ${type === "number" ? "finite number" : "boolean"}`,
              path: [key],
            });
        }
        return issues.length > 0 ? { issues } : { value: result as Output<S> };
      },
    },
  };
}
