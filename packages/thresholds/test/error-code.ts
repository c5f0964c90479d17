import { CalibraError, isCalibraError } from "@calibra/core";

/** The code of the CalibraError `action` throws, or a description of what it did instead. */
export function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return isCalibraError(error) ? error.code : `not a CalibraError: ${String(error)}`;
  }
  return "no error";
}

/** The CalibraError `action` throws (fails the test when it throws nothing or something else). */
export function errorOf(action: () => unknown): CalibraError {
  try {
    action();
  } catch (error) {
    if (error instanceof CalibraError) return error;
    throw new Error(`expected a CalibraError, got ${String(error)}`);
  }
  throw new Error("expected a CalibraError, nothing was thrown");
}
