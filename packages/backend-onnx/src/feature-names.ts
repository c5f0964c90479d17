/** The `metadata_props` key under which {@link exportOnnx} records the features' names, as a JSON array. */
export const FEATURE_NAMES_METADATA_KEY = "calibra.featureNames";

/**
 * Reads the features' names from a `calibra.featureNames` metadata value: a non-empty JSON array of strings, with
 * one name per feature when `featureCount` is known. Anything else — text that is not JSON, not an array, an entry
 * that is not a string, an empty array, or a length other than `featureCount` — gives `undefined`. The names are
 * an optional convenience, so a malformed entry is ignored rather than thrown: it must never stop a model from
 * loading.
 */
export function parseFeatureNames(
  value: string | undefined,
  featureCount: number | undefined,
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // Not JSON: ignored, as documented above.
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  if (!parsed.every((name): name is string => typeof name === "string")) return undefined;
  if (featureCount !== undefined && parsed.length !== featureCount) return undefined;
  return Object.freeze([...parsed]);
}
