import { CalibraError, type ErrorCode } from "../errors.js";

/**
 * The Standard Schema interface (https://standardschema.dev), copied as its authors intend, so that a plugin can
 * describe its options and parameters with any validator that implements it (zod, valibot, arktype…) and core
 * depends on none of them.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema["~standard"]["types"]
  >["output"];
}

function formatPath(prefix: string, path: StandardSchemaV1.Issue["path"]): string {
  const parts = (path ?? []).map((segment) =>
    String(typeof segment === "object" && segment !== null ? segment.key : segment),
  );
  return [prefix, ...parts].filter((part) => part !== "").join(".");
}

/**
 * Validates `value` against a Standard Schema synchronously and returns the parsed output, or throws a
 * {@link CalibraError} with `code` whose message lists every issue with its path under `where`.
 */
export function validateWithSchema<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
  where: string,
  code: ErrorCode,
): Output {
  const result = schema["~standard"].validate(value);
  if (result instanceof Promise) {
    throw new CalibraError(
      code,
      `${where}: the schema validates asynchronously; Calibra needs synchronous schemas.`,
    );
  }
  if (result.issues) {
    const lines = result.issues.map((issue) => `  ${formatPath(where, issue.path)}: ${issue.message}`);
    throw new CalibraError(code, `${where} is not valid:\n${lines.join("\n")}`, {
      details: {
        issues: result.issues.map((issue) => ({ path: formatPath("", issue.path), message: issue.message })),
      },
    });
  }
  return result.value;
}
