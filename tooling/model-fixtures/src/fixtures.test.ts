import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { WEIGHTS_FILE_NAME } from "@calibra/backend-tfjs";
import { describe, expect, it } from "vitest";
import { MODEL_FIXTURES, modelFixturePaths } from "../index.js";
import { buildFixtureFiles } from "./build-fixtures.js";

const built = await buildFixtureFiles();

describe.each(MODEL_FIXTURES)("the committed %s fixture", (name) => {
  const paths = modelFixturePaths(name);
  const fixture = built[name];

  it("is what scripts/generate.ts makes today, byte for byte", () => {
    expect(readFileSync(paths.calibra, "utf8")).toBe(fixture.calibra);
    expect(new Uint8Array(readFileSync(paths.onnx))).toEqual(fixture.onnx);
    expect(JSON.parse(readFileSync(paths.tfjs, "utf8"))).toEqual(
      JSON.parse(JSON.stringify(fixture.tfjs.modelJson)),
    );
    expect(new Uint8Array(readFileSync(join(dirname(paths.tfjs), WEIGHTS_FILE_NAME)))).toEqual(
      fixture.tfjs.weights,
    );
  });
});
