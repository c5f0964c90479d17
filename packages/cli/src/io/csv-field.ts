import { formatCsvNumber } from "./number-text.js";

/**
 * A function that writes text as one CSV field for `delimiter`: as it is, or between double quotes (inner quotes
 * doubled) when it holds the delimiter, a quote or a line break. It remembers the last text it was given, since
 * an output column (a decision, a class name) mostly repeats a few values.
 */
export function csvFieldQuoter(delimiter: string): (text: string) => string {
  const special = new RegExp(`[${delimiter === "\t" ? "\\t" : delimiter}"\\r\\n]`);
  let lastText = "";
  let lastField = "";
  return (text: string): string => {
    if (text === lastText) return lastField;
    lastText = text;
    lastField = special.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    return lastField;
  };
}

/**
 * Any value as a CSV field: strings quoted when needed, numbers as {@link formatCsvNumber}, `null`/`undefined` as
 * the empty field, objects (from JSON input) as their JSON.
 */
export function csvValue(value: unknown, quote: (text: string) => string): string {
  if (typeof value === "string") return quote(value);
  if (typeof value === "number") return formatCsvNumber(value);
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return quote(JSON.stringify(value));
  return quote(String(value));
}
