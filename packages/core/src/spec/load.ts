import { z } from "zod";
import { createActivation } from "../components/activation.js";
import { calibratorFromParams } from "../components/calibrator.js";
import { thresholderFromSpec } from "../components/thresholder.js";
import { CalibraError, ErrorCodes } from "../errors.js";
import { Pipeline } from "../pipeline/pipeline.js";
import { defaultRegistry, type Registry } from "../registry.js";
import { validateWithSchema } from "../schema/standard-schema.js";
import { SPEC_FORMAT, SPEC_VERSION } from "./spec-types.js";

const component = z
  .object({
    type: z.string().min(1),
    plugin: z.string().min(1).optional(),
    params: z.unknown(),
  })
  .strict();

const prevalence = z.number().gt(0).lt(1);

const pipelineSpecSchema = z
  .object({
    format: z.literal(SPEC_FORMAT),
    version: z.literal(SPEC_VERSION),
    classes: z.object({ positive: z.string().min(1), negative: z.string().min(1) }).strict(),
    activation: component,
    calibrator: component.nullable(),
    priorShift: z.object({ trainPrevalence: prevalence, deployPrevalence: prevalence }).strict().nullable(),
    threshold: component
      .extend({
        value: z.number().min(0).max(1),
        details: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
      })
      .strict(),
    fit: z
      .object({
        rows: z.number().int().nonnegative(),
        prevalence: z.number().min(0).max(1),
        weighted: z.boolean(),
        fittedAt: z.string(),
        scoreColumns: z.array(z.string().min(1)).min(1).max(2).optional(),
        labelColumn: z.string().min(1).optional(),
      })
      .strict()
      .nullable(),
  })
  .strict();

/** Options for {@link loadPipeline}. */
export interface LoadPipelineOptions {
  /** Where components are looked up (the default registry when omitted). */
  readonly registry?: Registry;
  /** Name of the file the spec came from, for error messages. */
  readonly source?: string;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CalibraError(
      ErrorCodes.SPEC_INVALID,
      `${source} is not valid JSON (${(error as Error).message}). A pipeline spec is a JSON document written by ` +
        "pipeline.toJSON() or `calibra fit`.",
      { cause: error },
    );
  }
}

/**
 * Reads a pipeline spec (a JSON string or an already-parsed object) and rebuilds the pipeline through the
 * registry. The whole document is validated first; unknown versions (`E_SPEC_VERSION`), malformed fields
 * (`E_SPEC_INVALID`, naming each path), and components no registered plugin provides (`E_UNKNOWN_COMPONENT`,
 * naming the plugin that would) are refused. Nothing in the document is ever executed.
 */
export function loadPipeline(spec: unknown, options: LoadPipelineOptions = {}): Pipeline {
  const source = options.source ?? "pipeline spec";
  const document = typeof spec === "string" ? parseJson(spec, source) : spec;
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new CalibraError(ErrorCodes.SPEC_INVALID, `${source} must be a JSON object.`);
  }
  const header = document as { format?: unknown; version?: unknown };
  if (header.format !== SPEC_FORMAT) {
    throw new CalibraError(
      ErrorCodes.SPEC_INVALID,
      `${source} is not a Calibra pipeline: its "format" is ${JSON.stringify(header.format) ?? "missing"}, ` +
        `expected "${SPEC_FORMAT}".`,
    );
  }
  if (header.version !== SPEC_VERSION) {
    throw new CalibraError(
      ErrorCodes.SPEC_VERSION,
      `${source} is a ${SPEC_FORMAT} of version ${JSON.stringify(header.version) ?? "(missing)"}, but this ` +
        `@calibra/core reads version ${SPEC_VERSION}. ` +
        (typeof header.version === "number" && header.version > SPEC_VERSION
          ? "Upgrade @calibra/core (and @calibra/cli) to read it."
          : "Re-create the pipeline with `calibra fit`."),
      { details: { version: header.version, supported: [SPEC_VERSION] } },
    );
  }
  const parsed = validateWithSchema(pipelineSpecSchema, document, source, ErrorCodes.SPEC_INVALID);
  const registry = options.registry ?? defaultRegistry();

  const activationDefinition = registry.activation(parsed.activation.type, {
    plugin: parsed.activation.plugin,
  });
  let activation: ReturnType<typeof createActivation>;
  try {
    activation = createActivation(activationDefinition, parsed.activation.params ?? {});
  } catch (error) {
    throw respec(error, `${source}: activation.params`);
  }
  const calibrator =
    parsed.calibrator === null
      ? null
      : calibratorFromParams(
          registry.calibrator(parsed.calibrator.type, { plugin: parsed.calibrator.plugin }),
          parsed.calibrator.params,
          `${source}: calibrator.params`,
        );
  const thresholder = thresholderFromSpec(
    registry.thresholder(parsed.threshold.type, { plugin: parsed.threshold.plugin }),
    parsed.threshold.params ?? {},
    parsed.threshold.value,
    parsed.threshold.details,
    `${source}: threshold.params`,
  );
  return new Pipeline({
    classes: parsed.classes,
    activation,
    calibrator,
    priorShift: parsed.priorShift,
    thresholder,
    fit: parsed.fit,
  });
}

/** Re-labels an options error raised while reading a spec as a spec error, keeping its message. */
function respec(error: unknown, where: string): unknown {
  if (error instanceof CalibraError && error.code === ErrorCodes.INVALID_OPTIONS) {
    return new CalibraError(ErrorCodes.SPEC_INVALID, `${where}: ${error.message}`, {
      cause: error,
      details: error.details,
    });
  }
  return error;
}
