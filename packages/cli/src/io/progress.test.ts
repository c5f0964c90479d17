import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress, formatBytes } from "./progress.js";

/** A stream that records what is written to it, posing as a terminal or not. */
function recordingStream(isTTY: boolean): Writable & { isTTY: boolean; columns: number; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return Object.assign(stream, { isTTY, columns: 100, text: () => chunks.join("") });
}

describe("createProgress", () => {
  it("draws a bar over the bytes on a terminal, and removes it on stop", () => {
    const stream = recordingStream(true);
    const progress = createProgress({ stream, label: "applying" });
    progress.onProgress(1000, 4000);
    expect(stream.text()).toContain("applying");
    expect(stream.text()).toContain("25%");
    expect(stream.text()).toContain("1.0 KB of 4.0 KB");
    progress.onProgress(4000, 4000);
    progress.stop();
    expect(stream.text()).toContain("100%");
    const length = stream.text().length;
    progress.stop();
    progress.onProgress(4000, 4000);
    expect(stream.text().length).toBe(length);
  });

  it("does nothing when quiet, off a terminal, or for a file of unknown size", () => {
    for (const [stream, quiet, total] of [
      [recordingStream(true), true, 100],
      [recordingStream(false), false, 100],
      [recordingStream(true), false, 0],
    ] as const) {
      const progress = createProgress({ stream, quiet, label: "reading" });
      progress.onProgress(50, total);
      progress.stop();
      expect(stream.text()).toBe("");
    }
  });
});

describe("formatBytes", () => {
  it("writes sizes in decimal units", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(31_647_162)).toBe("31.6 MB");
    expect(formatBytes(2_500_000_000)).toBe("2.5 GB");
  });
});
