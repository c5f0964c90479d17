/** The key of `userDefinedMetadata` under which {@link toTfjsLayersModel} records the Calibra model's details. */
export const CALIBRA_METADATA_KEY = "calibra";

/** The field of `userDefinedMetadata.calibra` that holds the features' names, in input order. */
export const FEATURE_NAMES_FIELD = "featureNames";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads the features' names from a `model.json`'s `userDefinedMetadata` (LayersModel and GraphModel alike):
 * `userDefinedMetadata.calibra.featureNames`, a non-empty JSON array of strings with one name per feature. Anything
 * else — no metadata, a `calibra` entry that is not an object, names that are not an array, an entry that is not a
 * string, an empty array, or a length other than `featureCount` — gives `undefined`. The names are an optional
 * convenience, so a malformed entry is ignored rather than thrown: it must never stop a model from loading.
 */
export function featureNamesFromMetadata(
  userDefinedMetadata: unknown,
  featureCount: number | undefined,
): readonly string[] | undefined {
  if (!isRecord(userDefinedMetadata)) return undefined;
  const calibra = userDefinedMetadata[CALIBRA_METADATA_KEY];
  if (!isRecord(calibra)) return undefined;
  const names = calibra[FEATURE_NAMES_FIELD];
  if (!Array.isArray(names) || names.length === 0) return undefined;
  if (!names.every((name): name is string => typeof name === "string")) return undefined;
  if (featureCount !== undefined && names.length !== featureCount) return undefined;
  return Object.freeze([...names]);
}
