import { basename } from "node:path";
import { loadPipeline, type Pipeline, type Registry } from "@calibra/core";
import { readTextFile } from "./text-files.js";

/** Reads and validates a pipeline spec file through the registry (`E_IO`, `E_SPEC_*`, `E_UNKNOWN_COMPONENT`). */
export async function readPipelineFile(path: string, registry: Registry): Promise<Pipeline> {
  const text = await readTextFile(path, "pipeline spec");
  return loadPipeline(text, { registry, source: basename(path) });
}
