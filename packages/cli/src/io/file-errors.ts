import { CalibraError, ErrorCodes } from "@calibra/core";

/** Why an operating-system error stopped a read or a write, in words, from its errno code. */
function reason(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory, not a file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    default:
      return cause instanceof Error ? cause.message : String(cause);
  }
}

/** `E_IO` for a file that cannot be read: names the path and the reason, keeps the system error as `cause`. */
export function readError(path: string, cause: unknown): CalibraError {
  return new CalibraError(ErrorCodes.IO, `cannot read ${path}: ${reason(cause)}.`, {
    cause,
    details: { path, code: (cause as { code?: unknown } | null)?.code },
  });
}

/** `E_IO` for a file that cannot be written: names the path and the reason, keeps the system error as `cause`. */
export function writeError(path: string, cause: unknown, hint = ""): CalibraError {
  return new CalibraError(ErrorCodes.IO, `cannot write ${path}: ${reason(cause)}.${hint ? ` ${hint}` : ""}`, {
    cause,
    details: { path, code: (cause as { code?: unknown } | null)?.code },
  });
}

/**
 * `E_DATA_FORMAT` for something wrong at one line of a data file: `file:line: message`, so that editors and
 * terminals can jump to it.
 */
export function dataFormatError(file: string, line: number, message: string): CalibraError {
  return new CalibraError(ErrorCodes.DATA_FORMAT, `${file}:${line}: ${message}`, { details: { file, line } });
}
