import { CalibraError, ErrorCodes } from "../errors.js";

/** The names of the two classes. Every probability Calibra outputs is P(class = positive). */
export interface ClassNames {
  readonly positive: string;
  readonly negative: string;
}

/** Labels as 0/1 bytes (1 = the positive class) together with the class names they stand for. */
export interface EncodedLabels {
  readonly labels: Uint8Array;
  readonly classes: ClassNames;
  /** Rows of the positive class. */
  readonly positives: number;
  /** Rows of the negative class. */
  readonly negatives: number;
}

/** A raw label value as it comes from a file or an array: 0/1, true/false, "imminent"… */
export type RawLabel = string | number | boolean | bigint | null | undefined;

/** Options for {@link encodeLabels}. */
export interface EncodeLabelsOptions {
  /**
   * The raw value that marks the positive class. It is compared as text, so `1` and `"1"` are the same label.
   * May be omitted when the labels are 0/1 or true/false, in which case 1 / true is positive.
   */
  positive?: string | number | boolean;
  /**
   * The name of the negative class. Needed only when the data hold the positive class alone (scoring data, say);
   * when the data hold both, it must match the other class.
   */
  negative?: string | number | boolean;
}

function isMissing(value: RawLabel): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === "number" && Number.isNaN(value)) ||
    (typeof value === "string" && value.trim() === "")
  );
}

function labelText(value: RawLabel): string {
  return typeof value === "string" ? value.trim() : String(value);
}

function defaultPositive(seen: readonly string[]): string | undefined {
  const set = new Set(seen);
  const inBinary = (candidates: readonly string[]) => seen.every((name) => candidates.includes(name));
  if (inBinary(["0", "1"]) && set.has("1")) return "1";
  if (inBinary(["false", "true"]) && set.has("true")) return "true";
  return undefined;
}

/**
 * Maps raw label values to 0/1 bytes, 1 meaning the positive class, and keeps the class names.
 *
 * Rejects, with a message naming the row: a missing value (`E_MISSING_LABEL`), a third class (`E_LABEL_CLASSES`),
 * a positive label that does not occur (`E_UNKNOWN_POSITIVE`), and data holding a single class when no negative
 * name is given (`E_ONE_CLASS`).
 *
 * @example
 * encodeLabels(["imminent", "non-imminent", "imminent"], { positive: "imminent" })
 * // { labels: Uint8Array [1, 0, 1], classes: { positive: "imminent", negative: "non-imminent" }, … }
 */
export function encodeLabels(values: ArrayLike<RawLabel>, options: EncodeLabelsOptions = {}): EncodedLabels {
  const n = values.length;
  if (n === 0)
    throw new CalibraError(ErrorCodes.EMPTY_INPUT, "labels are empty: there are no rows to encode.");
  const seen: string[] = [];
  const firstRowOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (isMissing(value)) {
      throw new CalibraError(
        ErrorCodes.MISSING_LABEL,
        `labels: row ${i} has no label (${String(value)}). Every row used for fitting needs one of the two classes.`,
        { details: { row: i } },
      );
    }
    const text = labelText(value);
    if (!firstRowOf.has(text)) {
      firstRowOf.set(text, i);
      seen.push(text);
      if (seen.length > 2) {
        throw new CalibraError(
          ErrorCodes.LABEL_CLASSES,
          `labels: found a third class "${text}" at row ${i} besides "${seen[0]}" and "${seen[1]}". ` +
            "Calibra works on binary problems: map the classes to two before calibrating.",
          { details: { row: i, classes: [...seen] } },
        );
      }
    }
  }

  const positive = options.positive === undefined ? defaultPositive(seen) : String(options.positive).trim();
  if (positive === undefined) {
    throw new CalibraError(
      ErrorCodes.UNKNOWN_POSITIVE,
      `labels: the classes are ${seen.map((s) => `"${s}"`).join(" and ")}; say which one is positive ` +
        '(for example { positive: "' +
        seen[0] +
        '" }).',
      { details: { classes: seen } },
    );
  }
  if (!firstRowOf.has(positive)) {
    if (seen.length === 2) {
      throw new CalibraError(
        ErrorCodes.UNKNOWN_POSITIVE,
        `labels: the positive class "${positive}" does not occur; the classes are "${seen[0]}" and "${seen[1]}".`,
        { details: { positive, classes: seen } },
      );
    }
  }
  const negativeOption = options.negative === undefined ? undefined : String(options.negative).trim();
  const others = seen.filter((name) => name !== positive);
  let negative: string;
  if (others.length === 1) {
    negative = others[0] as string;
    if (negativeOption !== undefined && negativeOption !== negative) {
      throw new CalibraError(
        ErrorCodes.LABEL_CLASSES,
        `labels: the negative class was given as "${negativeOption}" but the data hold "${negative}".`,
        { details: { negative: negativeOption, found: negative } },
      );
    }
  } else if (negativeOption !== undefined && negativeOption !== positive) {
    negative = negativeOption;
  } else {
    throw new CalibraError(
      ErrorCodes.ONE_CLASS,
      `labels: every row is "${seen[0]}"; both classes are needed, or give the other class's name as { negative }.`,
      { details: { classes: seen } },
    );
  }
  const labels = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (labelText(values[i]) === positive) {
      labels[i] = 1;
      positives++;
    }
  }
  return { labels, classes: { positive, negative }, positives, negatives: n - positives };
}

/**
 * Checks that `labels` holds only 0 and 1 and both of them. Returns the counts.
 * Throws `E_LABEL_CLASSES` (naming the first bad row) or `E_ONE_CLASS`.
 */
export function assertBinaryLabels(labels: ArrayLike<number>): { positives: number; negatives: number } {
  if (labels instanceof Uint8Array) {
    // The hot path (every fit): one branch-free pass over bytes, a second only to name a bad row.
    let positives = 0;
    let others = 0;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i] as number;
      positives += label & 1;
      others |= label & 0xfe;
    }
    if (others === 0) return checkBothClasses(positives, labels.length - positives, labels.length);
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 1) positives++;
    else if (label !== 0) {
      throw new CalibraError(
        ErrorCodes.LABEL_CLASSES,
        `labels: row ${i} is ${String(label)}; labels must be 0 (negative class) or 1 (positive class). ` +
          "Use encodeLabels() to map class names to 0/1.",
        { details: { row: i, value: label } },
      );
    }
  }
  return checkBothClasses(positives, labels.length - positives, labels.length);
}

function checkBothClasses(
  positives: number,
  negatives: number,
  rows: number,
): { positives: number; negatives: number } {
  if (positives === 0 || negatives === 0) {
    throw new CalibraError(
      ErrorCodes.ONE_CLASS,
      `labels: all ${rows} rows are ${positives === 0 ? "negative (0)" : "positive (1)"}; ` +
        "fitting needs rows of both classes.",
      { details: { positives, negatives } },
    );
  }
  return { positives, negatives };
}
