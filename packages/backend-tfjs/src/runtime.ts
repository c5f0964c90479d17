import { CalibraError, ErrorCodes } from "@calibra/core";
import type * as Tfjs from "@tensorflow/tfjs";

/** The TensorFlow.js namespace (`import * as tf from "@tensorflow/tfjs"`), as this package uses it. */
export type TfjsNamespace = typeof Tfjs;

/** The tfjs backends a model can run on. */
export type TfjsBackendName = "tensorflow" | "cpu" | "wasm" | "webgl";

/** What `options.runtime` may ask for: a backend, or `"auto"` (tfjs-node when it loads, else `cpu`). */
export type TfjsRuntimeName = "auto" | TfjsBackendName;

/** The runtimes `options.runtime` accepts, `"auto"` first. */
export const TFJS_RUNTIMES: readonly TfjsRuntimeName[] = ["auto", "tensorflow", "cpu", "wasm", "webgl"];

/** The pure-JavaScript TensorFlow.js package (peer dependency): the `cpu` and `webgl` backends. */
export const TFJS_MODULE = "@tensorflow/tfjs";
/** The optional native package: registers the `tensorflow` backend (libtensorflow) and brings its own tfjs. */
export const TFJS_NODE_MODULE = "@tensorflow/tfjs-node";
/** The optional WebAssembly backend package: registers the `wasm` backend. */
export const TFJS_WASM_MODULE = "@tensorflow/tfjs-backend-wasm";

/**
 * Imports a module by its package name. The default uses `import()`; tests replace it to simulate tfjs-node being
 * absent or failing, and bundler setups can use it to hand over modules they bundled themselves.
 */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** Options that choose the TensorFlow.js runtime. */
export interface TfjsRuntimeOptions {
  /**
   * `"auto"` (default): `@tensorflow/tfjs-node` when it is installed and loads, otherwise the pure-JS `cpu`
   * backend. `"tensorflow"`, `"cpu"`, `"wasm"`, `"webgl"`: exactly that backend, or `E_BACKEND` saying how to get it.
   */
  readonly runtime?: TfjsRuntimeName;
  /**
   * Replaces `import()` for the runtime packages (`@tensorflow/tfjs`, `@tensorflow/tfjs-node`,
   * `@tensorflow/tfjs-backend-wasm`). Mainly for tests; also lets a bundled app pass modules it imported itself.
   */
  readonly importModule?: ModuleImporter;
}

/** A resolved runtime: the tf namespace to build tensors and models with, and the backend it was set to. */
export interface TfjsRuntime {
  /**
   * The namespace every tensor, model and IO handler is made with. With tfjs-node it is the namespace tfjs-node
   * exports (its own `@tensorflow/tfjs`), not the copy this package's peer dependency resolves to, so that class
   * identity (`instanceof Tensor`), the kernel registry and the backend all belong to one copy.
   */
  readonly tf: TfjsNamespace;
  /** The tfjs backend the runtime set: `tf.getBackend()` right after resolution. */
  readonly backendName: TfjsBackendName;
  /** What runs the model, for `Model.runtime`: `"tfjs 4.22.0 (cpu)"`, `"tfjs-node 4.22.0 (tensorflow)"`. */
  readonly description: string;
  /** Why `"auto"` did not get tfjs-node (not installed, or failed to load), or undefined when it did not fall back. */
  readonly fallbackReason: string | undefined;
}

/**
 * The default importer. `@tensorflow/tfjs` is imported with a literal specifier so that bundlers include it; the
 * optional packages go through a variable specifier so that a bundle for the browser neither pulls tfjs-node in
 * nor fails to build without it.
 */
const defaultImportModule: ModuleImporter = (specifier) =>
  specifier === TFJS_MODULE ? import("@tensorflow/tfjs") : import(/* @vite-ignore */ specifier);

/** True when `value` has the functions this package calls on a tf namespace. */
function looksLikeTfjs(value: unknown): value is TfjsNamespace {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.tensor2d === "function" &&
    typeof candidate.setBackend === "function" &&
    typeof candidate.loadLayersModel === "function"
  );
}

