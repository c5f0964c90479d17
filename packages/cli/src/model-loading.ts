import {
  type AnyBackendDefinition,
  CalibraError,
  ErrorCodes,
  type Model,
  type Registry,
} from "@calibra/core";

/**
 * The backend for a model file: the one `--backend` names, or else the first registered backend that recognises
 * the file (`.onnx` → onnx, a tfjs `model.json` → tfjs, a Calibra JSON model → ts). `E_BACKEND` listing the
 * backends when none does.
 */
export function chooseBackend(registry: Registry, path: string, backendId?: string): AnyBackendDefinition {
  if (backendId !== undefined) return registry.backend(backendId);
  const backend = registry.backends().find((candidate) => candidate.canLoad(path));
  if (!backend) {
    throw new CalibraError(
      ErrorCodes.BACKEND,
      `no backend recognises the model "${path}" (tried ${registry
        .backends()
        .map((b) => b.id)
        .join(", ")}): a .onnx file, a TensorFlow.js model.json or a Calibra JSON model is expected. ` +
        "Name the backend with --backend if the file is one of them.",
      { details: { path } },
    );
  }
  return backend;
}

/** Loads a model through the chosen backend. */
export async function loadModel(registry: Registry, path: string, backendId?: string): Promise<Model> {
  return chooseBackend(registry, path, backendId).load(path);
}
