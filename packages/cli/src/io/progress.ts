import { SingleBar } from "cli-progress";

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** `--quiet`: no bar. */
  readonly quiet?: boolean;
  /** Where the bar is drawn (default `process.stderr`); only a terminal (`isTTY`) gets one. */
  readonly stream?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** What is being done, shown before the bar (`reading`, `applying`). */
  readonly label: string;
}

/** A progress bar over the bytes of a file, or nothing (when not on a terminal, or quiet). */
export interface Progress {
  /** Moves the bar to `bytesRead` of `totalBytes` (starting it on the first call); a {@link TableReadOptions} hook. */
  readonly onProgress: (bytesRead: number, totalBytes: number) => void;
  /** Removes the bar; safe to call twice, and when it never started. */
  readonly stop: () => void;
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"];
/** Bytes per unit step: decimal, as file managers and `ls -h --si` show sizes. */
const BYTES_PER_UNIT = 1000;

/** A byte count for people: `812 B`, `31.6 MB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= BYTES_PER_UNIT && unit < BYTE_UNITS.length - 1) {
    value /= BYTES_PER_UNIT;
    unit++;
  }
  return unit === 0 ? `${value} ${BYTE_UNITS[0]}` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** The progress that shows nothing. */
const NO_PROGRESS: Progress = { onProgress: () => undefined, stop: () => undefined };

/**
 * A progress bar (cli-progress) over the bytes of the file being read, drawn on `stream` when it is a terminal and
 * not `quiet`; otherwise both functions do nothing, so that piped or logged output stays clean. A file of unknown
 * size (a pipe) gets no bar.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || stream.isTTY !== true) return NO_PROGRESS;
  const bar = new SingleBar({
    stream,
    format: `${options.label} {bar} {percentage}% | {done} of {size} | ETA {eta_formatted}`,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: false,
    clearOnComplete: true,
    etaBuffer: 20,
  });
  let started = false;
  let stopped = false;
  return {
    onProgress: (bytesRead, totalBytes) => {
      if (stopped || !(totalBytes > 0)) return;
      const payload = { done: formatBytes(bytesRead), size: formatBytes(totalBytes) };
      if (!started) {
        started = true;
        bar.start(totalBytes, bytesRead, payload);
      } else bar.update(bytesRead, payload);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (started) bar.stop();
    },
  };
}
