import type { ComponentKind } from "./contracts/plugin.js";

/**
 * State that must be shared by every copy of `@calibra/core` loaded in one process (two installs side by side
 * are common in monorepos). It lives on `globalThis` under a registered symbol, as TensorFlow.js keeps its
 * singletons, so a plugin registered through one copy is visible through the other.
 */
interface CalibraGlobalState {
  /** Which plugin provides each definition object, recorded by `definePlugin`. */
  readonly providers: WeakMap<object, { plugin: string; kind: ComponentKind }>;
  /** The default registry, created on first use. */
  defaultRegistry: unknown;
}

const STATE_KEY = Symbol.for("calibra.core.state");

/** The process-wide state, created on first use. */
export function globalState(): CalibraGlobalState {
  const holder = globalThis as unknown as Record<symbol, CalibraGlobalState | undefined>;
  let state = holder[STATE_KEY];
  if (state === undefined) {
    state = { providers: new WeakMap(), defaultRegistry: undefined };
    holder[STATE_KEY] = state;
  }
  return state;
}