/**
 * The tf namespace of an imported module: the CommonJS `module.exports` (`default`) when Node wrapped it (it holds
 * every export, including those the ESM wrapper could not detect), the namespace itself for ES modules.
 */
function namespaceOf(module: unknown, specifier: string): TfjsNamespace {
  const defaultExport = (module as { default?: unknown } | null)?.default;
  if (looksLikeTfjs(defaultExport)) return defaultExport;
  if (looksLikeTfjs(module)) return module;
  throw new CalibraError(
    ErrorCodes.BACKEND,
    `"${specifier}" loaded, but it does not export TensorFlow.js (no tensor2d/setBackend/loadLayersModel). Check that the installed package is the real one.`,
    { details: { module: specifier } },
  );
}

/** True for the error Node (or a bundler) raises when a package is not installed. */
function isModuleNotFound(error: unknown, specifier: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return true;
  return (
    typeof message === "string" &&
    /cannot find (module|package)/i.test(message) &&
    message.includes(specifier)
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function importTfjs(importModule: ModuleImporter): Promise<TfjsNamespace> {
  let module: unknown;
  try {
    module = await importModule(TFJS_MODULE);
  } catch (cause) {
    throw new CalibraError(
      ErrorCodes.BACKEND,
      `cannot load ${TFJS_MODULE}: ${messageOf(cause)}. Install it next to @calibra/backend-tfjs: npm install ${TFJS_MODULE}.`,
      { cause, details: { module: TFJS_MODULE } },
    );
  }
  return namespaceOf(module, TFJS_MODULE);
}

/** Switches tfjs to `backendName` and waits until it is ready; false when tfjs refuses or the backend fails to start. */
async function trySetBackend(tf: TfjsNamespace, backendName: TfjsBackendName): Promise<unknown> {
  try {
    const ok = await tf.setBackend(backendName);
    if (!ok) return new Error(`tf.setBackend("${backendName}") returned false`);
    await tf.ready();
    return tf.getBackend() === backendName ? undefined : new Error(`tfjs runs "${tf.getBackend()}" instead`);
  } catch (cause) {
    return cause;
  }
}

function versionOf(tf: TfjsNamespace, key: string): string {
  const versions = tf.version as unknown as Record<string, string | undefined>;
  return versions[key] ?? versions["tfjs-core"] ?? "unknown";
}

/** What a user must do to get each explicitly requested backend. */
const HOW_TO_GET: Record<TfjsBackendName, string> = {
  tensorflow: `install ${TFJS_NODE_MODULE} (npm install ${TFJS_NODE_MODULE}; it downloads libtensorflow when it installs, so it needs network access then and a supported platform), or use runtime "cpu"`,
  cpu: `install ${TFJS_MODULE} (npm install ${TFJS_MODULE})`,
  wasm: `install ${TFJS_WASM_MODULE} (npm install ${TFJS_WASM_MODULE}) and make its .wasm files reachable, or use runtime "cpu"`,
  webgl: 'run in a browser with WebGL (Node has no WebGL; there use runtime "auto", "tensorflow" or "cpu")',
};

function unavailable(backendName: TfjsBackendName, detail: string, cause: unknown): CalibraError {
  return new CalibraError(
    ErrorCodes.BACKEND,
    `the tfjs runtime "${backendName}" is not available: ${detail}. To use it, ${HOW_TO_GET[backendName]}.`,
    { cause, details: { runtime: backendName } },
  );
}

/** Loads tfjs-node and switches to its `tensorflow` backend; throws `E_BACKEND` when either step fails. */
async function tensorflowRuntime(importModule: ModuleImporter): Promise<TfjsRuntime> {
  let module: unknown;
  try {
    module = await importModule(TFJS_NODE_MODULE);
  } catch (cause) {
    const detail = isModuleNotFound(cause, TFJS_NODE_MODULE)
      ? `${TFJS_NODE_MODULE} is not installed`
      : `${TFJS_NODE_MODULE} failed to load (${messageOf(cause)})`;
    throw unavailable("tensorflow", detail, cause);
  }
  const tf = namespaceOf(module, TFJS_NODE_MODULE);
  const failure = await trySetBackend(tf, "tensorflow");
  if (failure !== undefined) {
    throw unavailable(
      "tensorflow",
      `${TFJS_NODE_MODULE} loaded but its backend did not start (${messageOf(failure)})`,
      failure,
    );
  }
  return {
    tf,
    backendName: "tensorflow",
    description: `tfjs-node ${versionOf(tf, "tfjs-node")} (tensorflow)`,
    fallbackReason: undefined,
  };
}

/** Loads pure-JS tfjs (and for `wasm` the wasm package) and switches to `backendName`. */
async function javascriptRuntime(
  importModule: ModuleImporter,
  backendName: Exclude<TfjsBackendName, "tensorflow">,
  fallbackReason: string | undefined,
): Promise<TfjsRuntime> {
  const tf = await importTfjs(importModule);
  if (backendName === "wasm") {
    try {
      await importModule(TFJS_WASM_MODULE); // registers the "wasm" backend with the (global) tfjs engine
    } catch (cause) {
      const detail = isModuleNotFound(cause, TFJS_WASM_MODULE)
        ? `${TFJS_WASM_MODULE} is not installed`
        : `${TFJS_WASM_MODULE} failed to load (${messageOf(cause)})`;
      throw unavailable("wasm", detail, cause);
    }
  }
  const failure = await trySetBackend(tf, backendName);
  if (failure !== undefined) throw unavailable(backendName, messageOf(failure), failure);
  return {
    tf,
    backendName,
    description: `tfjs ${versionOf(tf, "tfjs")} (${backendName})`,
    fallbackReason,
  };
}

/** Checks `options.runtime` and returns it, defaulting to `"auto"`. */
export function checkRuntimeName(runtime: unknown): TfjsRuntimeName {
  if (runtime === undefined) return "auto";
  if (typeof runtime === "string" && (TFJS_RUNTIMES as readonly string[]).includes(runtime)) {
    return runtime as TfjsRuntimeName;
  }
  throw new CalibraError(
    ErrorCodes.INVALID_OPTIONS,
    `options.runtime is ${JSON.stringify(runtime)}; use one of ${TFJS_RUNTIMES.map((name) => `"${name}"`).join(", ")}.`,
    { details: { runtime } },
  );
}

/**
 * Picks the TensorFlow.js runtime and sets tfjs's (process-wide) backend to it.
 *
 * - `"auto"`: `import("@tensorflow/tfjs-node")`, which registers and selects the native `tensorflow` backend; when
 *   the package is missing or fails to load (its native addon or libtensorflow absent), falls back to
 *   `@tensorflow/tfjs` on `cpu` and says why in `fallbackReason`.
 * - `"tensorflow"` / `"cpu"` / `"wasm"` / `"webgl"`: that backend or a `CalibraError` `E_BACKEND` that says how to
 *   get it, with the underlying error as `cause`.
 *
 * tfjs keeps one engine per process (on the global object, shared even by two copies of tfjs-core), so the
 * backend set here is the one every tfjs user in the process sees; models loaded by this package switch back to
 * their own backend before each batch.
 */
export async function resolveTfjsRuntime(options: TfjsRuntimeOptions = {}): Promise<TfjsRuntime> {
  const runtime = checkRuntimeName(options.runtime);
  const importModule = options.importModule ?? defaultImportModule;
  if (typeof importModule !== "function") {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      "options.importModule must be a function (specifier) => Promise<module>.",
    );
  }
  switch (runtime) {
    case "tensorflow":
      return tensorflowRuntime(importModule);
    case "cpu":
    case "wasm":
    case "webgl":
      return javascriptRuntime(importModule, runtime, undefined);
    case "auto": {
      try {
        return await tensorflowRuntime(importModule);
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause ?? error;
        const reason = isModuleNotFound(cause, TFJS_NODE_MODULE)
          ? `${TFJS_NODE_MODULE} is not installed`
          : `${TFJS_NODE_MODULE} failed to load: ${messageOf(cause)}`;
        return javascriptRuntime(importModule, "cpu", reason);
      }
    }
  }
}
