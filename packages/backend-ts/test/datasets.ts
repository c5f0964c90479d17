import { readFileSync } from "node:fs";
import { datasetPath } from "@calibra/fixtures";
import { parse } from "csv-parse/sync";

/** A fixture dataset as a row-major float64 matrix and 0/1 labels. */
export interface Dataset {
  readonly features: Float64Array;
  readonly rows: number;
  readonly columns: number;
  readonly labels: Uint8Array;
  readonly featureNames: string[];
}

/** Reads tooling/fixtures/data/<name>.csv: every column but `labelColumn` is a numeric feature. */
export function loadDataset(name: string, labelColumn: string, positive: string): Dataset {
  const records = parse(readFileSync(datasetPath(name), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
  const featureNames = Object.keys(records[0] ?? {}).filter((column) => column !== labelColumn);
  const rows = records.length;
  const columns = featureNames.length;
  const features = new Float64Array(rows * columns);
  const labels = new Uint8Array(rows);
  records.forEach((record, i) => {
    featureNames.forEach((column, j) => {
      features[i * columns + j] = Number(record[column]);
    });
    labels[i] = record[labelColumn] === positive ? 1 : 0;
  });
  return { features, rows, columns, labels, featureNames };
}
