import { randomBytes } from "node:crypto";
import type { WriteStream } from "node:fs";
import { type FileHandle, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { writeError } from "./file-errors.js";

/**
 * Bytes the output stream holds before `write` waits for the disk. Several 1 MiB pieces in flight let the next
 * batch be formatted while the previous one is written, without letting a slow disk pile up memory.
 */
const WRITE_HIGH_WATER_MARK = 4 << 20;

/** Random bytes in a temporary file's name, so that two writers of the same path never share a temporary file. */
const TEMP_NAME_RANDOM_BYTES = 6;

/**
 * A text file written atomically: the text goes to a temporary file beside `path` (`.name.<pid>.<random>.tmp`, in
 * the same directory so that the final rename stays on one file system) and only {@link AtomicFile.commit} renames
 * it over `path`. An existing file at `path` is untouched until then; {@link AtomicFile.abort} deletes the
 * temporary file.
 */
export class AtomicFile {
  private state: "open" | "committing" | "committed" | "aborted" = "open";
  private failure: Error | undefined;
  private aborting: Promise<void> | undefined;

  private constructor(
    /** The path as the caller gave it, for messages. */
    readonly path: string,
    /** The temporary file being written. */
    readonly tempPath: string,
    private readonly stream: WriteStream,
  ) {
    // Kept so that a failed write rejects the next write or commit instead of crashing the process.
    stream.on("error", (error) => {
      this.failure ??= writeError(path, error);
    });
  }

  /**
   * Creates the temporary file. `E_IO` naming `path` when its directory does not exist or is not writable, or when
   * `path` is a directory.
   */
  static async create(path: string): Promise<AtomicFile> {
    const target = resolve(path);
    const directory = dirname(target);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) {
      throw writeError(path, Object.assign(new Error("is a directory"), { code: "EISDIR" }));
    }
    const tempPath = join(
      directory,
      `.${basename(target)}.${process.pid}.${randomBytes(TEMP_NAME_RANDOM_BYTES).toString("hex")}.tmp`,
    );
    let handle: FileHandle;
    try {
      handle = await open(tempPath, "wx");
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const hint =
        code === "ENOENT"
          ? `The directory ${directory} does not exist; create it first.`
          : code === "EACCES" || code === "EPERM" || code === "EROFS"
            ? `The directory ${directory} is not writable.`
            : "";
      throw writeError(path, error, hint);
    }
    return new AtomicFile(path, tempPath, handle.createWriteStream({ highWaterMark: WRITE_HIGH_WATER_MARK }));
  }

  /** Appends text; waits when the stream's buffer is full ('drain'). `E_IO` when the disk refuses it. */
  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.state !== "open") throw new Error(`${this.path}: write after ${this.state}`);
    if (this.stream.write(text)) return;
    await new Promise<void>((resolveDrain, rejectDrain) => {
      const settle = () => {
        this.stream.off("drain", settle);
        this.stream.off("close", settle);
        if (this.failure) rejectDrain(this.failure);
        else resolveDrain();
      };
      this.stream.on("drain", settle);
      this.stream.on("close", settle);
    });
  }

  /** Flushes and closes the temporary file, then renames it over `path`. `E_IO` (and no file left) on failure. */
  async commit(): Promise<void> {
    if (this.state !== "open") throw new Error(`${this.path}: commit after ${this.state}`);
    if (this.failure) throw this.failure;
    this.state = "committing";
    try {
      await new Promise<void>((resolveClose) => {
        this.stream.once("close", resolveClose);
        this.stream.end();
      });
      if (this.failure) throw this.failure;
      try {
        await rename(this.tempPath, this.path);
      } catch (error) {
        throw writeError(this.path, error);
      }
      this.state = "committed";
    } catch (error) {
      this.state = "aborted";
      await unlink(this.tempPath).catch(() => undefined);
      throw error;
    }
  }

  /** Closes and deletes the temporary file, leaving `path` as it was. Safe after a failure and twice; a no-op after commit. */
  abort(): Promise<void> {
    if (this.state === "committed" || this.state === "committing") return Promise.resolve();
    this.aborting ??= (async () => {
      this.state = "aborted";
      if (!this.stream.closed) {
        await new Promise<void>((resolveClose) => {
          this.stream.once("close", resolveClose);
          this.stream.destroy();
        });
      }
      await unlink(this.tempPath).catch(() => undefined);
    })();
    return this.aborting;
  }
}
