import { CalibraError, ErrorCodes } from "@calibra/core";

/** A component named on the command line: `histogram:bins=20,strategy=quantile` → id and options. */
export interface ComponentSpec {
  readonly id: string;
  readonly options: Record<string, number | boolean | string>;
}

/** `"20"` → 20, `"true"` → true, anything else stays text. */
function optionValue(text: string): number | boolean | string {
  if (text === "true") return true;
  if (text === "false") return false;
  const number = Number(text);
  return text.trim() !== "" && Number.isFinite(number) ? number : text;
}

/**
 * Parses `ID` or `ID:key=value,key=value`. Values that read as numbers or booleans become them. `what` names the
 * flag in messages (`--method`). `E_INVALID_OPTIONS` for an empty id or an option without `=`.
 */
export function parseComponentSpec(text: string, what: string): ComponentSpec {
  const colon = text.indexOf(":");
  const id = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (id === "") {
    throw new CalibraError(ErrorCodes.INVALID_OPTIONS, `${what} "${text}" names no component.`);
  }
  const options: Record<string, number | boolean | string> = {};
  if (colon >= 0) {
    for (const pair of text.slice(colon + 1).split(",")) {
      if (pair.trim() === "") continue;
      const equals = pair.indexOf("=");
      if (equals <= 0) {
        throw new CalibraError(
          ErrorCodes.INVALID_OPTIONS,
          `${what} "${text}": option "${pair}" is not key=value (for example ${id}:bins=20).`,
        );
      }
      options[pair.slice(0, equals).trim()] = optionValue(pair.slice(equals + 1).trim());
    }
  }
  return { id, options };
}
