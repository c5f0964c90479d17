// @ts-check
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));

/** The fixture models, each trained with backend-ts on all of breast_cancer.csv (positive class: malignant). */
export const MODEL_FIXTURES = /** @type {const} */ (["logreg", "mlp"]);

/** @param {string} name */
export function modelFixtureDirectory(name) {
  return join(root, "models", name);
}

/**
 * The files of one fixture model: the backend-ts JSON, the ONNX graph (float32) and the tfjs LayersModel's
 * model.json (its weights beside it).
 *
 * @param {string} name
 */
export function modelFixturePaths(name) {
  const directory = modelFixtureDirectory(name);
  return {
    calibra: join(directory, "model.calibra.json"),
    onnx: join(directory, "model.onnx"),
    tfjs: join(directory, "tfjs", "model.json"),
  };
}
