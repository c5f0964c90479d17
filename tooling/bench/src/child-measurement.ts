import { execFileSync, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What a measuring child process prints: its median time and the peak memory it added over the loaded data. */
export interface Measurement {
  readonly rows: number;
  readonly medianMs: number;
  readonly peakExtraMiB: number;
}

/** Debian's python3-sklearn (1.2.1) lives under the system interpreter, not a pyenv one. */
export const SYSTEM_PYTHON = "/usr/bin/python3";

const pythonDirectory = join(dirname(fileURLToPath(import.meta.url)), "..", "python");

/** True when scikit-learn 1.x can be imported by the system Python. */
export function sklearnAvailable(): boolean {
  const probe = spawnSync(SYSTEM_PYTHON, ["-c", "import sklearn; print(sklearn.__version__)"], {
    encoding: "utf8",
  });
  return probe.status === 0 && probe.stdout.trim().startsWith("1.");
}

/**
 * Runs a TypeScript measuring script in a fresh Node process (so its peak memory is its own) and parses the JSON
 * object it prints last.
 */
export function measureInNode<M extends Measurement>(script: string, args: readonly string[]): M {
  const output = execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split("\n").at(-1) as string);
}

/** Runs one of the `python/` measuring scripts under the system Python and parses the JSON object it prints. */
export function measureInPython<M extends Measurement>(script: string, args: readonly string[]): M {
  const output = execFileSync(SYSTEM_PYTHON, [join(pythonDirectory, script), ...args], { encoding: "utf8" });
  return JSON.parse(output.trim());
}
