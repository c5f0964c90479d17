import { basename } from "node:path";
import { CalibraError, type EncodedLabels, ErrorCodes, encodeLabels, isCalibraError } from "@calibra/core";
import { missingValuesError, readFeatureMatrix } from "./feature-columns.js";
import { columnIndex, openTable, readStrings } from "./io/index.js";

/** Scores (one or two columns per row, row-major) and raw label texts read from a table. */
export interface LabelledScores {
  readonly file: string;
  readonly rows: number;
  /** `rows × scoreColumns.length` numbers, row-major. */
  readonly raw: Float64Array;
  readonly scoreColumns: readonly string[];
  /** Label texts, one per row; undefined when no label column was asked for. */
  readonly labels: string[] | undefined;
}

/** Grows a Float64Array by doubling, so reading n rows copies O(n) numbers in all. */
function ensureCapacity(array: Float64Array, needed: number): Float64Array {
  if (needed <= array.length) return array;
  const grown = new Float64Array(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

/** Counts missing values and remembers the first one's line, for one message after the whole file is read. */
class MissingValues {
  count = 0;
  firstLine = 0;
  note(line: number): void {
    if (this.count++ === 0) this.firstLine = line;
  }
}

/**
 * Reads a whole table's score columns (and label column, when named) into memory, for commands that fit or
 * evaluate. Refuses, after reading everything so that the message can count them: rows with a missing or NaN
 * score (`E_NAN_INPUT`: how many, and the first line), rows without a label (`E_MISSING_LABEL`, the same), and a
 * file without data rows (`E_EMPTY_INPUT`).
 */
export async function readLabelledScores(
  path: string,
  scoreColumns: readonly string[],
  labelColumn: string | undefined,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<LabelledScores> {
  const file = basename(path);
  const reader = await openTable(path, onProgress ? { onProgress } : {});
  const scoreIndices = scoreColumns.map((name) => columnIndex(reader.columns, name, file));
  const labelIndex = labelColumn === undefined ? undefined : columnIndex(reader.columns, labelColumn, file);
  const width = scoreColumns.length;
  let raw: Float64Array = new Float64Array(1024 * width);
  const labels: string[] | undefined = labelIndex === undefined ? undefined : [];
  const missingScores = new MissingValues();
  const missingLabels = new MissingValues();
  let column = new Float64Array(0);
  let rows = 0;
  for await (const batch of reader) {
    raw = ensureCapacity(raw, (rows + batch.rows) * width);
    if (column.length < batch.rows) column = new Float64Array(batch.rows);
    const missing = readFeatureMatrix(
      batch,
      file,
      scoreColumns,
      scoreIndices,
      raw.subarray(rows * width),
      column,
    );
    if (missing.missingRows > 0) {
      if (missingScores.count === 0) missingScores.firstLine = missing.firstMissingLine;
      missingScores.count += missing.missingRows;
    }
    if (labels && labelIndex !== undefined) {
      const texts = readStrings(batch, labelIndex);
      for (let i = 0; i < texts.length; i++) {
        const text = (texts[i] as string).trim();
        if (text === "") missingLabels.note(batch.line(i));
        labels.push(text);
      }
    }
    rows += batch.rows;
  }
  if (rows === 0) {
    throw new CalibraError(ErrorCodes.EMPTY_INPUT, `${file} has no data rows.`, { details: { file } });
  }
  if (missingScores.count > 0) {
    throw missingValuesError(file, "score", missingScores.count, rows, missingScores.firstLine);
  }
  if (missingLabels.count > 0) {
    throw new CalibraError(
      ErrorCodes.MISSING_LABEL,
      `${file}: ${missingLabels.count} of ${rows} rows have no label in "${labelColumn}", the first on line ${missingLabels.firstLine}.`,
      { details: { file, rows: missingLabels.count, line: missingLabels.firstLine } },
    );
  }
  return { file, rows, raw: raw.subarray(0, rows * width), scoreColumns, labels };
}

/**
 * core's `encodeLabels` on a file's label column, its errors (a third class, an unknown positive class, one class)
 * prefixed with the file and column they concern.
 */
export function encodeLabelColumn(
  texts: readonly string[],
  classes: { readonly positive: string; readonly negative?: string | undefined },
  file: string,
  column: string,
): EncodedLabels {
  try {
    return encodeLabels(texts, {
      positive: classes.positive,
      ...(classes.negative !== undefined ? { negative: classes.negative } : {}),
    });
  } catch (error) {
    if (!isCalibraError(error)) throw error;
    throw new CalibraError(error.code, `${file}: column "${column}": ${error.message}`, {
      cause: error,
      details: error.details,
    });
  }
}
