import type { TableBatch } from "./table.js";

/**
 * A batch of some of another batch's rows, in the order of `indices`: for writing a subset (`calibra split`). The
 * rows are re-written field by field rather than copied as text, which is slower but the same table.
 */
export function selectRows(batch: TableBatch, indices: readonly number[]): TableBatch {
  const source = batch.records;
  return {
    columns: batch.columns,
    rows: indices.length,
    firstRow: batch.firstRow,
    records: indices.map((i) => source[i] as readonly unknown[]),
    line: (k) => batch.line(indices[k] as number),
  };
}
