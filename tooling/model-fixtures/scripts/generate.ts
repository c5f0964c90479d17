/**
 * Regenerates models/<name>/ for every fixture model: `pnpm --filter @calibra/model-fixtures run generate`.
 * Training is deterministic, so a run on an unchanged tree rewrites the same bytes (src/fixtures.test.ts checks).
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { saveTfjsModel } from "@calibra/backend-tfjs";
import { MODEL_FIXTURES, modelFixtureDirectory, modelFixturePaths } from "../index.js";
import { buildFixtureFiles } from "../src/build-fixtures.js";

/** Writes through a temporary file and a rename, so a failed run never leaves half a fixture. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

const files = await buildFixtureFiles();
for (const name of MODEL_FIXTURES) {
  const fixture = files[name];
  const paths = modelFixturePaths(name);
  writeAtomically(paths.calibra, fixture.calibra);
  writeAtomically(paths.onnx, fixture.onnx);
  await saveTfjsModel(fixture.tfjs, dirname(paths.tfjs));
  console.log(`wrote ${modelFixtureDirectory(name)}`);
}
