import { type FileHandle, open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { dataFormatError, readError } from "./file-errors.js";

/**
 * Bytes read from the file at a time. 1 MiB makes the per-read overhead (a thread-pool round trip, one decoder
 * call, one string) negligible next to the parsing of the ~30 000 rows it holds, while keeping memory small.
 */
export const READ_CHUNK_BYTES = 1 << 20;

/** The byte-order mark, as the UTF-8 decoder hands it over: dropped, it is not part of the first column's name. */
const BYTE_ORDER_MARK = "\uFEFF";

/**
 * A file read as UTF-8 text, one chunk at a time, reporting progress in bytes. The first chunk has its byte-order
 * mark removed; a UTF-16 byte-order mark is refused (the rows would decode as noise).
 */
export class FileText {
  /** Bytes read so far. */
  bytesRead = 0;
  private readonly buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  private readonly decoder = new StringDecoder("utf8");
  private started = false;
  private markChecked = false;
  private ended = false;
  private readonly pushedBack: string[] = [];

  private constructor(
    /** The path as the caller gave it, for messages. */
    readonly path: string,
    private handle: FileHandle | undefined,
    /** The file's size in bytes (0 for a pipe or a device, whose size is unknown). */
    readonly size: number,
    /** Whether the file can be opened and read again from the start (a regular file, not a pipe). */
    readonly rereadable: boolean,
    private readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined,
  ) {}

  /** Opens `path` for reading; `E_IO` naming the path when it is missing, unreadable or a directory. */
  static async open(
    path: string,
    onProgress?: (bytesRead: number, totalBytes: number) => void,
  ): Promise<FileText> {
    let handle: FileHandle;
    try {
      handle = await open(path, "r");
    } catch (error) {
      throw readError(path, error);
    }
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      return new FileText(path, handle, stats.isFile() ? stats.size : 0, stats.isFile(), onProgress);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw readError(path, error);
    }
  }

  /** Makes `text` the next thing {@link FileText.next} returns (text read ahead and not consumed). */
  pushBack(text: string): void {
    if (text !== "") this.pushedBack.push(text);
  }

  /** The next piece of text, or `undefined` at the end of the file (and the file is closed then). */
  async next(): Promise<string | undefined> {
    const pending = this.pushedBack.pop();
    if (pending !== undefined) return pending;
    while (!this.ended) {
      const handle = this.handle;
      if (handle === undefined) return undefined;
      let bytes: number;
      try {
        bytes = (await handle.read(this.buffer, 0, READ_CHUNK_BYTES, null)).bytesRead;
      } catch (error) {
        await this.close();
        throw readError(this.path, error);
      }
      if (bytes === 0) {
        this.ended = true;
        const rest = this.decoder.end();
        await this.close();
        if (rest !== "") return rest;
        break;
      }
      const chunk = this.buffer.subarray(0, bytes);
      if (!this.started) {
        this.started = true;
        if (
          bytes >= 2 &&
          ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        ) {
          await this.close();
          throw dataFormatError(this.path, 1, "the file is UTF-16 encoded; save it as UTF-8 and run again.");
        }
      }
      this.bytesRead += bytes;
      this.onProgress?.(this.bytesRead, this.size);
      let text = this.decoder.write(chunk);
      if (!this.markChecked && text !== "") {
        this.markChecked = true;
        if (text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
      }
      if (text !== "") return text;
    }
    return undefined;
  }

  /** Closes the file; safe to call twice. */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.ended = true;
    if (handle !== undefined) await handle.close().catch(() => undefined);
  }
}
