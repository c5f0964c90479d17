/** Texts read as a missing value (NaN) besides the empty field: what numpy, pandas and R write for NaN. */
const NAN_TEXT = /^\s*[+-]?nan\s*$/i;

/** Infinity as Python and numpy write it (`inf`, `-inf`); `Infinity` itself is already a JavaScript number. */
const INFINITY_TEXT = /^\s*([+-]?)inf\s*$/i;

/**
 * The number a field's text holds, with `Number(text)`'s rules (decimal, exponent, `Infinity`, surrounding spaces
 * ignored), except that an empty or all-space field and `NaN`/`nan` are NaN (a missing value) and `inf`/`-inf` are
 * ±Infinity. `undefined` when the text is not a number at all (`"abc"`).
 */
export function parseNumberText(text: string): number | undefined {
  const value = Number(text);
  if (value === 0) {
    // Number("") and Number("  ") are 0: an empty field is a missing value, not a zero.
    return text.trim() === "" ? Number.NaN : value;
  }
  if (!Number.isNaN(value)) return value;
  if (NAN_TEXT.test(text)) return Number.NaN;
  const infinity = INFINITY_TEXT.exec(text);
  if (infinity) return infinity[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return undefined;
}

/**
 * A number as CSV text that reads back as the same double: the shortest round-trip decimal (`String(x)`), `-0`
 * for negative zero (which `String` writes as `0`), and the empty field for NaN (a missing value).
 */
export function formatCsvNumber(value: number): string {
  if (Number.isNaN(value)) return "";
  if (value === 0 && 1 / value < 0) return "-0";
  return String(value);
}

/**
 * A number as a JSON value that reads back as the same double: as {@link formatCsvNumber}, with `null` for NaN,
 * and `"Infinity"`/`"-Infinity"` as strings (JSON has no infinity; Calibra's reader turns them back into numbers).
 */
export function formatJsonNumber(value: number): string {
  if (Number.isNaN(value)) return "null";
  if (value === 0 && 1 / value < 0) return "-0";
  if (value === Number.POSITIVE_INFINITY) return '"Infinity"';
  if (value === Number.NEGATIVE_INFINITY) return '"-Infinity"';
  return String(value);
}
